import Glibc

/// A self-pipe: one byte written to it wakes a `poll` on its read end.
///
/// Each byte is a message: ``stopByte`` asks the loop to stop, any other value is the number of
/// a signal caught by ``SignalTrap``. The descriptors are immutable and closed in `deinit`, and
/// `write(2)` on a pipe is safe from any thread and from a signal handler, so the type is
/// `Sendable` as it stands.
final class WakeupPipe: Sendable {
    /// The byte that means "stop requested" (signal numbers are never zero).
    static let stopByte: UInt8 = 0

    /// The end the loop polls.
    let readFD: Int32
    /// The end writers use.
    let writeFD: Int32

    /// Opens a non-blocking, close-on-exec pipe.
    init() throws(LiveLoopError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw LiveLoopError(operation: "pipe", errno: errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Writes one message byte. A full pipe already holds a pending wake-up, so EAGAIN is fine.
    func post(_ byte: UInt8) {
        var value = byte
        _ = write(writeFD, &value, 1)
    }

    /// Reads every pending byte.
    func drain() -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            out.append(contentsOf: buffer[..<n])
        }
        return out
    }
}
