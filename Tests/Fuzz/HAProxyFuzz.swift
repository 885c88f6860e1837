import SiolintCore

/// libFuzzer entry point for the HAProxy dialect (built and run by `Scripts/fuzz`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHAProxy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzPipeline.lint(data, size, server: .haproxy, path: "/fuzz/haproxy.cfg")
    return 0
}
