import Testing

/// Every live-mode test: real ptys, real client processes, real brokers, on loopback only.
///
/// One serialized parent, so the wall-clock-sensitive tests (cadence, latency) never overlap
/// each other; the nested suites are `PTYSessionTests`, `FleetTests`, `BackgroundScenarioTests`
/// and `ServeExecutableTests`.
@Suite("Live serve", .serialized)
struct LiveServeTests {}
