import Testing

@testable import Transport

extension LiveServeTests {
    @Test("the session summary counts dropped RAPI writes only when there is a pty to drop them on")
    func droppedWritesOnlyWithPTY() throws {
        for ptyPath in [nil, uniqueLinkPath("report")] {
            let driver = try LiveDriver(try LiveSetup.configuration(ptyPath: ptyPath), pacing: .scaled(100))
            let run = try driver.run(until: .at(2))
            driver.fleet.stop()
            let summary = driver.fleet.report(run).description
            #expect(summary.contains("RAPI writes dropped while detached") == (ptyPath != nil), "\(summary)")
            #expect(summary.contains("MQTT commands rejected: 0"))
        }
    }
}
