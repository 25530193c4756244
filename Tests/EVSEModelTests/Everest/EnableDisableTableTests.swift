import Testing

@testable import EVSEModel

@Suite("Enable/disable priority table (EvseManager Charger::enable_disable)")
struct EnableDisableTableTests {
    private func row(_ source: EnableDisableSource, _ state: EnableState, _ priority: Int) -> EnableDisableRow {
        EnableDisableRow(source: source, state: state, priority: priority)
    }

    private func startedTable() -> EnableDisableTable {
        var table = EnableDisableTable()
        _ = table.startUp()
        return table
    }

    @Test("start-up signals the event before it stores the row: the event says Unassigned, the table Enable")
    func startUp() {
        var table = EnableDisableTable()
        #expect(table.activeSource == .nobody)
        let event = table.startUp()
        #expect(event == .enabled(source: row(.unspecified, .unassigned, 10_000)))
        #expect(table.activeSource == row(.unspecified, .enable, 10_000))
        #expect(table.rows == [row(.unspecified, .enable, 10_000)])
        #expect(table.isEnabled)

        var disabledTable = EnableDisableTable()
        #expect(disabledTable.startUp(disabled: true) == .disabled(source: row(.unspecified, .unassigned, 10_000)))
        #expect(disabledTable.activeSource == row(.unspecified, .disable, 10_000))
        #expect(!disabledTable.isEnabled)
    }

    @Test("LocalAPI at 100 beats CSMS at 5000, whichever calls first", arguments: [true, false])
    func localAPIBeatsCSMS(localFirst: Bool) {
        for (localState, csmsState) in [(EnableState.disable, EnableState.enable), (.enable, .disable)] {
            var table = startedTable()
            let local = row(.localAPI, localState, 100)
            let csms = row(.csms, csmsState, 5000)
            let calls = localFirst ? [local, csms] : [csms, local]
            var outcome: EnableDisableTable.Outcome?
            for call in calls { outcome = table.apply(call) }
            #expect(outcome?.isEnabled == (localState == .enable))
            #expect(outcome?.activeSource == local)
        }
    }

    @Test("a source overwrites its own row, whatever the priorities")
    func sameSourceOverwritesItself() {
        var table = startedTable()
        _ = table.apply(row(.csms, .disable, 0))
        let outcome = table.apply(row(.csms, .enable, 9_999))
        #expect(outcome.isEnabled)
        #expect(table.rows.filter { $0.source == .csms } == [row(.csms, .enable, 9_999)])
        #expect(table.rows.count == 2)
    }

    @Test("all rows Unassigned means enabled, with nobody winning")
    func allUnassigned() {
        var table = EnableDisableTable()
        _ = table.apply(row(.localKeyLock, .unassigned, 0))
        let outcome = table.apply(row(.csms, .unassigned, 1))
        #expect(outcome.isEnabled)
        #expect(outcome.activeSource == .nobody)
        #expect(outcome.event == nil)
    }

    @Test("the README example: an Unassigned row at priority 0 lets the next one decide")
    func readmeExample() {
        var table = startedTable()
        _ = table.apply(row(.localAPI, .disable, 42))
        #expect(table.apply(row(.localKeyLock, .enable, 0)).isEnabled)
        let outcome = table.apply(row(.localKeyLock, .unassigned, 0))
        #expect(!outcome.isEnabled)
        #expect(outcome.activeSource == row(.localAPI, .disable, 42))
    }

    @Test("at equal priority Disable beats Enable, in both orders", arguments: [true, false])
    func disableWinsTies(disableFirst: Bool) {
        var table = EnableDisableTable()
        let disable = row(.localAPI, .disable, 5)
        let enable = row(.mobileApp, .enable, 5)
        for call in disableFirst ? [disable, enable] : [enable, disable] { _ = table.apply(call) }
        #expect(!table.isEnabled)
        #expect(table.activeSource == disable)
    }

    @Test("tied Enable rows report the one that called first")
    func tiedEnablesKeepTableOrder() {
        var table = EnableDisableTable()
        _ = table.apply(row(.mobileApp, .enable, 5))
        let outcome = table.apply(row(.csms, .enable, 5))
        #expect(outcome.activeSource.source == .mobileApp)
    }

    @Test("the first assigned row wins outright even at priority 10000")
    func firstAssignedRowWinsAtLowestPriority() {
        var table = startedTable()
        let outcome = table.apply(row(.csms, .disable, 10_000))
        // Same priority as the start-up row, and Disable beats Enable at equal priority.
        #expect(!outcome.isEnabled)
        let enableOutcome = table.apply(row(.csms, .enable, 10_000))
        #expect(enableOutcome.activeSource.source == .unspecified)
    }

    @Test("events only when the effective state changes to or from Disable")
    func eventsOnlyOnEffectiveChange() {
        var table = startedTable()
        let steps: [(EnableDisableRow, EverestSessionEvent?)] = [
            // Winner changes from Unspecified to CSMS, state stays Enable: no event.
            (row(.csms, .enable, 5000), nil),
            (row(.localAPI, .disable, 100), .disabled(source: row(.localAPI, .disable, 100))),
            // Still disabled, now by a stronger row: no event.
            (row(.serviceTechnician, .disable, 1), nil),
            (row(.serviceTechnician, .unassigned, 1), nil),
            (row(.localAPI, .enable, 100), .enabled(source: row(.localAPI, .enable, 100))),
            // Enable → Unassigned-everywhere is not a change either.
            (row(.localAPI, .unassigned, 100), nil),
        ]
        for (call, expected) in steps {
            #expect(table.apply(call).event == expected, "after \(call)")
        }
    }

    @Test("a connector-level disable survives an EVSE-wide enable")
    func connectorLevelRule() {
        var table = startedTable()
        let disable = table.apply(row(.localAPI, .disable, 100), connectorID: 1)
        #expect(disable.connectorEnabled == false)
        #expect(disable.event == .disabled(source: row(.localAPI, .disable, 100), connectorID: 1))

        let enable = table.apply(row(.localAPI, .enable, 100), connectorID: 0)
        #expect(enable.isEnabled)
        #expect(enable.event == .enabled(source: row(.localAPI, .enable, 100), connectorID: nil))
        // The table says enabled, but the connector flag still holds the station in Disabled.
        #expect(enable.connectorEnabled == false)

        let connectorEnable = table.apply(row(.localAPI, .enable, 100), connectorID: 1)
        #expect(connectorEnable.connectorEnabled)
        #expect(connectorEnable.event == nil)
        #expect(table.makeEvent(enabled: true) == .enabled(source: row(.localAPI, .enable, 100), connectorID: 1))
    }
}
