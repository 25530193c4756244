import Glibc
import Logging
import SimCore

@testable import Live
@testable import Transport

/// Drives a ``PTYDevice`` the way the live loop would, for tests that need no simulation:
/// polls it, services it, collects its events and answers complete lines.
final class PTYHarness {
    let device: PTYDevice
    private(set) var events: [PTYEvent] = []
    private(set) var lines: [String] = []
    /// Answers a received line (without its CR); nil for no answer.
    var responder: ((String) -> String?)?
    private var partial: [UInt8] = []

    init(device: PTYDevice) { self.device = device }

    var attachCount: Int { events.filter { $0 == .attached }.count }
    var detachCount: Int { events.filter { $0 == .detached }.count }

    /// One iteration: wait (at most `maxWait`) for the device's descriptor or deadline, service it.
    func step(maxWait: Duration = .milliseconds(10)) {
        let now = ContinuousClock.now
        var wake = now + maxWait
        if let deadline = device.nextDeadline() { wake = min(wake, deadline) }
        var ready: PollEvents = []
        var entries = device.pollInterests().map {
            pollfd(fd: $0.fileDescriptor, events: $0.events.rawValue, revents: 0)
        }
        if !entries.isEmpty {
            _ = poll(&entries, nfds_t(entries.count), LiveLoop.milliseconds(from: now, to: wake))
            for entry in entries { ready.formUnion(PollEvents(rawValue: entry.revents)) }
        } else {
            let ns = max(0, (wake - now).nanosecondsRounded)
            usleep(UInt32(ns / 1000))
        }
        let at = ContinuousClock.now
        let due = device.nextDeadline().map { $0 <= at } ?? false
        guard !ready.isEmpty || due else { return }
        for event in device.service(ready, now: at) {
            events.append(event)
            if case .received(let bytes) = event { collect(bytes) }
        }
    }

    /// Steps until `condition` holds or `timeout` passes.
    @discardableResult
    func pump(timeout: Duration = .seconds(5), until condition: () -> Bool) -> Bool {
        waitUntil(timeout: timeout) {
            if condition() { return true }
            step()
            return condition()
        }
    }

    /// Steps for `duration`.
    func pump(for duration: Duration) {
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end { step() }
    }

    private func collect(_ bytes: [UInt8]) {
        for byte in bytes {
            guard byte == 13 || byte == 10 else {
                partial.append(byte)
                continue
            }
            guard !partial.isEmpty else { continue }
            let line = String(decoding: partial, as: UTF8.self)
            partial.removeAll()
            lines.append(line)
            if let reply = responder?(line) { device.write(reply) }
        }
    }
}
