import Glibc

@testable import Live
@testable import Transport

extension MosquittoClient {
    /// One iteration of what the live loop does for the client: poll its socket (at most
    /// `maxWait`, less when a deadline is nearer), then service it.
    func pumpOnce(maxWait: Duration = .milliseconds(10)) {
        let now = ContinuousClock.now
        var wake = now + maxWait
        if let deadline = nextDeadline() { wake = min(wake, deadline) }
        var ready: PollEvents = []
        if let interest = pollInterest() {
            var entry = pollfd(fd: interest.fileDescriptor, events: interest.events.rawValue, revents: 0)
            _ = poll(&entry, 1, LiveLoop.milliseconds(from: now, to: wake))
            ready = PollEvents(rawValue: entry.revents)
        } else {
            usleep(2_000)
        }
        service(ready)
    }

    /// Pumps until `condition` holds or `timeout` passes.
    @discardableResult
    func pump(timeout: Duration = .seconds(10), until condition: () -> Bool) -> Bool {
        waitUntil(timeout: timeout) {
            if condition() { return true }
            pumpOnce()
            return condition()
        }
    }

    /// Pumps for `duration`.
    func pump(for duration: Duration) {
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end { pumpOnce() }
    }
}
