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

    /// Creates or truncates `path` (`-` is standard output).
    public init(path: String) throws(FileError) {
        self.path = path
        if path == "-" {
            fd = 1
        } else {
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if fd < 0 { throw FileError(path: path, errno: errno) }
        }
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends `text` and a newline.
    public func writeLine(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(10)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes whatever is buffered.
    public func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { break }
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
    public var description: String {
        let reason = strerror(errno).map { String(cString: $0) } ?? "errno \(errno)"
        return "\(path): \(reason)"
    }
}
