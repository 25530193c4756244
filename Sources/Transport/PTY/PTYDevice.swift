import Glibc
public import Logging

/// A pseudo-terminal that RAPI clients open as if it were the controller's serial port.
///
/// The master side stays with us (raw mode, 115200 baud, non-blocking, close-on-exec), and so
/// does a descriptor of the slave, opened before any client: the master then never hangs up, is
/// polled all the time and read as soon as a client writes, and the slave's input can be flushed
/// without opening it again. Attach and detach are seen through an inotify watch on the slave
/// (``PTYWatcher``), which reports every client's `open` and `close` in order, even a close and
/// a reopen that fall between two polls (the master's POLLHUP, used before, missed those).
/// A symbolic link at a stable path (default `/tmp/evsesim-0`) points at the slave; it is
/// replaced atomically at start and removed by ``close()`` or `deinit`.
///
/// Each client session is kept apart from the next, as on a real serial port: what a client
/// wrote before it left is still handled, but the replies are dropped; the line is flushed and
/// put back in raw mode on every attach and detach.
///
/// A client that turns ECHO on after attaching makes its tty echo every reply back as a new
/// command, an endless `$NK` exchange, as a real board would. The device notices it (the slave's
/// termios are visible from the master), logs one warning per session and reports
/// ``PTYEvent/echoOn(restored:)``; with `guardsEcho` it puts the line back in raw mode instead.
/// Input is read at most ``maximumReadPerPass`` bytes per ``service(_:now:)``, so a storm on one
/// pty cannot starve the other sources of the loop.
///
/// Use from one thread (the live loop's). Not `Sendable`.
public final class PTYDevice {
    /// The link path used when none is given.
    public static let defaultLinkPath = "/tmp/evsesim-0"
    /// Largest number of bytes kept while the client does not read; beyond it output is dropped.
    public static let maximumBacklog = 64 * 1024
    /// Most input bytes one ``service(_:now:)`` call reads; the rest waits for the next pass.
    public static let maximumReadPerPass = 4096

    /// The stable path clients open.
    public let linkPath: String
    /// The slave device the link points at, e.g. `/dev/pts/3`.
    public let devicePath: String
    /// The master descriptor (invalid after ``close()``).
    public let fileDescriptor: Int32
    /// Our own descriptor of the slave, held so that a client's open and close never hang up
    /// the master, and to flush the slave's input.
    private let slaveDescriptor: Int32
    /// Kept for source compatibility: attach and detach are now seen through inotify, not by
    /// checking the master at this interval.
    public let detachedCheckInterval: Duration
    /// Whether raw mode is re-asserted when a client turns echo on (`serve --guard-echo`).
    public let guardsEcho: Bool
    /// Whether a client has the device open.
    public private(set) var isAttached = false
    /// Output bytes thrown away: written while detached, or pending when a client left.
    public private(set) var droppedBytes = 0
    /// Whether ``close()`` ran.
    public private(set) var isClosed = false

    private let logger: Logger
    private var pacer: SerialLinePacer?
    private var backlog: [UInt8] = []
    private let watcher: PTYWatcher
    private let watch: Int32
    /// Clients' opens of the slave minus their closes, as inotify reported them (our own
    /// descriptor was opened before the watch).
    private var openCount = 0
    /// Changes taken from the watcher and not yet applied, oldest first.
    private var pending: [PTYWatcher.Change] = []
    private var lastService: ContinuousClock.Instant
    private var echoReported = false

    /// Opens a pty and points `linkPath` at it.
    /// - Parameters:
    ///   - linkPath: Where clients find the device; an existing symbolic link there is replaced.
    ///   - pacedOutput: Release output lines at 115200 baud 8N1 (see ``SerialLinePacer``).
    ///   - detachedCheckInterval: Unused (see ``detachedCheckInterval``).
    ///   - guardsEcho: Put the line back in raw mode when a client turns echo on.
    ///   - logger: Receives attach, detach, echo and dropped-output notices.
    /// - Throws: ``PTYError`` when the pty cannot be opened or the link cannot be made.
    public init(
        linkPath: String = PTYDevice.defaultLinkPath,
        pacedOutput: Bool = false,
        detachedCheckInterval: Duration = .milliseconds(100),
        guardsEcho: Bool = false,
        logger: Logger
    ) throws(PTYError) {
        let watcher = try PTYWatcher.shared.get()
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw PTYError(operation: "openpty", errno: errno) }
        var name = [CChar](repeating: 0, count: 128)
        let nameResult = ttyname_r(slave, &name, name.count)
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        let rawError = TerminalControl.applyRawMode(master)
        guard nameResult == 0, rawError == nil else {
            systemClose(master)
            systemClose(slave)
            if nameResult != 0 { throw PTYError(operation: "ttyname_r", errno: nameResult) }
            throw PTYError(operation: "tcsetattr (raw mode)", errno: rawError)
        }
        let device = decodeCString(name)
        var watch: Int32?
        do {
            watch = try watcher.watch(device)
            try TerminalControl.replaceLink(linkPath, with: device)
        } catch {
            if let watch { watcher.unwatch(watch) }
            systemClose(master)
            systemClose(slave)
            throw error
        }
        self.linkPath = linkPath
        self.devicePath = device
        self.fileDescriptor = master
        self.slaveDescriptor = slave
        self.detachedCheckInterval = detachedCheckInterval
        self.guardsEcho = guardsEcho
        self.logger = logger
        self.pacer = pacedOutput ? SerialLinePacer() : nil
        self.watcher = watcher
        self.watch = watch!
        self.lastService = .now
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
        watcher.unwatch(watch)
        systemClose(slaveDescriptor)
        systemClose(fileDescriptor)
        logger.debug("pty closed", metadata: ["link": "\(linkPath)"])
    }

    /// Does the I/O the readiness calls for: applies the opens and closes the watcher reported,
    /// reads input, writes backlog and paced lines that are due.
    ///
    /// A detach ends the call (its events are `.detached`, then `.received` with what the
    /// departed client wrote last): the caller's replies to those bytes must be dropped before
    /// the next client is attached, so any later change waits for the next call, which
    /// ``nextDeadline()`` asks for at once.
    /// - Parameters:
    ///   - events: What `poll` reported for the device's descriptors (empty for a deadline call).
    ///   - now: The wall instant, for pacing.
    /// - Returns: What happened, in order.
    public func service(_ events: PollEvents, now: ContinuousClock.Instant = .now) -> [PTYEvent] {
        guard !isClosed else { return [] }
        lastService = now
        pending += watcher.take(watch)
        var happened: [PTYEvent] = []
        while !pending.isEmpty {
            switch pending.removeFirst() {
            case .opened:
                openCount += 1
                if !isAttached { happened += attach() }
            case .closed:
                openCount = max(0, openCount - 1)
                if openCount == 0, isAttached { return happened + departure(now: now) }
            }
        }
        if isAttached, events.contains(.writable) { flushBacklog() }
        // Read while detached too: the last bytes of a departed client can reach the master
        // after its close was reported. They are handled with no client attached, so the
        // replies are dropped.
        let bytes = readAvailable(limit: Self.maximumReadPerPass)
        if !bytes.isEmpty {
            happened.append(.received(bytes))
            if isAttached, let echo = checkEcho() { happened.append(echo) }
        }
        releasePacedLines(now: now)
        return happened
    }

    /// Sends one line (terminator included) to the client in a single `write` call, so a RAPI
    /// client reads the reply as one burst.
    ///
    /// Never writes while detached, nor once the watcher has seen the client close: bytes
    /// written with no client would be delivered to the next one (Linux pty(7)); they are dropped and counted instead.
    @discardableResult
    public func write(_ line: [UInt8], now: ContinuousClock.Instant = .now) -> PTYWriteOutcome {
        guard !isClosed, isAttached else {
            drop(line.count, reason: isClosed ? "closed" : "no client attached")
            return .dropped
        }
        pending += watcher.take(watch)
        guard !clientHasLeft else {
            drop(line.count, reason: "client left")
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

    /// Whether the pending changes close the slave down to no client at some point.
    private var clientHasLeft: Bool {
        var count = openCount
        for change in pending {
            count += change == .opened ? 1 : -1
            if count <= 0 { return true }
        }
        return false
    }

    private func attach() -> [PTYEvent] {
        isAttached = true
        echoReported = false
        // Whatever a departed client left unread, and a client's own line settings, must not
        // reach this one. The flush cannot take what this client already wrote: that sits in
        // the master's input, the flush empties the slave's.
        resetLine()
        logger.info("pty client attached", metadata: ["link": "\(linkPath)"])
        return [.attached]
    }

    /// The client left: what it wrote last is still reported, after `.detached`, so the replies
    /// to it are dropped.
    private func departure(now: ContinuousClock.Instant) -> [PTYEvent] {
        let bytes = readAvailable(limit: Self.maximumBacklog)
        isAttached = false
        resetLine()
        let pending = backlog.count + (pacer?.reset() ?? 0)
        backlog.removeAll()
        if pending > 0 { drop(pending, reason: "client left before reading") }
        logger.info("pty client detached", metadata: ["link": "\(linkPath)"])
        return bytes.isEmpty ? [.detached] : [.detached, .received(bytes)]
    }

    /// Flushes both directions and puts the line back in raw mode (tcflush(3), termios(3): unread
    /// replies would reach the next client, a line left with ECHO on starts an echo storm).
    private func resetLine() {
        // TCOFLUSH on the master drops what is still on its way to the slave; TCIFLUSH on the
        // slave what already reached its input (a master-side flush leaves that, measured on
        // Linux 6.18).
        _ = tcflush(fileDescriptor, TCOFLUSH)
        if tcflush(slaveDescriptor, TCIFLUSH) != 0 {
            logger.warning("pty: cannot flush unread output", metadata: ["errno": "\(errno)"])
        }
        if let code = TerminalControl.applyRawMode(fileDescriptor) {
            logger.warning("pty: cannot re-apply raw mode", metadata: ["errno": "\(code)"])
        }
    }

    /// Notices a client that turned echo on: one warning per session, or raw mode again when
    /// guarding.
    private func checkEcho() -> PTYEvent? {
        guard TerminalControl.echoesInput(fileDescriptor) else { return nil }
        if guardsEcho {
            _ = TerminalControl.applyRawMode(fileDescriptor)
            if !echoReported {
                logger.warning(
                    "pty client turned echo on; raw mode re-asserted (--guard-echo)", metadata: ["link": "\(linkPath)"])
            }
        } else if !echoReported {
            logger.warning(
                """
                pty client turned echo on: its tty echoes every reply back as a command, an endless $NK exchange \
                (a real board loops too). Open the port raw, e.g. `stty -F \(linkPath) raw -echo`, or serve with \
                --guard-echo
                """,
                metadata: ["link": "\(linkPath)"])
        }
        defer { echoReported = true }
        return echoReported && !guardsEcho ? nil : .echoOn(restored: guardsEcho)
    }

    // MARK: - I/O

    /// Reads until the master would block or `limit` bytes came.
    private func readAvailable(limit: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < limit {
            let n = chunk.withUnsafeMutableBytes {
                systemRead(
                    fileDescriptor, into: UnsafeMutableRawBufferPointer(rebasing: $0.prefix(limit - bytes.count)))
            }
            if n > 0 {
                bytes.append(contentsOf: chunk[..<n])
                continue
            }
            if n == 0 { return bytes }
            switch errno {
            case EINTR: continue
            case EAGAIN, EIO: return bytes
            case let code:
                logger.warning("pty read failed", metadata: ["errno": "\(code)", "error": "\(errnoText(code))"])
                return bytes
            }
        }
        return bytes
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
    /// The master (POLLIN, and POLLOUT while a backlog waits) and the watcher's inotify
    /// descriptor.
    public func pollInterests() -> [PollInterest] {
        guard !isClosed else { return [] }
        let master = PollInterest(
            fileDescriptor: fileDescriptor, events: isAttached && !backlog.isEmpty ? [.readable, .writable] : .readable)
        return [master, PollInterest(fileDescriptor: watcher.fileDescriptor, events: .readable)]
    }

    /// The master; see ``pollInterests()``.
    public func pollInterest() -> PollInterest? { pollInterests().first }

    /// At once while changes wait (a detach ends a service call early); the next paced line
    /// while attached.
    public func nextDeadline() -> ContinuousClock.Instant? {
        guard !isClosed else { return nil }
        if !pending.isEmpty || watcher.hasPending(watch) { return lastService }
        return isAttached ? nextWriteTime : nil
    }
}
