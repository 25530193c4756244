// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "evsesim",
    products: [
        .executable(name: "evsesim", targets: ["evsesim"]),
        .library(name: "EVSEModel", targets: ["EVSEModel"]),
        .library(name: "Scenario", targets: ["Scenario"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .target(name: "SimCore"),
        .target(name: "EVSEModel", dependencies: ["SimCore"]),
        .target(name: "RAPI", dependencies: ["EVSEModel"]),
        .target(name: "EverestAPI", dependencies: ["EVSEModel"]),
        .target(
            name: "Scenario",
            dependencies: ["EVSEModel", "RAPI", "EverestAPI", .product(name: "Logging", package: "swift-log")]
        ),
        .systemLibrary(
            name: "CMosquitto",
            pkgConfig: "libmosquitto",
            providers: [.apt(["libmosquitto-dev"])]
        ),
        .target(
            name: "Transport",
            dependencies: ["Scenario", "CMosquitto", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "Benchmarks", dependencies: ["Scenario", "Transport", "RAPI", "EverestAPI"]),
        .executableTarget(
            name: "evsesim",
            dependencies: [
                "Scenario", "Transport", "Benchmarks", "RAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SimCoreTests", dependencies: ["SimCore"]),
        .testTarget(name: "EVSEModelTests", dependencies: ["EVSEModel"]),
        .testTarget(name: "RAPITests", dependencies: ["RAPI"]),
        .testTarget(name: "EverestAPITests", dependencies: ["EverestAPI"]),
        .testTarget(
            name: "ScenarioTests",
            dependencies: ["Scenario", .product(name: "InMemoryLogging", package: "swift-log")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TransportTests",
            dependencies: ["Transport", "Scenario", "RAPI", "EverestAPI", "EVSEModel", "SimCore"],
            exclude: ["Clients"]
        ),
        .testTarget(name: "EVSESimTests", dependencies: ["evsesim"]),
    ]
)
