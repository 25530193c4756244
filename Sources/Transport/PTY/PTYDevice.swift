import Glibc
public import Logging

/// A pseudo-terminal that RAPI clients open as if it were the controller's serial port.
///
/// The master side stays with us (raw mode, 115200 baud, non-blocking, close-on-exec); our copy
/// of the slave is closed at once, so the master reports POLLHUP while no client has the device
/// open. That is how attach and detach are seen (Linux pty(7)). A symbolic
/// link at a stable path (default `/tmp/evsesim-0`) points at the slave; it is replaced
/// atomically at start and removed by ``close()`` or `deinit`.
///
/// Use from one thread (the live loop's). Not `Sendable`.
public final class PTYDevice {
    /// The link path used when none is given.
    public static let defaultLinkPath = "/tmp/evsesim-0"
    /// Largest number of bytes kept while the client does not read; beyond it output is dropped.
    public static let maximumBacklog = 64 * 1024

    /// The stable path clients open.
    public let linkPath: String
    /// The slave device the link points at, e.g. `/dev/pts/3`.
    public let devicePath: String
    /// The master descriptor (invalid after ``close()``).
    public let fileDescriptor: Int32
    /// How often a detached device checks for a client; POLLHUP is level-triggered, so the
    /// master cannot sit in every `poll` while nobody is attached.
    public let detachedCheckInterval: Duration
    /// Whether a client has the device open.
    public private(set) var isAttached = false
    /// Output bytes thrown away: written while detached, or pending when a client left.
    public private(set) var droppedBytes = 0
    /// Whether ``close()`` ran.
    public private(set) var isClosed = false

    private let logger: Logger
    private var pacer: SerialLinePacer?
    private var backlog: [UInt8] = []
    private var nextAttachCheck: ContinuousClock.Instant

    /// Opens a pty and points `linkPath` at it.
    /// - Parameters:
    ///   - linkPath: Where clients find the device; an existing symbolic link there is replaced.
    ///   - pacedOutput: Release output lines at 115200 baud 8N1 (see ``SerialLinePacer``).
    ///   - detachedCheckInterval: How often to look for a client while none is attached.
    ///   - logger: Receives attach, detach and dropped-output notices.
    /// - Throws: ``PTYError`` when the pty cannot be opened or the link cannot be made.
    public init(
        linkPath: String = PTYDevice.defaultLinkPath,
        pacedOutput: Bool = false,
        detachedCheckInterval: Duration = .milliseconds(100),
        logger: Logger
    ) throws(PTYError) {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw PTYError(operation: "openpty", errno: errno) }
        var name = [CChar](repeating: 0, count: 128)
        let nameResult = ttyname_r(slave, &name, name.count)
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        let rawError = TerminalControl.applyRawMode(master)
        // Closing our slave primes POLLHUP; keeping it open would hide every client's arrival
        // and departure and leak one client's termios into the next session.
        systemClose(slave)
        guard nameResult == 0, rawError == nil else {
            systemClose(master)
            if nameResult != 0 { throw PTYError(operation: "ttyname_r", errno: nameResult) }
            throw PTYError(operation: "tcsetattr (raw mode)", errno: rawError)
        }
        let device = decodeCString(name)
        do {
            try TerminalControl.replaceLink(linkPath, with: device)
        } catch {
            systemClose(master)
            throw error
        }
        self.linkPath = linkPath
        self.devicePath = device
        self.fileDescriptor = master
        self.detachedCheckInterval = detachedCheckInterval
        self.logger = logger
        self.pacer = pacedOutput ? SerialLinePacer() : nil
        self.nextAttachCheck = .now
        logger.info("pty ready", metadata: ["link": "\(linkPath)", "device": "\(device)"])
    }

    deinit { close() }

    /// Whether output is paced at 115200 baud.
    public var isOutputPaced: Bool { pacer != nil }

    /// When the next paced line may be written, or nil when no line waits.
    public var nextWriteTime: ContinuousClock.Instant? { isAttached ? pacer?.nextReleaseTime : nil }

    /// Removes the link (if it still points at this device) and closes the master. Idempotent.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        if TerminalControl.readLink(linkPath) == devicePath { _ = unlink(linkPath) }
        systemClose(fileDescriptor)
        logger.debug("pty closed", metadata: ["link": "\(linkPath)"])
    }

    /// Does the I/O the readiness calls for: reads input, notices attach and detach, writes
    /// backlog and paced lines that are due.
    /// - Parameters:
    ///   - events: What `poll` reported for ``fileDescriptor`` (empty for a deadline call).
    ///   - now: The wall instant, for pacing and the attach check.
    /// - Returns: What happened, in order.
    public func service(_ events: PollEvents, now: ContinuousClock.Instant = .now) -> [PTYEvent] {
        guard !isClosed else { return [] }
        var happened: [PTYEvent] = []
        if isAttached {
            if events.contains(.writable) { flushBacklog() }
            if !events.isDisjoint(with: [.readable, .hangup, .error]) {
                let (bytes, gone) = readAvailable()
                if !bytes.isEmpty { happened.append(.received(bytes)) }
                if gone || events.contains(.hangup) {
                    detach(now: now)
                    happened.append(.detached)
                }
            }
        } else if now >= nextAttachCheck {
            let state = pollOne(fileDescriptor, for: .readable, milliseconds: 0)
            if state.contains(.hangup) {
                nextAttachCheck = now + detachedCheckInterval
            } else {
                attach()
                happened.append(.attached)
                if state.contains(.readable) {
                    let (bytes, _) = readAvailable()
                    if !bytes.isEmpty { happened.append(.received(bytes)) }
                }
            }
        }
        releasePacedLines(now: now)
        return happened
    }

    /// Sends one line (terminator included) to the client in a single `write` call, so a RAPI
    /// client reads the reply as one burst.
    ///
    /// Never writes while detached: bytes written with no client would be delivered to the next
    /// one (the pty buffers them); they are dropped and counted instead.
    @discardableResult
    public func write(_ line: [UInt8], now: ContinuousClock.Instant = .now) -> PTYWriteOutcome {
        guard !isClosed, isAttached else {
            drop(line.count, reason: isClosed ? "closed" : "no client attached")
            return .dropped
        }
        guard pacer != nil else { return writeLine(line) }
        pacer!.enqueue(line, now: now)
        releasePacedLines(now: now)
        return .queued
    }

    /// Sends the UTF-8 bytes of `line`; see ``write(_:now:)-([UInt8],_)``.
    @discardableResult
    public func write(_ line: String, now: ContinuousClock.Instant = .now) -> PTYWriteOutcome {
        write(Array(line.utf8), now: now)
    }

    // MARK: - State changes

    private func attach() {
        isAttached = true
        // Raw mode again in case the client changed the line before we noticed it. No flush
        // here: on Linux TCIFLUSH on the master discards bytes the new client already wrote
        // (measured), and nothing stale can be queued because detach flushed and nothing is
        // written while detached.
        if let code = TerminalControl.applyRawMode(fileDescriptor) {
            logger.warning("pty: cannot re-apply raw mode", metadata: ["errno": "\(code)"])
        }
        logger.info("pty client attached", metadata: ["link": "\(linkPath)"])
    }

    private func detach(now: ContinuousClock.Instant) {
        isAttached = false
        nextAttachCheck = now + detachedCheckInterval
        // tcflush(3) so nothing stale reaches the next client, and
        // raw mode again so a client that left ECHO on cannot start an echo storm.
        _ = tcflush(fileDescriptor, TCIOFLUSH)
        if let code = TerminalControl.flushSlaveInput(devicePath) {
            logger.warning("pty: cannot flush unread output", metadata: ["errno": "\(code)"])
        }
        if let code = TerminalControl.applyRawMode(fileDescriptor) {
            logger.warning("pty: cannot re-apply raw mode", metadata: ["errno": "\(code)"])
        }
        let pending = backlog.count + (pacer?.reset() ?? 0)
        backlog.removeAll()
        if pending > 0 { drop(pending, reason: "client left before reading") }
        logger.info("pty client detached", metadata: ["link": "\(linkPath)"])
    }

    // MARK: - I/O

    /// Reads until the master would block (at most 64 KiB); `gone` is true on EIO (no client).
    private func readAvailable() -> (bytes: [UInt8], gone: Bool) {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 65_536 {
            let n = chunk.withUnsafeMutableBytes { systemRead(fileDescriptor, into: $0) }
            if n > 0 {
                bytes.append(contentsOf: chunk[..<n])
                continue
            }
            if n == 0 { return (bytes, true) }
            switch errno {
            case EINTR: continue
            case EAGAIN: return (bytes, false)
            case EIO: return (bytes, true)
            case let code:
                logger.warning("pty read failed", metadata: ["errno": "\(code)", "error": "\(errnoText(code))"])
                return (bytes, true)
            }
        }
        return (bytes, false)
    }

    private func releasePacedLines(now: ContinuousClock.Instant) {
        guard isAttached, pacer != nil else { return }
        for line in pacer!.popDue(now: now) { writeLine(line) }
    }

    @discardableResult
    private func writeLine(_ line: [UInt8]) -> PTYWriteOutcome {
        guard backlog.isEmpty else { return appendBacklog(line[...]) }
        let n = line.withUnsafeBytes { systemWrite(fileDescriptor, from: $0) }
        if n == line.count { return .written }
        if n >= 0 { return appendBacklog(line[n...]) }
        let code = errno
        if code == EAGAIN || code == EINTR { return appendBacklog(line[...]) }
        drop(line.count, reason: errnoText(code))
        return .dropped
    }

    private func appendBacklog(_ bytes: ArraySlice<UInt8>) -> PTYWriteOutcome {
        guard backlog.count + bytes.count <= Self.maximumBacklog else {
            drop(bytes.count, reason: "client is not reading (backlog full)")
            return .dropped
        }
        backlog.append(contentsOf: bytes)
        return .queued
    }

    private func flushBacklog() {
        while !backlog.isEmpty {
            let n = backlog.withUnsafeBytes { systemWrite(fileDescriptor, from: $0) }
            guard n > 0 else { return }
            backlog.removeFirst(n)
        }
    }

    private func drop(_ count: Int, reason: String) {
        guard count > 0 else { return }
        droppedBytes += count
        logger.debug("pty output dropped", metadata: ["bytes": "\(count)", "reason": "\(reason)"])
    }
}

extension PTYDevice: LiveSource {
    /// The master with POLLIN (and POLLOUT while a backlog waits) when attached; nothing while
    /// detached, because the master's POLLHUP would wake every `poll` at once.
    public func pollInterest() -> PollInterest? {
        guard !isClosed, isAttached else { return nil }
        return PollInterest(
            fileDescriptor: fileDescriptor, events: backlog.isEmpty ? .readable : [.readable, .writable])
    }

    /// The next attach check while detached; the next paced line while attached.
    public func nextDeadline() -> ContinuousClock.Instant? {
        guard !isClosed else { return nil }
        return isAttached ? nextWriteTime : nextAttachCheck
    }
}
