/// Releases output lines no faster than a real serial line would deliver them.
///
/// The model is a UART that sends one line after the other: a line queued at `q` starts when
/// the wire is free, takes `bytes × bitsPerByte / baud` seconds, and is released (written to
/// the pty in one piece) when its last byte would have arrived. A RAPI client therefore sees
/// each reply complete no earlier than it would from the real controller at 115200 baud 8N1
/// (10 bits a byte, about 86.8 µs).
public struct SerialLinePacer: Sendable {
    /// Bits per second on the simulated wire.
    public let baud: Int
    /// Bits per byte: start bit + 8 data bits + stop bit for 8N1.
    public let bitsPerByte: Int
    private var wireFreeAt: ContinuousClock.Instant?
    private var queue: [(release: ContinuousClock.Instant, bytes: [UInt8])] = []
    private var head = 0

    /// Creates a pacer for `baud` with `bitsPerByte` bits on the wire per byte (8N1 = 10).
    public init(baud: Int = 115_200, bitsPerByte: Int = 10) {
        precondition(baud > 0 && bitsPerByte > 0, "baud and bitsPerByte must be positive")
        self.baud = baud
        self.bitsPerByte = bitsPerByte
    }

    /// How long `count` bytes occupy the wire, rounded up to the nanosecond.
    public func transmissionTime(ofBytes count: Int) -> Duration {
        let bits = Int64(count) * Int64(bitsPerByte)
        let ns = (bits * 1_000_000_000 + Int64(baud) - 1) / Int64(baud)
        return .nanoseconds(ns)
    }

    /// Number of lines waiting.
    public var pendingCount: Int { queue.count - head }

    /// Bytes waiting, over all lines.
    public var pendingBytes: Int { queue[head...].reduce(0) { $0 + $1.bytes.count } }

    /// When the next waiting line may be written, or nil when none waits.
    public var nextReleaseTime: ContinuousClock.Instant? { head < queue.count ? queue[head].release : nil }

    /// Queues `line`, noticed at `now`, behind everything already on the wire.
    public mutating func enqueue(_ line: [UInt8], now: ContinuousClock.Instant) {
        let start = max(now, wireFreeAt ?? now)
        let release = start + transmissionTime(ofBytes: line.count)
        wireFreeAt = release
        queue.append((release, line))
    }

    /// Removes and returns, in order, every line whose release time is at or before `now`.
    public mutating func popDue(now: ContinuousClock.Instant) -> [[UInt8]] {
        var out: [[UInt8]] = []
        while head < queue.count, queue[head].release <= now {
            out.append(queue[head].bytes)
            head += 1
        }
        compact()
        return out
    }

    /// Drops every waiting line (the client went away) and frees the wire; returns the bytes dropped.
    @discardableResult
    public mutating func reset() -> Int {
        let dropped = pendingBytes
        queue.removeAll()
        head = 0
        wireFreeAt = nil
        return dropped
    }

    private mutating func compact() {
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 64, head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
    }
}
