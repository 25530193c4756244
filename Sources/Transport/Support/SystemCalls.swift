import Glibc

/// The C library's text for an `errno` value, e.g. "Connection refused".
func errnoText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "errno \(code)" }
    return String(cString: text)
}

/// Decodes a NUL-terminated C buffer.
///
/// `String(cString:)` on an array is deprecated in Swift 6.3,
/// so the bytes up to the first NUL are decoded explicitly.
func decodeCString(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}

// Free functions, so that types with their own `close()`/`write(_:)` methods can reach the
// system calls without naming the C module.

/// `close(2)`.
func systemClose(_ fd: Int32) { _ = close(fd) }

/// `read(2)` into `buffer`.
func systemRead(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(fd, buffer.baseAddress, buffer.count)
}

/// `write(2)` from `buffer`.
func systemWrite(_ fd: Int32, from buffer: UnsafeRawBufferPointer) -> Int {
    write(fd, buffer.baseAddress, buffer.count)
}

/// The calling thread's `errno` (reachable where a property named `errno` shadows it).
func currentErrno() -> Int32 { errno }

/// Polls one descriptor for `events`, waiting at most `milliseconds`; returns its `revents`.
func pollOne(_ fd: Int32, for events: PollEvents, milliseconds: Int32) -> PollEvents {
    var entry = pollfd(fd: fd, events: events.rawValue, revents: 0)
    guard poll(&entry, 1, milliseconds) >= 0 else { return [] }
    return PollEvents(rawValue: entry.revents)
}
