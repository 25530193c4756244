import CMosquitto

#if canImport(Glibc)
    import Glibc
#endif

extension MosquittoClient {
    /// Runs `body`, whose publications go out as one batch: QoS 0 publications the client
    /// writes itself are held in its buffer and written when a buffer's worth waits or the batch
    /// ends (see ``PublishBuffer``). What libmosquitto writes (every packet with its own `write()`;
    /// all of them over TLS) is gathered by corking the socket (`TCP_CORK`) meanwhile, so the
    /// kernel sends full segments when it is uncorked instead of one loopback segment (and one
    /// wake-up of the broker) per message. `TCP_NODELAY` stays set, so the uncork flushes at once.
    public func batchingPublications<R>(_ body: () throws -> R) rethrows -> R {
        guard isConnected, let fd = socket else { return try body() }
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_CORK, &on, socklen_t(MemoryLayout<Int32>.size))
        isBatching = true
        defer {
            isBatching = false
            flushDirect()
            var off: Int32 = 0
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_CORK, &off, socklen_t(MemoryLayout<Int32>.size))
        }
        return try body()
    }
}
