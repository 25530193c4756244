import CMosquitto
import Testing

@testable import Live
@testable import Transport

@Suite("Publication queue, back-off, pacer, errors")
struct QueueAndBackoffTests {
    @Test("the queue keeps order and drops the oldest when full", arguments: [1, 3, 100])
    func boundedFIFO(capacity: Int) {
        var queue = PublicationQueue<Int>(capacity: capacity)
        let total = capacity + 7
        for i in 0..<total { queue.append(i) }
        #expect(queue.count == capacity)
        #expect(queue.droppedCount == 7)
        #expect(queue.elements == Array((total - capacity)..<total))
        var popped: [Int] = []
        while let value = queue.popFirst() { popped.append(value) }
        #expect(popped == Array((total - capacity)..<total))
        #expect(queue.isEmpty)
    }

    @Test("an element put back goes out first; when full the newest makes room")
    func prepend() {
        var queue = PublicationQueue<String>(capacity: 3)
        for s in ["a", "b", "c"] { queue.append(s) }
        let first = queue.popFirst()
        #expect(first == "a")
        queue.prepend("a")
        #expect(queue.elements == ["a", "b", "c"])
        queue.prepend("z")
        #expect(queue.elements == ["z", "a", "b"])
        #expect(queue.droppedCount == 1)
    }

    @Test("back-off doubles up to the maximum and starts again after a success")
    func backoff() {
        var backoff = ReconnectBackoff(initial: .milliseconds(100), maximum: .milliseconds(700))
        let delays = (0..<6).map { _ in backoff.nextDelay() }
        #expect(delays == [100, 200, 400, 700, 700, 700].map { Duration.milliseconds($0) })
        backoff.reset()
        #expect(backoff.nextDelay() == .milliseconds(100))
    }

    @Test("serial pacing: 115200 baud 8N1 moves 11520 bytes a second")
    func pacerTiming() {
        let pacer = SerialLinePacer()
        #expect(pacer.transmissionTime(ofBytes: 11_520) == .seconds(1))
        #expect(pacer.transmissionTime(ofBytes: 1) == .nanoseconds(86_806))  // 86.805… µs, rounded up
        #expect(SerialLinePacer(baud: 9_600).transmissionTime(ofBytes: 960) == .seconds(1))
    }

    @Test("serial pacing: a line is released when its last byte would have arrived")
    func pacerQueue() {
        var pacer = SerialLinePacer()
        let t0 = ContinuousClock.now
        let a = [UInt8](repeating: 65, count: 10)
        let b = [UInt8](repeating: 66, count: 31)
        pacer.enqueue(a, now: t0)
        pacer.enqueue(b, now: t0)
        let releaseA = t0 + pacer.transmissionTime(ofBytes: 10)
        let releaseB = releaseA + pacer.transmissionTime(ofBytes: 31)
        #expect(pacer.nextReleaseTime == releaseA)
        #expect(pacer.popDue(now: t0).isEmpty)
        #expect(pacer.popDue(now: releaseA) == [a])
        #expect(pacer.nextReleaseTime == releaseB)
        #expect(pacer.popDue(now: releaseB - .nanoseconds(1)).isEmpty)
        #expect(pacer.popDue(now: releaseB) == [b])
        #expect(pacer.nextReleaseTime == nil)

        // An idle wire starts the next line when it is queued, not when the last one ended.
        let later = releaseB + .seconds(1)
        pacer.enqueue(a, now: later)
        #expect(pacer.nextReleaseTime == later + pacer.transmissionTime(ofBytes: 10))
        #expect(pacer.reset() == 10)
        #expect(pacer.pendingCount == 0)
    }

    @Test("MQTT errors carry the rc, the library's text and errno")
    func errorText() {
        let lost = MQTTError(operation: "mosquitto_loop_read", code: MOSQ_ERR_CONN_LOST.rawValue)
        #expect(lost.errno == nil)
        #expect(lost.text == String(cString: mosquitto_strerror(MOSQ_ERR_CONN_LOST.rawValue)))
        #expect(lost.description.hasPrefix("mosquitto_loop_read failed: "))
        #expect(lost.isTransient)
        let payload = MQTTError(operation: "publish", code: MOSQ_ERR_PAYLOAD_SIZE.rawValue)
        #expect(!payload.isTransient)
    }
}
