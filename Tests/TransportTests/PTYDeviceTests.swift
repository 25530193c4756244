import Foundation
import Glibc
import Logging
import Synchronization
import Testing

@testable import Live
@testable import Transport

/// Real pty, real client processes. Serialized: the tests spawn processes and measure attach
/// and detach on a shared 2-core machine.
@Suite("PTYDevice", .serialized)
struct PTYDeviceTests {
    let logger = quietLogger

    func makeDevice(_ label: String, paced: Bool = false) throws -> PTYDevice {
        try PTYDevice(
            linkPath: uniqueLinkPath(label), pacedOutput: paced, detachedCheckInterval: .milliseconds(20),
            logger: logger)
    }

    @Test("a client opens the link, sends a command and reads the reply; attach and detach are reported")
    func requestReply() throws {
        let device = try makeDevice("reply")
        defer { device.close() }
        #expect(TerminalControl.readLink(device.linkPath) == device.devicePath)
        let harness = PTYHarness(device: device)
        harness.responder = { line in "$OK \(line.count)\r" }

        let client = try PTYClient.start([
            .open(device.linkPath), .write("$GV^35\r"), .read(until: "\r"), .close,
        ])
        defer { client.stop() }
        #expect(harness.pump { !client.isRunning && harness.detachCount == 1 })

        let result = try PTYClient.result(of: client)
        #expect(result.error == nil)
        #expect(harness.lines == ["$GV^35"])
        #expect(result.reads == ["$OK 6\r"])
        #expect(harness.events.first == .attached)
        #expect(harness.events.last == .detached)
        #expect(!device.isAttached)
    }

    @Test("nothing stale reaches the next client: unread replies are flushed and detached writes dropped")
    func noStaleBytes() throws {
        let device = try makeDevice("stale")
        defer { device.close() }
        let harness = PTYHarness(device: device)

        // The first client sends a command, never reads the reply, and leaves.
        let first = try PTYClient.start([.open(device.linkPath), .write("$GS\r"), .sleep(0.3), .close])
        defer { first.stop() }
        #expect(harness.pump { harness.lines.count == 1 })
        #expect(device.write("$OK 01 02 0 0^32\r") == .written)
        #expect(harness.pump { !first.isRunning && harness.detachCount == 1 })

        // While nobody is attached an asynchronous notice must not be queued for the next client.
        let dropped = device.droppedBytes
        #expect(device.write("$AT 01 02 0 0^32\r") == .dropped)
        #expect(device.droppedBytes == dropped + 17)

        harness.responder = { _ in "$OK\r" }
        let second = try PTYClient.start([
            .open(device.linkPath), .read(timeout: 0.4), .write("$GV\r"), .read(until: "\r"), .close,
        ])
        defer { second.stop() }
        #expect(harness.pump { !second.isRunning && harness.detachCount == 2 })
        let result = try PTYClient.result(of: second)
        #expect(result.error == nil)
        #expect(result.reads == ["", "$OK\r"])
    }

    @Test("no echo storm: detach puts the line back in raw mode after a client left it cooked with echo")
    func noEchoStormAfterDetach() throws {
        let device = try makeDevice("echo")
        defer { device.close() }
        let harness = PTYHarness(device: device)
        harness.responder = { _ in "$NK^21\r" }

        // Changes the line only after the device has seen it attach, so only detach can undo it.
        let careless = try PTYClient.start([
            .open(device.linkPath), .sleep(0.3), .cookedEcho, .sleep(0.1), .close,
        ])
        defer { careless.stop() }
        #expect(harness.pump { harness.attachCount == 1 })
        #expect(harness.pump { !careless.isRunning && harness.detachCount == 1 })

        // Reads the line settings at once, before the device can have noticed this client.
        let second = try PTYClient.start([
            .open(device.linkPath), .recordTermios, .write("$XX\r"), .read(until: "\r"), .sleep(0.3), .close,
        ])
        defer { second.stop() }
        #expect(harness.pump { !second.isRunning && harness.detachCount == 2 })
        let result = try PTYClient.result(of: second)
        #expect(result.echo == false)
        #expect(result.icanon == false)
        #expect(result.reads == ["$NK^21\r"])
        // With echo on, our own `$NK` would come back as input and be answered again, forever.
        #expect(harness.lines == ["$XX"])
    }

    @Test("no echo storm when a careless client came and went unnoticed: attach restores raw mode")
    func noEchoStormAfterUnseenClient() throws {
        let device = try makeDevice("echo-unseen")
        defer { device.close() }
        let harness = PTYHarness(device: device)
        harness.responder = { _ in "$NK^21\r" }

        // Opens, switches to cooked mode with echo and leaves at once, probably between two checks.
        let careless = try PTYClient.start([.open(device.linkPath), .cookedEcho, .close])
        defer { careless.stop() }
        #expect(careless.waitForExit(timeout: .seconds(5)))

        let second = try PTYClient.start([
            .open(device.linkPath), .sleep(0.2), .recordTermios, .write("$XX\r"), .read(until: "\r"), .sleep(0.3),
            .close,
        ])
        defer { second.stop() }
        #expect(harness.pump { !second.isRunning && harness.detachCount >= 1 && !device.isAttached })
        let result = try PTYClient.result(of: second)
        #expect(result.echo == false)
        #expect(result.reads == ["$NK^21\r"])
        #expect(harness.lines == ["$XX"])
    }

    @Test("close removes the link; a link already taken over by another device is left alone")
    func closeRemovesLink() throws {
        let device = try makeDevice("close")
        let path = device.linkPath
        device.close()
        var info = stat()
        #expect(lstat(path, &info) != 0)
        device.close()  // idempotent

        let older = try makeDevice("takeover")
        let newer = try PTYDevice(linkPath: older.linkPath, logger: logger)
        older.close()
        #expect(TerminalControl.readLink(newer.linkPath) == newer.devicePath)
        newer.close()
        #expect(lstat(newer.linkPath, &info) != 0)
    }

    @Test("the link is replaced atomically: a reader never finds the path missing")
    func atomicReplace() throws {
        let path = uniqueLinkPath("atomic")
        #expect(symlink("/dev/null", path) == 0)
        let stop = Flag()
        let misses = Counter()
        let reader = Thread {
            var info = stat()
            while !stop.isSet {
                if lstat(path, &info) != 0 { misses.increment() }
            }
        }
        reader.start()
        var devices: [PTYDevice] = []
        for _ in 0..<30 { devices.append(try PTYDevice(linkPath: path, logger: logger)) }
        stop.set()
        while !reader.isFinished { usleep(1_000) }

        #expect(misses.value == 0)
        #expect(TerminalControl.readLink(path) == devices.last?.devicePath)
        for device in devices { device.close() }
        var info = stat()
        #expect(lstat(path, &info) != 0)
    }

    @Test("refuses to replace something that is not a symbolic link")
    func refusesRegularFile() throws {
        let path = uniqueLinkPath("file")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("keep me".utf8)))
        defer { unlink(path) }
        #expect(throws: PTYError.self) { try PTYDevice(linkPath: path, logger: logger) }
        #expect(FileManager.default.contents(atPath: path) == Data("keep me".utf8))
    }

    @Test("paced output arrives whole and in order, no sooner than the wire allows")
    func pacedOutput() throws {
        let device = try makeDevice("paced", paced: true)
        defer { device.close() }
        let harness = PTYHarness(device: device)
        let replies = (0..<20).map { "$OK \(String(repeating: "x", count: 20)) \($0 + 10)\r" }
        harness.responder = { _ in nil }

        let client = try PTYClient.start([
            .open(device.linkPath), .write("$GO\r"), .read(until: "\r", count: replies.count, timeout: 5), .close,
        ])
        defer { client.stop() }
        #expect(harness.pump { harness.lines.count == 1 })
        let start = ContinuousClock.now
        for reply in replies { #expect(device.write(reply, now: start) == .queued) }
        let budget = SerialLinePacer().transmissionTime(ofBytes: replies.joined().utf8.count)
        #expect(device.nextWriteTime == start + SerialLinePacer().transmissionTime(ofBytes: replies[0].utf8.count))
        #expect(harness.pump { device.nextWriteTime == nil })
        let elapsed = ContinuousClock.now - start
        #expect(harness.pump { !client.isRunning })

        let result = try PTYClient.result(of: client)
        #expect(result.reads == [replies.joined()])
        #expect(elapsed >= budget)
        print("paced: \(replies.count) lines, wire budget \(budget), released over \(elapsed)")
    }
}

/// A flag and a counter shared with a reader thread.
final class Flag: Sendable {
    private let state = Mutex(false)
    var isSet: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
}

final class Counter: Sendable {
    private let state = Mutex(0)
    var value: Int { state.withLock { $0 } }
    func increment() { state.withLock { $0 += 1 } }
}
