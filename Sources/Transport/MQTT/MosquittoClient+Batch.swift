import CMosquitto

#if canImport(Glibc)
    import Glibc
#endif

extension MosquittoClient {
    /// Runs `body`, whose publications go out as one batch: libmosquitto writes every packet
    /// with its own `write()` as it is published (it has no way to gather several), so the
    /// socket is corked (`TCP_CORK`) meanwhile and the kernel sends the second's packets in
    /// full segments when it is uncorked, instead of one loopback segment (and one wake-up of
    /// the broker) per message. `TCP_NODELAY` stays set, so the uncork flushes at once.
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
