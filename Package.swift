// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "siolint",
    products: [
        .library(name: "SiolintCore", targets: ["SiolintCore"]),
        .executable(name: "siolint", targets: ["siolint"]),
    ],
    targets: [
        .target(name: "SiolintCore"),
        .executableTarget(name: "siolint", dependencies: ["SiolintCore"]),
        .testTarget(name: "SiolintCoreTests", dependencies: ["SiolintCore"]),
    ],
    swiftLanguageModes: [.v6]
)
