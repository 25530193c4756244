import Glibc
import Synchronization

/// Every open and close of the pty slave devices, in order, from one inotify instance shared by
/// all ``PTYDevice``s of the process.
///
/// The master's POLLHUP only says whether a client is attached *now*: a client that closes and
/// a next one that opens between two polls leave no trace, and the first client's unread
/// replies reach the second. inotify queues `IN_OPEN` and `IN_CLOSE_WRITE`/`IN_CLOSE_NOWRITE`
/// for each `open`/`close` of the slave (inotify(7)), so no change is missed. One instance for
/// the whole process: the kernel allows 128 per user by default, fewer than a fleet's ptys.
///
/// Thread-safe: the queues sit behind a lock, so devices served by different loops can share it.
final class PTYWatcher: Sendable {
    /// A change of the slave's open count.
    enum Change: Hashable, Sendable {
        case opened, closed
    }

    /// The process's watcher, or why inotify is unavailable.
    static let shared: Result<PTYWatcher, PTYError> = {
        do throws(PTYError) {
            return .success(try PTYWatcher())
        } catch {
            return .failure(error)
        }
    }()

    /// The inotify descriptor (non-blocking, close-on-exec); readable when changes wait.
    let fileDescriptor: Int32
    private let queues = Mutex<[Int32: [Change]]>([:])

    private init() throws(PTYError) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw PTYError(operation: "inotify_init1", errno: errno) }
        fileDescriptor = fd
    }

    /// Starts reporting opens and closes of `path`; returns the watch to pass to ``take(_:)``.
    func watch(_ path: String) throws(PTYError) -> Int32 {
        let mask = UInt32(IN_OPEN) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CLOSE_NOWRITE)
        let watch = inotify_add_watch(fileDescriptor, path, mask)
        guard watch >= 0 else { throw PTYError(operation: "inotify_add_watch", path: path, errno: errno) }
        queues.withLock { $0[watch] = [] }
        return watch
    }

    /// Stops reporting for `watch` and forgets its queued changes.
    func unwatch(_ watch: Int32) {
        _ = inotify_rm_watch(fileDescriptor, watch)
        queues.withLock { _ = $0.removeValue(forKey: watch) }
    }

    /// The changes of `watch` since the last call, oldest first.
    func take(_ watch: Int32) -> [Change] {
        queues.withLock { queues in
            drain(into: &queues)
            defer { queues[watch] = [] }
            return queues[watch] ?? []
        }
    }

    /// Whether changes of `watch` were read from the kernel (by another device's call) and not
    /// yet taken.
    func hasPending(_ watch: Int32) -> Bool { queues.withLock { !($0[watch]?.isEmpty ?? true) } }

    /// Reads every queued inotify event and files it under its watch.
    private func drain(into queues: inout [Int32: [Change]]) {
        let headerSize = MemoryLayout<inotify_event>.size
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fileDescriptor, into: $0) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return }
            var offset = 0
            while offset + headerSize <= n {
                let event = buffer.withUnsafeBytes {
                    $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                }
                offset += headerSize + Int(event.len)
                guard queues[event.wd] != nil else { continue }
                if event.mask & UInt32(IN_OPEN) != 0 { queues[event.wd]!.append(.opened) }
                if event.mask & (UInt32(IN_CLOSE_WRITE) | UInt32(IN_CLOSE_NOWRITE)) != 0 {
                    queues[event.wd]!.append(.closed)
                }
            }
        }
    }
}
