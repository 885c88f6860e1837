import SiolintCore

/// libFuzzer entry point for the Nginx dialect (built and run by `Scripts/fuzz`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNginx(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzPipeline.lint(data, size, server: .nginx, path: "/fuzz/nginx.conf")
    return 0
}
