import Foundation
import Glibc
public import Logging
import RAPI
import Synchronization
import Transport

/// `evsesim console`: a person's RAPI terminal on a pty.
///
/// Reads standard input as lines (LF, so it works from a terminal and from a pipe), sends each
/// as a framed RAPI command (``RAPIConsoleText``), and prints every line the controller sends —
/// replies and asynchronous `$AT`, `$AB`, `$WF` … — on its own line with the wall-clock time
/// (UTC) it arrived: `12:00:01.250 < $OK 01 0 01 0200^12`; what was sent is shown as
/// `12:00:01.248 > $GS^30`. In raw mode every chunk read is shown with its exact bytes escaped
/// (`\r`, `\n`, `\xHH`). At the end of the input the console waits until the controller has been
/// quiet for a moment, so a piped command's reply is still shown.
///
/// When standard input is a terminal, lines are edited with ``LineEditor`` (backspace, Ctrl-U,
/// the up and down arrows for earlier commands; Ctrl-D on an empty line ends, Ctrl-C too), and
/// lines that arrive while a command is being typed are shown above it.
public final class RAPIConsole {
    /// The pty device or link opened.
    public let path: String
    private let fd: Int32
    private let raw: Bool
    private let output: (String) -> Void
    private var text = RAPIConsoleText()
    private var editor: LineEditor?

    /// Opens `path` as a RAPI client would (raw mode, no echo).
    /// - Parameters:
    ///   - path: A pty (e.g. `/tmp/evsesim-0`) or any serial device.
    ///   - raw: Show exact bytes instead of lines.
    ///   - write: Receives the text to print, newlines included.
    /// - Throws: ``LiveSetupError`` when the device cannot be opened.
    public init(path: String, raw: Bool, write: @escaping (String) -> Void) throws(LiveSetupError) {
        let fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else {
            throw LiveSetupError(path, "cannot open: \(String(cString: strerror(errno))) (errno \(errno))")
        }
        var mode = termios()
        if tcgetattr(fd, &mode) == 0 {
            // A client that echoes makes the controller answer its own replies with $NK.
            cfmakeraw(&mode)
            _ = tcsetattr(fd, TCSANOW, &mode)
        }
        self.path = path
        self.fd = fd
        self.raw = raw
        self.output = write
    }

    /// Prints one line, above the command being typed when there is one.
    private func show(_ line: String) {
        if let editor {
            output("\r\u{1B}[K" + line + "\n" + editor.redraw)
        } else {
            output(line + "\n")
        }
    }

    deinit { close(fd) }

    /// Runs until the input ends (and the controller has been quiet for `quiet`) or the device
    /// closes.
    /// - Parameter input: The descriptor typed lines come from.
    public func run(input: Int32 = STDIN_FILENO, quiet: Duration = .milliseconds(1500)) {
        var saved = termios()
        let interactive = isatty(input) == 1 && tcgetattr(input, &saved) == 0
        if interactive {
            // Byte by byte, no echo, Ctrl-C as a byte: the editor draws the line itself.
            var mode = saved
            mode.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
            _ = tcsetattr(input, TCSANOW, &mode)
            editor = LineEditor(prompt: "rapi> ")
            output(editor!.redraw)
        }
        defer {
            if interactive {
                editor = nil
                output("\r\u{1B}[K")
                _ = tcsetattr(input, TCSANOW, &saved)
            }
        }
        var typed: [UInt8] = []
        var inputOpen = true
        var lastHeard = ContinuousClock.now
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
            if inputOpen { fds.append(pollfd(fd: input, events: Int16(POLLIN), revents: 0)) }
            let timeout: Int32 = inputOpen ? -1 : 100
            if poll(&fds, nfds_t(fds.count), timeout) < 0, errno != EINTR { return }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                let n = read(fd, &buffer, buffer.count)
                if n > 0 {
                    lastHeard = .now
                    received(Array(buffer[0..<n]))
                } else if n == 0 || (errno != EAGAIN && errno != EINTR) {
                    show("\(Self.clock()) device closed")
                    return
                }
            }
            if inputOpen, fds.count > 1, fds[1].revents != 0 {
                let n = read(input, &buffer, buffer.count)
                if n > 0, editor != nil {
                    for byte in buffer[0..<n] where inputOpen { inputOpen = edit(byte) }
                    if !inputOpen { lastHeard = .now }
                } else if n > 0 {
                    typed += buffer[0..<n]
                    while let end = typed.firstIndex(of: 0x0A) {
                        send(String(decoding: typed[..<end], as: UTF8.self))
                        typed.removeSubrange(...end)
                    }
                } else if n == 0 || errno != EINTR {
                    if !typed.isEmpty { send(String(decoding: typed, as: UTF8.self)) }
                    inputOpen = false
                    lastHeard = .now
                }
            }
            if !inputOpen, ContinuousClock.now - lastHeard >= quiet { break }
        }
        if let rest = text.unfinished, !raw { show("\(Self.clock()) < \(rest) (unfinished)") }
    }

    /// Feeds a typed byte to the editor; false once the input has ended.
    private func edit(_ byte: UInt8) -> Bool {
        guard var current = editor else { return true }
        let events = current.feed(byte)
        editor = current
        for event in events {
            switch event {
            case .show(let text): output(text)
            case .line(let line): send(line)
            case .endOfInput, .interrupt: return false
            }
        }
        return true
    }

    private func send(_ line: String) {
        guard let bytes = RAPIConsoleText.frame(line) else { return }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                offset += n
            } else if errno != EAGAIN && errno != EINTR {
                show("\(Self.clock()) write failed: \(String(cString: strerror(errno)))")
                return
            }
        }
        show("\(Self.clock()) > " + (raw ? RAPIFormat.escaped(bytes) : RAPIFormat.escaped(bytes.dropLast())))
    }

    private func received(_ bytes: [UInt8]) {
        if raw {
            show("\(Self.clock()) < " + RAPIFormat.escaped(bytes))
            return
        }
        for line in text.lines(adding: bytes) { show("\(Self.clock()) < \(line)") }
    }

    /// The wall-clock time of day (UTC) to the millisecond.
    static func clock() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var parts = tm()
        var seconds = spec.tv_sec
        gmtime_r(&seconds, &parts)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let ms = Int(spec.tv_nsec / 1_000_000)
        let msText = ms < 10 ? "00\(ms)" : ms < 100 ? "0\(ms)" : "\(ms)"
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(msText)"
    }

    /// Serves one station on a fresh pty in this process, on its own thread, for a console with
    /// no device given; returns once the pty exists. Call the returned closure to stop it (it
    /// returns when the station's pty link is removed).
    /// - Throws: ``LiveSetupError`` when the station cannot be served.
    public static func spawnStation(_ configuration: LiveFleetConfiguration, logger: Logger) throws(LiveSetupError)
        -> () -> Void
    {
        let state = Mutex<SpawnState>(SpawnState())
        let done = DispatchSemaphore(value: 0)
        let ready = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do throws(LiveSetupError) {
                let fleet = try LiveFleet(configuration: configuration, logger: logger)
                _ = try fleet.serve(pacing: .scaled(1), handlesSignals: false) { stopper in
                    state.withLock { $0.stopper = stopper }
                    ready.signal()
                }
            } catch {
                state.withLock { $0.error = error }
                ready.signal()
            }
            done.signal()
        }
        ready.wait()
        if let error = state.withLock({ $0.error }) { throw error }
        return {
            state.withLock { $0.stopper }?.requestStop()
            done.wait()
        }
    }

    private struct SpawnState: Sendable {
        var stopper: LiveLoop.Stopper?
        var error: LiveSetupError?
    }
}
