#if canImport(Glibc)
    import Glibc
#endif

/// QoS 0 PUBLISH packets (MQTT 3.1.1, section 3.3) encoded into one buffer and written to the
/// broker's socket many at a time.
///
/// libmosquitto writes every packet with its own `write()`, and also writes a byte to its
/// internal wake-up socket pair for each one: two system calls a publication, more than half of
/// the CPU a fleet spends publishing. A QoS 0 publication has no packet id and no state to keep,
/// so ``MosquittoClient`` encodes those itself on a plain TCP connection and hands the kernel a
/// fleet's second in a few large writes. The bytes go onto libmosquitto's own socket, so the two
/// must never interleave inside a packet: the client appends here only while libmosquitto holds
/// nothing unwritten, and lets libmosquitto write (or read, which may answer) only once this
/// buffer is empty.
struct PublishBuffer {
    /// The largest remaining length MQTT can encode (four bytes of variable-length integer).
    static let maximumRemainingLength = 268_435_455

    /// Bytes not yet written, from ``start``.
    private(set) var bytes: [UInt8] = []
    private var start = 0
    /// How many bytes were unwritten when the socket last refused more; nil once it took
    /// everything (see ``isWorthWriting(batching:writeSize:)``).
    private var blockedAt: Int?

    /// Bytes waiting to be written.
    var pendingCount: Int { bytes.count - start }

    /// Whether everything appended has been written.
    var isEmpty: Bool { start == bytes.count }

    /// Whether what was just appended should be written now: outside a batch at once, in one
    /// once `writeSize` bytes wait. After the socket refused more, only once another
    /// `writeSize` was added since: at 10,000 stations the broker's socket is full for much of
    /// every second, and trying after each publication made 8,000 failing `send()`s a second,
    /// a quarter of the fleet's CPU. The poll's writable event writes the rest in any case.
    func isWorthWriting(batching: Bool, writeSize: Int) -> Bool {
        if let blockedAt { return pendingCount >= blockedAt + writeSize }
        return !batching || pendingCount >= writeSize
    }

    /// Appends one PUBLISH packet, QoS 0.
    /// - Returns: false, appending nothing, when the topic or the packet is too long for MQTT.
    mutating func append(topic: String, payload: [UInt8], retain: Bool) -> Bool {
        let topicLength = topic.utf8.count
        guard topicLength <= Int(UInt16.max) else { return false }
        let remaining = 2 + topicLength + payload.count
        guard remaining <= Self.maximumRemainingLength else { return false }
        if start > 0, start == bytes.count {
            bytes.removeAll(keepingCapacity: true)
            start = 0
        }
        // The fixed header and the topic's length in one append (each append of a byte checks
        // the array's capacity and uniqueness again).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 7) { header in
            header[0] = retain ? 0x31 : 0x30
            var count = 1
            var length = remaining
            repeat {
                var digit = UInt8(length & 0x7F)
                length >>= 7
                if length > 0 { digit |= 0x80 }
                header[count] = digit
                count += 1
            } while length > 0
            header[count] = UInt8(topicLength >> 8)
            header[count + 1] = UInt8(topicLength & 0xFF)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: header[0..<count + 2]))
        }
        bytes.append(contentsOf: topic.utf8)
        bytes.append(contentsOf: payload)
        return true
    }

    /// What a ``write(to:)`` came to.
    enum WriteResult: Equatable {
        /// Everything was written.
        case drained
        /// The socket took part (or nothing); the rest waits for it to be writable again.
        case blocked
        /// The socket failed with this errno; the buffer was emptied (the connection is gone,
        /// and a new one must not start inside a packet).
        case failed(Int32)
    }

    /// Writes as much as the non-blocking socket `fd` takes.
    mutating func write(to fd: Int32) -> WriteResult {
        while start < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + start, raw.count - start, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                start += written
                continue
            }
            let code = errno
            if written < 0, code == EINTR { continue }
            if written < 0, code == EAGAIN || code == EWOULDBLOCK {
                blockedAt = pendingCount
                return .blocked
            }
            discard()
            return .failed(written == 0 ? EPIPE : code)
        }
        discard()  // all written: empty, keeping the capacity for the next second
        return .drained
    }

    /// Empties the buffer, keeping its capacity: everything was written, or what was not is for
    /// a connection that is gone.
    mutating func discard() {
        bytes.removeAll(keepingCapacity: true)
        start = 0
        blockedAt = nil
    }
}
