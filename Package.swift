// swift-tools-version: 6.0
import PackageDescription

/// Release builds of the live loop and its MQTT client skip Swift's run-time exclusivity checks:
/// their classes' stored properties are read and written for every publication, and at 10,000
/// stations the checks (`swift_beginAccess`, a thread-local access set) were about 5 % of the
/// CPU. Debug builds, which the tests run, keep them. Only targets outside the library products
/// take the flag: a package with unsafe flags in a product cannot be depended on by version.
let liveLoopSettings: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
]

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
        // OCPP-J over WebSocket (the client side of the OCPP face); brings swift-nio and swift-nio-ssl.
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The model and its engine: no I/O, no wall clock, no system randomness.
        .target(name: "SimCore"),
        .target(name: "EVSEModel", dependencies: ["SimCore"]),
        // One JSON value, parser (authoring and nlohmann policies) and byte writer for everything.
        .target(name: "JSON"),
        // What crosses the edge: one MQTT message type for the EVerest face and the broker client.
        .target(name: "Wire"),
        // The protocol faces: bytes and payloads in, operations on the station out. No I/O.
        .target(name: "RAPI", dependencies: ["EVSEModel", "SimCore"]),
        .target(name: "EverestAPI", dependencies: ["EVSEModel", "SimCore", "JSON", "Wire"]),
        .target(name: "SystemAPI", dependencies: ["EVSEModel", "SimCore", "JSON", "Wire"]),
        // The OCPP 1.6J face: OCPP-J framing, the charge point's side of the Core profile. No I/O.
        .target(name: "OCPP", dependencies: ["EVSEModel", "SimCore", "JSON"]),
        // Scenario and fleet files, profiles, the one step interpreter, the fast runner, traces, reports.
        .target(
            name: "Scenario",
            dependencies: [
                "EVSEModel", "SimCore", "RAPI", "EverestAPI", "SystemAPI", "OCPP", "JSON", "Wire",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .systemLibrary(
            name: "CMosquitto",
            pkgConfig: "libmosquitto",
            providers: [.apt(["libmosquitto-dev"])]
        ),
        // HTTP/file transfers (libcurl) and signature checks (OpenSSL) for the system API.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        // The only code that touches the OS: pty, MQTT client, poll loop, files, signals, transfers.
        .target(
            name: "Transport",
            dependencies: [
                "CMosquitto", "CCurl", "COpenSSL", "SimCore", "Wire", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: liveLoopSettings
        ),
        // The OCPP face's WebSocket connections (NIO threads; frames reach the live loop through a LoopMailbox).
        .target(
            name: "OCPPTransport",
            dependencies: [
                "Transport", .product(name: "WSClient", package: "swift-websocket"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
                .product(name: "WSCore", package: "swift-websocket"),
            ]
        ),
        // Live stations and fleets: the interpreter and the faces wired to real I/O.
        .target(
            name: "Live",
            dependencies: [
                "Transport", "Scenario", "EVSEModel", "SimCore", "RAPI", "EverestAPI", "SystemAPI", "JSON", "Wire",
                "OCPP", "OCPPTransport", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: liveLoopSettings
        ),
        // The control API and dashboard of `serve`: HTTP on its own threads, actions applied on the loop.
        .target(
            name: "Control",
            dependencies: [
                "Live", "Transport", "Scenario", "RAPI", "EVSEModel", "SimCore", "JSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Resources"]
        ),
        // Session reports: HTML pages with SVG charts drawn from a trace. No I/O.
        .target(name: "Reports", dependencies: ["Scenario", "EVSEModel", "SimCore", "JSON"]),
        .target(
            name: "Benchmarks",
            dependencies: [
                "Scenario", "Transport", "Live", "RAPI", "EverestAPI", "EVSEModel", "SimCore", "JSON", "Wire",
                "OCPPTransport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "evsesim",
            dependencies: [
                "Scenario", "Transport", "Live", "Control", "Benchmarks", "RAPI", "EverestAPI", "EVSEModel", "SimCore",
                "JSON", "Reports", "OCPPTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SimCoreTests", dependencies: ["SimCore"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "EVSEModelTests", dependencies: ["EVSEModel", "SimCore"]),
        .testTarget(name: "RAPITests", dependencies: ["RAPI", "EVSEModel", "SimCore"]),
        .testTarget(name: "SystemAPITests", dependencies: ["SystemAPI", "EVSEModel", "SimCore", "JSON", "Wire"]),
        .testTarget(name: "EverestAPITests", dependencies: ["EverestAPI", "EVSEModel", "SimCore", "JSON", "Wire"]),
        .testTarget(
            name: "ScenarioTests",
            dependencies: [
                "Scenario", "EVSEModel", "RAPI", "SimCore", "JSON",
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")]
        ),
        // The I/O edge and live serving, with real ptys, a real broker and real client processes.
        .testTarget(
            name: "TransportTests",
            dependencies: [
                "Transport", "Live", "Scenario", "RAPI", "EverestAPI", "EVSEModel", "SimCore", "JSON", "Wire",
                "CMosquitto", "Control", .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Clients"]
        ),
        .testTarget(name: "EVSESimTests", dependencies: ["evsesim"]),
        .testTarget(
            name: "ReportsTests", dependencies: ["Reports", "Scenario", "EVSEModel", "SimCore", "JSON"],
            exclude: ["Golden", "compare_png.py"]),
        .testTarget(name: "OCPPTests", dependencies: ["OCPP", "EVSEModel", "SimCore", "JSON"]),
    ]
)
