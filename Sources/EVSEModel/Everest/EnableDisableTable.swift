/// EvseManager's enable/disable priority table for one EVSE (everest-core `Charger::enable_disable()`).
///
/// Every caller (the API's `enable_disable`, OCPP, a key lock, …) owns one row; a call replaces
/// that source's row. The effective state is decided by walking the rows in the order the
/// sources first appeared — the order matters for which source is *reported* when several
/// rows tie — ignoring `Unassigned` rows: the lowest priority number wins, and at equal
/// priority `Disable` beats `Enable`. With no assigned row the EVSE is enabled.
///
/// The table only decides; the station owns the consequences (CP state F, ending a session).
/// ``Outcome`` says which session event EvseManager would emit and what happens to the
/// connector-level flag.
public struct EnableDisableTable: Hashable, Sendable {
    /// The result of one `enable_disable` call.
    public struct Outcome: Hashable, Sendable {
        /// The effective state after the call: what EvseManager's `enable_disable` returns
        /// (not whether the call "succeeded").
        public var isEnabled: Bool
        /// The winning row after the call.
        public var activeSource: EnableDisableRow
        /// The `Enabled`/`Disabled` session event to emit, if the effective state changed to
        /// or from `Disable`. A change of the winning source alone emits nothing.
        public var event: EverestSessionEvent?
        /// The connector-level enabled flag after the call (only non-zero connector ids
        /// change it).
        public var connectorEnabled: Bool
    }

    /// The rows, in the order their sources first called.
    public private(set) var rows: [EnableDisableRow]
    /// The winner as of the last evaluation; ``EnableDisableRow/nobody`` before start-up.
    public private(set) var activeSource: EnableDisableRow
    /// The connector-level enabled flag, set by calls with a non-zero connector id.
    ///
    /// EvseManager leaves its Disabled state on *any* call while this is true, and never
    /// while it is false — so after a connector-level disable, an EVSE-wide (`connector_id`
    /// 0) enable makes the table say "enabled" and emits `Enabled`, yet the EVSE stays
    /// Disabled (`Charger::enable_disable()`, `connector_enabled`).
    public private(set) var connectorEnabled: Bool
    /// Whether the last call had a non-zero connector id; such calls make every later
    /// `Enabled`/`Disabled` event carry `connector_id: 1` (EvseManager's
    /// `connector_status_changed`).
    public private(set) var lastCallWasConnectorLevel: Bool

    /// An empty table, as EvseManager has before ``startUp(disabled:)``.
    public init() {
        rows = []
        activeSource = .nobody
        connectorEnabled = true
        lastCallWasConnectorLevel = false
    }

    /// Whether the table, evaluated now, says the EVSE is enabled.
    public var isEnabled: Bool { Self.evaluate(rows).isEnabled }

    /// Records the start-up row (`Unspecified`, 10000, `Enable` or `Disable`) and returns the
    /// first `Enabled`/`Disabled` event, which EvseManager publishes unconditionally.
    ///
    /// EvseManager signals that event *before* it stores the row
    /// (`Charger::enable_disable_initial_state_publish()`), so the event carries the winner the
    /// charger was created with, Unspecified/Unassigned/10000, and `session_info` shows
    /// `"state": "Unassigned"` until the next Enabled/Disabled event.
    public mutating func startUp(disabled: Bool = false) -> EverestSessionEvent {
        let event = makeEvent(enabled: !disabled)
        let row = EnableDisableRow(
            source: .unspecified, state: disabled ? .disable : .enable, priority: EnableDisableRow.lowestPriority)
        record(row)
        activeSource = row
        return event
    }

    /// Applies one `enable_disable(connector_id, row)` call.
    public mutating func apply(_ row: EnableDisableRow, connectorID: Int = 0) -> Outcome {
        let last = activeSource
        record(row)
        let (enabled, winner) = Self.evaluate(rows)
        activeSource = winner
        lastCallWasConnectorLevel = connectorID != 0
        if connectorID != 0 { connectorEnabled = enabled }
        // Unassigned and Enable count as the same state here, so only a change to or from
        // Disable is an event (`Charger::enable_disable()`).
        let changed = (winner.state == .disable || last.state == .disable) && winner.state != last.state
        return Outcome(
            isEnabled: enabled, activeSource: winner, event: changed ? makeEvent(enabled: enabled) : nil,
            connectorEnabled: connectorEnabled)
    }

    /// The `Enabled`/`Disabled` event as EvseManager would build it now: the current winner as
    /// `source`, and `connector_id: 1` after a connector-level call. The station also needs
    /// this when it re-emits `Disabled` on entering its Disabled state
    /// (`Charger::run_state_machine()`).
    public func makeEvent(enabled: Bool) -> EverestSessionEvent {
        let connector: Int? = lastCallWasConnectorLevel ? 1 : nil
        return enabled
            ? .enabled(source: activeSource, connectorID: connector)
            : .disabled(source: activeSource, connectorID: connector)
    }

    private mutating func record(_ row: EnableDisableRow) {
        if let index = rows.firstIndex(where: { $0.source == row.source }) {
            rows[index] = row
        } else {
            rows.append(row)
        }
    }

    /// The walk of EvseManager's `parse_enable_disable_source_table`: the first assigned row
    /// wins outright (even at priority 10000), later rows take over only with a lower number,
    /// or with an equal number when they say `Disable`.
    static func evaluate(_ rows: [EnableDisableRow]) -> (isEnabled: Bool, winner: EnableDisableRow) {
        var winner = EnableDisableRow.nobody
        for row in rows where row.state != .unassigned {
            if winner.state == .unassigned || row.priority < winner.priority
                || (row.priority == winner.priority && row.state == .disable)
            {
                winner = row
            }
        }
        return (winner.state != .disable, winner)
    }
}
