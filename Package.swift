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
        .target(name: "JSON"),
        .target(name: "EVSEModel", dependencies: ["SimCore"]),
        .target(name: "RAPI", dependencies: ["EVSEModel"]),
        .target(name: "EverestAPI", dependencies: ["EVSEModel", "JSON"]),
        .target(
            name: "Scenario",
            dependencies: ["EVSEModel", "RAPI", "EverestAPI", "JSON", .product(name: "Logging", package: "swift-log")]
        ),
        .systemLibrary(
            name: "CMosquitto",
            pkgConfig: "libmosquitto",
            providers: [.apt(["libmosquitto-dev"])]
        ),
        .target(
            name: "Transport",
            dependencies: ["Scenario", "JSON", "CMosquitto", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "Benchmarks", dependencies: ["Scenario", "Transport", "RAPI", "EverestAPI", "JSON"]),
        .executableTarget(
            name: "evsesim",
            dependencies: [
                "Scenario", "Transport", "Benchmarks", "RAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SimCoreTests", dependencies: ["SimCore"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "EVSEModelTests", dependencies: ["EVSEModel"]),
        .testTarget(name: "RAPITests", dependencies: ["RAPI"]),
        .testTarget(name: "EverestAPITests", dependencies: ["EverestAPI", "JSON"]),
        .testTarget(
            name: "ScenarioTests",
            dependencies: ["Scenario", "JSON", .product(name: "InMemoryLogging", package: "swift-log")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TransportTests",
            dependencies: ["Transport", "Scenario", "RAPI", "EverestAPI", "EVSEModel", "SimCore", "JSON"],
            exclude: ["Clients"]
        ),
        .testTarget(name: "EVSESimTests", dependencies: ["evsesim"]),
    ]
)
