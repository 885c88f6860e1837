import SiolintCore

/// libFuzzer entry point for the Apache dialect (built and run by `Scripts/fuzz`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzApache(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzPipeline.lint(data, size, server: .apache, path: "/fuzz/httpd.conf")
    return 0
}
