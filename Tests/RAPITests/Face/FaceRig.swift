import EVSEModel
import SimCore
import Testing

@testable import RAPI

/// A station with its RAPI face, driven the way the live driver does: the station runs event by
/// event and the face is polled with the drained records after each one.
struct FaceRig {
    var station: Station
    var face: RAPIFace
    /// Every write since the last ``take()``.
    var pending: [RAPIFaceWrite] = []
    /// Every trace record the face produced.
    var records: [TraceRecord] = []

    /// A station of `profile` (default: stock 8.2.3 US) with a generic EV ready to plug in.
    init(
        profile: StationProfile = StationProfile(), vehicle: VehicleProfile = VehicleProfile(),
        startsBooted: Bool = true, rtcChip: Bool = true, seed: UInt64 = 1
    ) throws {
        station = Station(profile: profile, vehicle: vehicle, seed: seed, startsBooted: startsBooted)
        face = RAPIFace(profile: profile, rtcChip: rtcChip)
        poll()
    }

    /// The D9 9.4.0 profile as shipped in `Profiles/stations/d9-9.4.0.json`.
    static var d9Profile: StationProfile {
        var p = StationProfile()
        p.id = "d9-9.4.0"
        p.firmwareVersion = "9.4.0.core"
        p.rapiVersion = "6.0.0"
        p.commandSet = .d9940
        p.overCurrentCheck = true
        p.bootLock = true
        return p
    }

    /// The 8.2.3 EU profile as shipped in `Profiles/stations/openevse-8.2.3-eu.json`.
    static var euProfile: StationProfile {
        var p = StationProfile()
        p.id = "openevse-8.2.3-eu"
        p.firmwareVersion = "8.2.3.EU"
        p.commandSet = .openEVSE823EU
        p.hardwareMaxAmps = 32
        p.nominalVoltage = 230
        p.frequencyHz = 50
        p.overCurrentCheck = true
        return p
    }

    mutating func collect(_ output: RAPIFaceOutput) {
        pending += output.writes
        records += output.records
    }

    /// Polls the face with the station's events.
    mutating func poll() {
        let drained = station.drainEvents()
        collect(face.poll(events: drained, station: &station))
    }

    /// Runs `d` of virtual time, polling after every station event.
    mutating func run(_ d: SimDuration) {
        let target = station.now + d
        while station.step(notAfter: target) != nil { poll() }
        station.run(until: target)
        poll()
    }

    /// A physical action, then a poll.
    mutating func apply(_ action: StationAction) {
        station.apply(action)
        poll()
    }

    /// Feeds raw bytes at the present instant.
    @discardableResult
    mutating func feed(_ bytes: [UInt8]) -> RAPIFaceOutput {
        let output = face.receive(bytes, station: &station)
        collect(output)
        return output
    }

    /// Sends `line` as written (add the checksum yourself) with a CR; returns what came back,
    /// as escaped texts, and forgets older writes.
    @discardableResult
    mutating func send(_ line: String) -> [String] {
        _ = take()
        feed(Array(line.utf8) + [0x0D])
        return take()
    }

    /// Sends `command` XOR-signed (computed independently of the codec) with a CR.
    @discardableResult
    mutating func command(_ command: String) -> [String] {
        send(signed(command))
    }

    /// The reply parameters of `command`: `$OK 6 80 32 32^1E\r` gives `6 80 32 32`.
    mutating func query(_ command: String) -> String {
        let replies = self.command(command).filter { $0.hasPrefix("$OK") || $0.hasPrefix("$NK") }
        guard let reply = replies.first, let caret = reply.lastIndex(of: "^") else { return "<no reply>" }
        return String(reply[reply.index(reply.startIndex, offsetBy: 3)..<caret]).trimmingPrefix(" ")
    }

    /// The escaped writes since the last call.
    mutating func take() -> [String] {
        defer { pending.removeAll() }
        return pending.map(\.text)
    }

    /// Only the `$AT`/`$AB` lines since the last call (others are dropped too).
    mutating func takeAsync() -> [String] {
        take().filter { $0.hasPrefix("$A") }
    }

    /// Runs until the station reaches `state` (at most `limit`), polling as it goes.
    mutating func run(until state: EvseState, limit: SimDuration = .seconds(60)) throws {
        let deadline = station.now + limit
        while station.controller.state != state, station.now < deadline { run(.milliseconds(100)) }
        try #require(station.controller.state == state, "station in \(station.controller.state.name)")
    }

    /// Plugs the EV in and runs until it charges.
    mutating func charge() throws {
        apply(.plug)
        try run(until: .c)
        run(.seconds(2))
    }
}

extension String {
    fileprivate func trimmingPrefix(_ prefix: Character) -> String {
        first == prefix ? String(dropFirst()) : self
    }
}

/// `text` followed by `^` and its XOR checksum in upper-case hex, computed here rather than by
/// the codec so that the expectations do not depend on the code under test.
func signed(_ text: String) -> String {
    var sum: UInt8 = 0
    for byte in text.utf8 { sum ^= byte }
    let digits = Array("0123456789ABCDEF")
    return text + "^" + String([digits[Int(sum >> 4)], digits[Int(sum & 0xF)]])
}

/// A wire line as the face's escaped texts show it: signed, with `\r`.
func wire(_ text: String) -> String { signed(text) + "\\r" }
