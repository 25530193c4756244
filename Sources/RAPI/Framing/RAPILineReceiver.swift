import EVSEModel

/// The controller's byte-level command receiver (firmware `EvseRapiProcessor::doCmd()`).
///
/// open_evse `EvseRapiProcessor::doCmd()`, byte by byte: echo first (when on); `$` restarts a line anywhere;
/// inside a line every byte but CR is stored (LF, NUL and 8-bit bytes included); CR ends the
/// line; a line that fills the buffer is dropped without a word and everything up to the next
/// `$` is ignored; bytes outside a line are ignored.
///
/// The receiver keeps the firmware's fixed input buffer, stale bytes included, because the
/// firmware can read one stale byte after a line (see ``RAPILine/byteAfterTerminator``).
///
/// Handling a line can switch echo on (`$FF E`), and the firmware echoes every later byte,
/// even ones that arrived in the same burst. A station that executes lines should therefore feed
/// bytes one at a time (the `UInt8` overload of `receive`) and act on each output before the next
/// byte. In the batch overload nothing can change the echo setting between the bytes of one call.
public struct RAPILineReceiver: Sendable {
    /// Fixed properties of a receiver.
    public struct Configuration: Hashable, Sendable {
        /// ESRAPI_BUFLEN: 32 on 8.2.3 (AVR), 40 on official D9 9.4.0 builds. The longest line
        /// accepted is one less than this, counted from `$` up to, not including, CR.
        public var bufferLength: Int
        /// The `silentOverlongDrop` quirk: when false, an overlong line is reported at its CR
        /// with ``RAPIOverlongLine/requiresReply`` set.
        public var silentOverlongDrop: Bool

        /// A configuration; `bufferLength` is clamped to at least 2.
        public init(bufferLength: Int = 32, silentOverlongDrop: Bool = true) {
            self.bufferLength = max(2, bufferLength)
            self.silentOverlongDrop = silentOverlongDrop
        }

        /// The configuration for a firmware line with the given quirk switches.
        public init(firmware: RAPIFirmware, quirks: RAPIQuirks = .firmware) {
            self.init(bufferLength: firmware.receiveBufferLength, silentOverlongDrop: quirks.silentOverlongDrop)
        }
    }

    /// This receiver's fixed configuration.
    public let configuration: Configuration
    /// Echo mode: every received byte is written back before anything else happens to it.
    public var isEchoOn: Bool

    private var buffer: [UInt8]
    private var count = 0
    /// With `silentOverlongDrop` off: the kept part of an overflowed line awaiting its CR.
    private var pendingOverlong: [UInt8]?

    private static let start = UInt8(ascii: "$")
    private static let carriageReturn: UInt8 = 0x0D

    /// A receiver as after boot: empty (zeroed) buffer, outside any line.
    public init(configuration: Configuration = Configuration(), echo: Bool = false) {
        self.configuration = configuration
        self.isEchoOn = echo
        self.buffer = Array(repeating: 0, count: configuration.bufferLength)
    }

    /// Whether the receiver is inside a line (has seen `$` and no CR or overflow since).
    public var isInsideLine: Bool { buffer[0] == Self.start }

    /// Forgets everything, as the controller's reboot does: echo off, buffer zeroed.
    public mutating func reboot() {
        self = RAPILineReceiver(configuration: configuration)
    }

    /// Processes one byte; returns what it produced (at most an echo and one event), in order.
    public mutating func receive(_ byte: UInt8) -> [RAPIReceiverOutput] {
        var outputs: [RAPIReceiverOutput] = []
        if isEchoOn { outputs.append(.echo([byte])) }
        if let event = process(byte) { outputs.append(event) }
        return outputs
    }

    /// Processes a burst of bytes with the current echo setting; echo bytes are coalesced.
    public mutating func receive(_ bytes: some Sequence<UInt8>) -> [RAPIReceiverOutput] {
        var outputs: [RAPIReceiverOutput] = []
        var echoed: [UInt8] = []
        for byte in bytes {
            if isEchoOn { echoed.append(byte) }
            if let event = process(byte) {
                if !echoed.isEmpty {
                    outputs.append(.echo(echoed))
                    echoed.removeAll()
                }
                outputs.append(event)
            }
        }
        if !echoed.isEmpty { outputs.append(.echo(echoed)) }
        return outputs
    }

    /// Mirrors the firmware writing a reply's parameter text into the input buffer.
    ///
    /// The firmware formats reply parameters (`sprintf(buffer, …)`) in the same buffer it reads
    /// commands into, so they become the stale bytes a later line may read (see
    /// ``RAPILine/byteAfterTerminator``). A station that wants that last detail right calls this
    /// with the parameters of every reply that has them, before feeding the next byte.
    public mutating func noteReplyText(_ text: [UInt8]) {
        let written = text.prefix(buffer.count - 1)
        buffer.replaceSubrange(0..<written.count, with: written)
        buffer[written.count] = 0
        buffer[0] = 0  // reset() after the reply: outside any line again.
        count = 0
    }

    private mutating func process(_ byte: UInt8) -> RAPIReceiverOutput? {
        if byte == Self.start {
            buffer[0] = Self.start
            count = 1
            // An unterminated overlong line abandoned for a new one: recorded, never answered.
            return pendingOverlong.take().map { .overlong(RAPIOverlongLine(prefix: $0, requiresReply: false)) }
        }
        guard isInsideLine else {
            if pendingOverlong != nil && byte == Self.carriageReturn {
                return pendingOverlong.take().map { .overlong(RAPIOverlongLine(prefix: $0, requiresReply: true)) }
            }
            return nil
        }
        guard count < buffer.count else {
            // open_evse `doCmd()`: buffer full ⇒ the line is silently discarded.
            let prefix = Array(buffer[1..<count])
            resetLine()
            if configuration.silentOverlongDrop {
                return .overlong(RAPIOverlongLine(prefix: prefix, requiresReply: false))
            }
            if byte == Self.carriageReturn {
                return .overlong(RAPIOverlongLine(prefix: prefix, requiresReply: true))
            }
            pendingOverlong = prefix
            return nil
        }
        guard byte == Self.carriageReturn else {
            buffer[count] = byte
            count += 1
            return nil
        }
        return terminateLine()
    }

    private mutating func terminateLine() -> RAPIReceiverOutput {
        buffer[count] = 0
        count += 1
        // Past the buffer's end the AVR layout has the `bufCnt` member, holding `count`.
        let after = count < buffer.count ? buffer[count] : UInt8(truncatingIfNeeded: count)
        let line = RAPILine(bytes: Array(buffer[1..<(count - 1)]), byteAfterTerminator: after)
        if !line.bytes.isEmpty {
            // The firmware tokenizes in place; its NULs become stale bytes for later lines.
            var scratch = Array(buffer[0..<count]) + [after]
            _ = RAPITokenizer.tokenize(&scratch)
            buffer.replaceSubrange(0..<count, with: scratch[0..<count])
        }
        resetLine()
        return .line(line)
    }

    /// Firmware `reset()`: only the first byte and the count are cleared.
    private mutating func resetLine() {
        buffer[0] = 0
        count = 0
    }
}

extension Optional {
    fileprivate mutating func take() -> Wrapped? {
        defer { self = nil }
        return self
    }
}
