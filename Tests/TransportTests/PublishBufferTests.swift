import CMosquitto
import Glibc
import Testing

@testable import Transport

/// The client's own QoS 0 PUBLISH encoding, read back by a small decoder written from the MQTT
/// 3.1.1 text (section 2.2.3 remaining length, 3.3 PUBLISH), and its writes to a real socket.
@Suite("PublishBuffer: QoS 0 PUBLISH packets, many a write")
struct PublishBufferTests {
    /// One decoded PUBLISH: flags, topic, payload.
    struct Decoded: Equatable {
        var retain: Bool
        var topic: String
        var payload: [UInt8]
    }

    /// Decodes every packet of `bytes`, which must hold whole QoS 0 PUBLISH packets only.
    /// A connected socket pair whose writing end is non-blocking with a 4 KiB send buffer, so a
    /// few publications fill it; both ends are closed after `body`.
    static func withSmallSocketPair(_ body: (_ writer: Int32, _ reader: Int32) throws -> Void) throws {
        var fds: [Int32] = [0, 0]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        var size: Int32 = 4096
        setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        try #require(fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK) == 0)
        try body(fds[0], fds[1])
    }

    static func decode(_ bytes: [UInt8]) throws -> [Decoded] {
        var packets: [Decoded] = []
        var at = 0
        while at < bytes.count {
            let header = bytes[at]
            try #require(header & 0xF6 == 0x30, "PUBLISH, QoS 0, no DUP: \(header)")
            at += 1
            var length = 0
            var shift = 0
            while true {
                let digit = bytes[at]
                at += 1
                length |= Int(digit & 0x7F) << shift
                shift += 7
                if digit & 0x80 == 0 { break }
                try #require(shift < 28, "at most four length bytes")
            }
            let end = at + length
            try #require(end <= bytes.count)
            let topicLength = Int(bytes[at]) << 8 | Int(bytes[at + 1])
            let topic = String(decoding: bytes[(at + 2)..<(at + 2 + topicLength)], as: UTF8.self)
            packets.append(
                Decoded(retain: header & 1 == 1, topic: topic, payload: Array(bytes[(at + 2 + topicLength)..<end])))
            at = end
        }
        return packets
    }

    @Test(
        "payloads either side of each remaining-length boundary read back exactly",
        arguments: [0, 1, 100, 121, 122, 16_370, 16_371, 2_097_135, 2_097_136])
    func roundTrip(payloadSize: Int) throws {
        // The topic below is 4 bytes: remaining length = 2 + 4 + payload, so 121/122 straddle
        // 127/128, 16,370/16,371 straddle 16,383/16,384, and 2,097,135/6 straddle 2,097,151/2.
        var buffer = PublishBuffer()
        let payload = (0..<payloadSize).map { UInt8(truncatingIfNeeded: $0) }
        let appended = [
            buffer.append(topic: "a/bc", payload: payload, retain: false),
            buffer.append(topic: "évse/ü", payload: [0x7B, 0x7D], retain: true),
        ]
        #expect(appended == [true, true])
        let packets = try Self.decode(buffer.bytes)
        #expect(
            packets == [
                Decoded(retain: false, topic: "a/bc", payload: payload),
                Decoded(retain: true, topic: "évse/ü", payload: [0x7B, 0x7D]),
            ])
        #expect(buffer.pendingCount == buffer.bytes.count)
    }

    @Test(
        "topics to publish on: what mosquitto_pub_topic_check and mosquitto_publish accept",
        arguments: [
            ("everest_api/evse_1/var/telemetry", true), ("/", true), ("é/ü", true), ("", false),
            ("a/+/b", false), ("a/#", false), ("a\u{0}b", false), (String(repeating: "t", count: 65_535), true),
            (String(repeating: "t", count: 65_536), false),
        ])
    func publishableTopics(topic: String, accepted: Bool) {
        #expect(MosquittoClient.isPublishable(topic) == accepted)
        #expect(
            (mosquitto_pub_topic_check(topic) == MOSQ_ERR_SUCCESS.rawValue) == accepted || topic.isEmpty
                || topic.contains("\u{0}"))
    }

    @Test(
        "a wildcard or NUL is found at every position, inside a word and in the tail", arguments: ["+", "#", "\u{0}"])
    func forbiddenAtEveryPosition(character: String) {
        let clean = "everest_api/évse_42/var/powermeter_x"  // 37 bytes: four words and a tail
        #expect(MosquittoClient.isPublishable(clean))
        let bytes = Array(clean.utf8)
        for position in bytes.indices {
            var topic = bytes
            topic[position] = Array(character.utf8)[0]
            let text = String(decoding: topic, as: UTF8.self)
            #expect(!MosquittoClient.isPublishable(text), "\(position)")
        }
    }

    @Test("a topic longer than 65,535 bytes is refused and appends nothing")
    func topicTooLong() {
        var buffer = PublishBuffer()
        let tooLong = buffer.append(topic: String(repeating: "t", count: 65_536), payload: [], retain: false)
        #expect(!tooLong)
        #expect(buffer.isEmpty)
        let longest = buffer.append(topic: String(repeating: "t", count: 65_535), payload: [], retain: false)
        #expect(longest)
        #expect(buffer.pendingCount == 1 + 3 + 2 + 65_535)
    }

    @Test("a full socket takes part; the rest goes out in order once the reader drains it")
    func blockedThenDrained() throws {
        try Self.withSmallSocketPair { writer, reader in
            var buffer = PublishBuffer()
            let payloads = (0..<400).map { i in Array("message \(i) ".utf8) + [UInt8](repeating: 0x2E, count: 300) }
            let appended = payloads.map { buffer.append(topic: "var/seq", payload: $0, retain: false) }
            #expect(!appended.contains(false))
            let total = buffer.pendingCount
            let first = buffer.write(to: writer)
            #expect(first == .blocked)
            #expect(buffer.pendingCount > 0 && buffer.pendingCount < total)

            var received: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while received.count < total {
                let n = read(reader, &chunk, chunk.count)
                try #require(n > 0)
                received += chunk[0..<n]
                if !buffer.isEmpty { _ = buffer.write(to: writer) }
            }
            #expect(buffer.isEmpty)
            #expect(try Self.decode(received).map(\.payload) == payloads)
        }
    }

    @Test("after the socket refused more, the next write waits for another write's worth")
    func waitsAfterBlocking() throws {
        try Self.withSmallSocketPair { writer, reader in
            var buffer = PublishBuffer()
            let payload = [UInt8](repeating: 0x2E, count: 1_000)
            _ = buffer.append(topic: "var/one", payload: payload, retain: false)
            #expect(buffer.isWorthWriting(batching: false, writeSize: 8_192))
            #expect(!buffer.isWorthWriting(batching: true, writeSize: 8_192))
            while buffer.pendingCount < 64_000 { _ = buffer.append(topic: "var/one", payload: payload, retain: false) }
            #expect(buffer.isWorthWriting(batching: true, writeSize: 8_192))
            #expect(buffer.write(to: writer) == .blocked)

            // Blocked: neither a batch nor a single publication is worth a write until 8 KiB more wait.
            let blockedAt = buffer.pendingCount
            _ = buffer.append(topic: "var/one", payload: payload, retain: false)
            #expect(!buffer.isWorthWriting(batching: false, writeSize: 8_192))
            #expect(!buffer.isWorthWriting(batching: true, writeSize: 8_192))
            while buffer.pendingCount < blockedAt + 8_192 {
                _ = buffer.append(topic: "var/one", payload: payload, retain: false)
            }
            #expect(buffer.isWorthWriting(batching: true, writeSize: 8_192))

            // Once everything went out, a single publication is written at once again.
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while !buffer.isEmpty {
                _ = read(reader, &chunk, chunk.count)
                _ = buffer.write(to: writer)
            }
            _ = buffer.append(topic: "var/one", payload: payload, retain: false)
            #expect(buffer.isWorthWriting(batching: false, writeSize: 8_192))
            #expect(!buffer.isWorthWriting(batching: true, writeSize: 8_192))
        }
    }

    @Test("a closed peer fails the write and empties the buffer")
    func failedWrite() throws {
        var fds: [Int32] = [0, 0]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        defer { close(fds[0]) }
        close(fds[1])
        var buffer = PublishBuffer()
        let appended = buffer.append(topic: "var/x", payload: [1, 2, 3], retain: false)
        #expect(appended)
        let result = buffer.write(to: fds[0])
        #expect(result == .failed(EPIPE))
        #expect(buffer.isEmpty)
    }
}
