#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written line by line with buffering: trace files, reports.
///
/// A class because it owns a descriptor that must be flushed and closed.
public final class TextFile: @unchecked Sendable {
    // Confined to the thread that writes the run; @unchecked only because trace sinks are
    // @Sendable closures that capture it.
    private let fd: Int32
    private var buffer: [UInt8] = []
    public let path: String

    /// The first error a write met, if any (a full disk, a closed pipe): checked by callers that
    /// must not report success for a report that was not written.
    public private(set) var writeError: FileError?

    /// Creates or truncates `path` (`-` is standard output).
    ///
    /// A symbolic link as the last component is refused (`O_NOFOLLOW`): an output path must not
    /// truncate whatever a link points at, nor create a file where a dangling one points.
    public init(path: String) throws(FileError) {
        self.path = path
        if path == "-" {
            fd = 1
        } else {
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
            if fd < 0 {
                let code = errno
                throw code == ELOOP
                    ? FileError(path: path, errno: code, reason: "is a symbolic link; give the path of the file itself")
                    : FileError(path: path, errno: code)
            }
        }
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends `text` and a newline.
    public func writeLine(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(10)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Appends what `body` writes into the buffer, and a newline: no intermediate string.
    public func writeLine(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        buffer.append(10)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes whatever is buffered.
    public func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 {
                if writeError == nil { writeError = FileError(path: path, errno: n < 0 ? errno : EIO) }
                break
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit {
        flush()
        if fd > 2 { close(fd) }
    }

    /// Creates the folder `path` lives in (and its parents) if missing.
    public static func makeParentDirectory(of path: String) throws(FileError) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).dropLast()
        var dir = path.hasPrefix("/") ? "" : "."
        for part in parts {
            dir += "/" + part
            if mkdir(dir, 0o755) != 0, errno != EEXIST { throw FileError(path: dir, errno: errno) }
        }
    }

    /// The size of a file in bytes, without reading it.
    public static func size(of path: String) throws(FileError) -> Int {
        var st = stat()
        guard stat(path, &st) == 0 else { throw FileError(path: path, errno: errno) }
        return Int(st.st_size)
    }

    /// Reads a whole file.
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, errno: errno) }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw FileError(path: path, errno: errno) }
            if n == 0 { break }
            out += chunk[0..<n]
        }
        return out
    }
}

/// A file could not be opened, read or written.
public struct FileError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var errno: Int32
    /// What went wrong in words, when the system's text for `errno` would mislead.
    public var reason: String?

    public init(path: String, errno: Int32, reason: String? = nil) {
        self.path = path
        self.errno = errno
        self.reason = reason
    }

    public var description: String {
        let reason = reason ?? strerror(errno).map { String(cString: $0) } ?? "errno \(errno)"
        return "\(path): \(reason)"
    }
}
