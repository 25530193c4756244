import Glibc
import Synchronization

/// Makes temporary link names unique within the process.
private let temporaryLinkCounter = Atomic<Int>(0)

/// The termios and file-system calls behind ``PTYDevice``, kept apart from its state machine.
enum TerminalControl {
    /// Puts the line in raw mode at 115200 baud.
    ///
    /// On Linux, termios calls on the master act on the slave side (pty(7)), so this
    /// also undoes whatever a previous client left behind (a client that leaves ECHO on
    /// makes the line echo our replies back to us, an endless `$NK` storm).
    static func applyRawMode(_ fd: Int32) -> Int32? {
        var mode = termios()
        guard tcgetattr(fd, &mode) == 0 else { return errno }
        cfmakeraw(&mode)
        _ = cfsetispeed(&mode, speed_t(B115200))
        _ = cfsetospeed(&mode, speed_t(B115200))
        guard tcsetattr(fd, TCSANOW, &mode) == 0 else { return errno }
        return nil
    }

    /// Whether the client's line echoes what it receives (ECHO set in the slave's termios, which
    /// `tcgetattr` on the master returns).
    static func echoesInput(_ fd: Int32) -> Bool {
        var mode = termios()
        guard tcgetattr(fd, &mode) == 0 else { return false }
        return mode.c_lflag & tcflag_t(ECHO) != 0
    }

    /// The target of the symbolic link at `path`, or nil if it is not a readable link.
    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Points `link` at `target`, replacing an existing link atomically (a temporary link
    /// renamed over it, as `socat … link=` does), so a client never sees the path missing.
    static func replaceLink(_ link: String, with target: String) throws(PTYError) {
        var info = stat()
        if lstat(link, &info) == 0, info.st_mode & S_IFMT != S_IFLNK {
            throw PTYError(
                operation: "replace link", path: link,
                detail: "the path exists and is not a symbolic link; refusing to replace it")
        }
        let serial = temporaryLinkCounter.add(1, ordering: .relaxed).newValue
        let temporary = "\(link).\(getpid())-\(serial).tmp"
        _ = unlink(temporary)
        guard symlink(target, temporary) == 0 else {
            throw PTYError(operation: "symlink", path: temporary, errno: errno)
        }
        guard rename(temporary, link) == 0 else {
            let code = errno
            _ = unlink(temporary)
            throw PTYError(operation: "rename link", path: link, errno: code)
        }
    }
}
