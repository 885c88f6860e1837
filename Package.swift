// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "siolint",
    products: [
        .library(name: "SiolintCore", targets: ["SiolintCore"]),
        .executable(name: "siolint", targets: ["siolint"]),
    ],
    targets: [
        .target(name: "SiolintCore", swiftSettings: [
            // Release builds skip the run-time exclusivity checks (4% of a large file's time went to
            // swift_beginAccess). Debug builds, which run the tests, keep them.
            .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
        ]),
        .executableTarget(name: "siolint", dependencies: ["SiolintCore"]),
        // Golden outputs are read from disk by path (and rewritten with SIOLINT_UPDATE_GOLDEN=1), not bundled.
        .testTarget(name: "SiolintCoreTests", dependencies: ["SiolintCore"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
