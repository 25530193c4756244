import EVSEModel
import SimCore

/// The OpenEVSE controller's serial port: RAPI lines in, replies and async messages out, every
/// command executed on a ``Station``.
///
/// The face is a pure translator (open_evse `rapi_proc.cpp`). It owns the firmware's line
/// receiver, echo mode, the `$AT` bookkeeping and the few settings the station does not model
/// (``RAPIPeripherals``); everything else it reads from, or asks of, the station. It does no I/O:
/// the driver hands it bytes and writes out what it returns.
///
/// The driver's part:
/// - run the station up to the present instant, then pass received bytes to
///   ``receive(_:station:)``; commands act at `station.now`;
/// - after the station processed events, call ``poll(events:station:)`` with the events it
///   drained, so boot messages and `$AT` changes go out. Polling after every event (stepping the
///   station with `step(notAfter:)`) shows every intermediate state, as the firmware's per-cycle
///   check does; polling less often reports only where the station ended up.
///
/// While the controller boots and while it waits to reset after `$FR`, bytes wait in the UART
/// receive buffer (quirk ``RAPIQuirks/blockedDuringBoot``). Not modelled: the firmware's other
/// blocking windows (the GFI self-test before closing the relay, the over-temperature and
/// over-current waits: commands are answered at once), the boot banner texts, `$AN`/`$WF`.
public struct RAPIFace: Sendable {
    /// The firmware build whose command set and buffer length apply.
    public let firmware: RAPIFirmware
    /// The quirk switches in force.
    public let quirks: RAPIQuirks
    /// `$GV` field 1 and the `$AB` version: the profile's, or what a firmware update installed
    /// (taken from the station's boot).
    public internal(set) var firmwareVersion: String
    /// `$GV` field 2, from the profile.
    public let protocolVersion: String
    /// The MCU serial number `$GI` reports: 6 raw bytes, then 4 printed as hex.
    public let mcuID: [UInt8]
    /// The line receiver, with its buffer and echo mode.
    public internal(set) var receiver: RAPILineReceiver
    /// What the last `$AT` reported.
    public internal(set) var notifier = RAPIATNotifier()
    /// Settings and hardware the station does not model.
    public internal(set) var peripherals: RAPIPeripherals
    /// Between the station's ``StationEvent/faultShutdown(_:)`` and the fault state: the firmware
    /// is blocked in its over-temperature (5 s) or over-current (1 s) wait and sends no `$AT`.
    var inFaultShutdown = false
    /// Serial-line faults armed by a scenario, applied to the next replies in order.
    var pendingSerialFaults: [RAPISerialFault] = []
    /// Replies held back by ``RAPISerialFault/delayNextReply(_:)``, earliest first.
    var delayedReplies: [(due: SimInstant, bytes: [UInt8])] = []
    /// Bytes waiting in the UART receive buffer while the firmware does not service RAPI.
    public internal(set) var uartBuffer: [UInt8] = []

    /// A face for a station of `profile`, as after a power-up: echo off, nothing sent yet.
    ///
    /// - Parameters:
    ///   - rtcChip: whether the board has a clock chip; without one `$GT` reads
    ///     `165 165 165 165 165 85` (clients take that as "no clock").
    ///   - mcuID: the 10 bytes `$GI` reports; by default derived from the profile id, so it is the
    ///     same on every run.
    public init(profile: StationProfile, rtcChip: Bool = true, mcuID: [UInt8]? = nil) {
        self.firmware = profile.commandSet
        self.quirks = profile.rapiQuirks
        self.firmwareVersion = profile.firmwareVersion
        self.protocolVersion = profile.rapiVersion
        self.mcuID = mcuID ?? Self.defaultMCUID(seed: profile.id)
        self.receiver = RAPILineReceiver(configuration: .init(firmware: firmware, quirks: quirks))
        self.peripherals = RAPIPeripherals(
            clockPresent: rtcChip, panicTenthsCelsius: Int32((profile.panicCelsius * 10).rounded()))
    }

    /// A face for `station`'s profile.
    public init(station: Station, rtcChip: Bool = true) {
        self.init(profile: station.profile, rtcChip: rtcChip)
    }

    /// Whether echo mode is on (open_evse `processCmd()`, case `FF E`).
    public var isEchoOn: Bool { receiver.isEchoOn }

    // MARK: - Input

    /// Handles bytes from the host at `station.now`: echo, lines, replies and the `$AT`s they
    /// cause, in wire order.
    ///
    /// Bytes go to the receiver one at a time, because a line can switch echo on and the
    /// firmware echoes every later byte, even of the same burst. A controller without power
    /// hears nothing: the bytes are dropped (and recorded).
    public mutating func receive(_ bytes: [UInt8], station: inout Station) -> RAPIFaceOutput {
        var out = RAPIFaceOutput()
        guard !bytes.isEmpty else { return out }
        guard station.powered else {
            out.record(
                "rapi.drop", at: station.now,
                [.init("bytes", .string(RAPIFormat.escaped(bytes))), .init("reason", "controller unpowered")])
            return out
        }
        for (index, byte) in bytes.enumerated() {
            if isBlocked(station) {
                hold(bytes[index...], station: station, into: &out)
                break
            }
            for event in receiver.receive(byte) {
                switch event {
                case .echo(let echoed):
                    out.write(.echo, echoed, at: station.now)
                case .line(let line):
                    handle(line, station: &station, into: &out)
                case .overlong(let dropped):
                    out.record(
                        "rapi.drop", at: station.now,
                        [
                            .init("line", .string(RAPIFormat.escaped([UInt8(ascii: "$")] + dropped.prefix) + "…")),
                            .init("reason", .string(dropped.requiresReply ? "overlong, answered" : "overlong")),
                        ])
                    if let reply = dropped.reply { send(reply, station: station, into: &out) }
                }
            }
        }
        return out
    }

    /// Executes one complete line and answers it.
    mutating func handle(_ line: RAPILine, station: inout Station, into out: inout RAPIFaceOutput) {
        out.record("rapi.in", at: station.now, [.init("line", .string(line.description))])
        let request: RAPIRequest
        switch RAPIRequest.parse(line) {
        case .failure(let rejection):
            // open_evse `doCmd()`: a bad checksum or an 11th token gets a bare $NK, no id, and
            // no $AT check (the line was never a command).
            out.record(
                "rapi.reject", at: station.now,
                [.init("line", .string(line.description)), .init("reason", .string(rejection.description))])
            send(rejection.reply, station: station, into: &out)
            return
        case .success(let parsed):
            request = parsed
        }
        let result = execute(request, station: &station)
        if let text = result.preamble { out.write(.text, text, at: station.now) }
        if let reply = result.reply { send(reply, station: station, into: &out) }
        // open_evse `processCmd()` ends in `RapiSendEvseState()`: the $AT check runs right after every command's reply.
        if result.checksState { checkState(station: &station, into: &out) }
    }

    /// Writes a reply; echo mode adds its LF. The reply's text is left in the input buffer, as
    /// the firmware formats replies there (see ``RAPILineReceiver/noteReplyText(_:)``).
    mutating func send(_ reply: RAPIReply, station: Station, into out: inout RAPIFaceOutput) {
        if let parameters = reply.parameters { receiver.noteReplyText(parameters) }
        let encoded = reply.encoded(echo: receiver.isEchoOn)
        if let bytes = applySerialFault(to: encoded, station: station, into: &out) {
            out.write(.reply, bytes, at: station.now)
        }
    }

    // MARK: - Station events

    /// Reports what the station did since the last call: boot messages for the boot events in
    /// `events` (in order), then an `$AT` if `RapiSendEvseState()` would call for one.
    ///
    /// - Parameter events: the station's events drained since the last call. The other events
    ///   need nothing of the face: the `$AT` check reads the station's state.
    public mutating func poll(events: [TimedStationEvent], station: inout Station) -> RAPIFaceOutput {
        var out = RAPIFaceOutput()
        releaseDelayedReplies(now: station.now, into: &out)
        for timed in events {
            switch timed.event {
            case .bootStarted(let version):
                firmwareVersion = version
                loseHeldBytes(station: station, into: &out)
                bootStarted(station: station, into: &out)
            case .bootCompleted(let postCode):
                bootDone(postCode: postCode, station: station, into: &out)
                out.append(serviceHeldBytes(station: &station))
            case .faultShutdown: inFaultShutdown = true
            case .faultEntered, .powerCut: inFaultShutdown = false
            case .evseState, .controllerReboot, .serviceLevel, .countersReset, .capacity, .heartbeatMissed,
                .faultInjected, .faultRemoved, .faultRetry, .faultCleared, .relayRecovery, .relay, .pilotSignal,
                .pilotSensed, .vehiclePilot, .vehiclePlugged, .vehicleUnplugged, .vehicleUpdated, .vehicleCurrent,
                .vehicleSoc, .vehicleFull, .powerRestored, .ambient, .thermalStage, .thermalPanic, .session,
                .externalLimit, .enableDisable, .ukDelayStarted, .ukDelayEnded, .ukDelayCommand, .ukDelayMax,
                .ocppStatus, .firmwareUpdateStatus, .logStatus, .systemReset, .bootReason, .systemTimeSet, .systemFault:
                continue
            }
        }
        if station.flowingAmps > 0 {
            peripherals.lastRelayMilliamps = Int((station.flowingAmps * 1000).rounded())
        }
        checkState(station: &station, into: &out)
        return out
    }

    /// The controller was reset: echo off, receive buffer cleared, `$AT` memory cleared, volatile
    /// peripherals reset, then the forced `$AT 00 00 0 0200` early in boot (open_evse
    /// `J1772EVSEController::Init()`; `4200` when the build boots locked).
    mutating func bootStarted(station: Station, into out: inout RAPIFaceOutput) {
        receiver.reboot()
        notifier.reset()
        inFaultShutdown = false
        peripherals = peripherals.rebooted()
        var vflags: VFlags = [.sessionEnded]
        if station.profile.bootLock, !station.settings.flags.contains(.bootLockDisabled) { vflags.insert(.bootLock) }
        let message = notifier.force(.init(evseState: .unknown, pilot: .unknown, capacity: 0, vflags: vflags))
        out.write(.async, message.encoded(), at: station.now)
    }

    /// POST finished: `$AB <postcode> <fw>`. A failed POST is followed by a forced `$AT` with
    /// the fault state (open_evse `J1772EVSEController::Init()`).
    mutating func bootDone(postCode: EvseState, station: Station, into out: inout RAPIFaceOutput) {
        let boot = RAPIAsyncMessage.boot(postCode: postCode, firmwareVersion: firmwareVersion)
        out.write(.async, boot.encoded(), at: station.now)
        guard postCode != .unknown else { return }
        let forced = notifier.force(.init(evseState: postCode, pilot: .unknown, capacity: 0, vflags: [.sessionEnded]))
        out.write(.async, forced.encoded(), at: station.now)
    }

    /// The normal `$AT` check on the station as it is now.
    mutating func checkState(station: inout Station, into out: inout RAPIFaceOutput) {
        guard let snapshot = reportableSnapshot(&station),
            let message = notifier.check(snapshot)
        else { return }
        out.write(.async, message.encoded(), at: station.now)
    }

    // MARK: - Identity

    /// Ten bytes from a hash of `seed`: six printable characters (a real AVR's lot number is
    /// ASCII), then four bytes printed as hex.
    static func defaultMCUID(seed: String) -> [UInt8] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var bytes: [UInt8] = []
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789".utf8)
        for index in 0..<10 {
            for byte in Array(seed.utf8) + [UInt8(index)] {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            let value = UInt8(truncatingIfNeeded: hash >> 29)
            bytes.append(index < 6 ? alphabet[Int(value) % alphabet.count] : value)
        }
        return bytes
    }
}
