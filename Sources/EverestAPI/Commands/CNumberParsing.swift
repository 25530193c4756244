#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The C library's number parsers, called exactly as libstdc++'s `std::stoi`/`std::stof` and
/// nlohmann call them, so the simulator accepts and rejects the same payload text as the real
/// API module (everest-core `API.cpp`, its `cmd/` handlers).
///
/// These are pure functions of their input: the process never calls `setlocale`, so the C
/// locale applies, as it does in EVerest.
enum CNumberParsing {
    /// Why `std::stoi`/`std::stof` threw.
    enum Failure: Error, Hashable, Sendable {
        /// `std::invalid_argument`: no number at the start of the text.
        case noConversion
        /// `std::out_of_range`: the number does not fit (for `stof` also: a non-zero value
        /// too small for a normal float, where glibc sets `ERANGE`).
        case outOfRange
    }

    /// `std::stoi(text)`: skips leading C whitespace, reads an optional sign and decimal
    /// digits, ignores whatever follows (`"1abc"` → 1). Stops at an embedded NUL like
    /// `c_str()` does.
    static func stoi(_ bytes: [UInt8]) -> Result<Int32, Failure> {
        withCString(bytes) { pointer in
            var end: UnsafeMutablePointer<CChar>?
            errno = 0
            let value = strtol(pointer, &end, 10)
            if end == UnsafeMutablePointer(mutating: pointer) { return .failure(.noConversion) }
            if errno == ERANGE || value < Int(Int32.min) || value > Int(Int32.max) { return .failure(.outOfRange) }
            return .success(Int32(value))
        }
    }

    /// `std::stof(text)`: `strtof` semantics — leading whitespace, decimal or hexadecimal
    /// (`0x1p3`) numbers, `inf`/`infinity`/`nan`/`nan(…)` in any case, trailing garbage
    /// ignored (`" 8A"` → 8).
    static func stof(_ bytes: [UInt8]) -> Result<Float, Failure> {
        withCString(bytes) { pointer in
            var end: UnsafeMutablePointer<CChar>?
            errno = 0
            let value = strtof(pointer, &end)
            if end == UnsafeMutablePointer(mutating: pointer) { return .failure(.noConversion) }
            if errno == ERANGE { return .failure(.outOfRange) }
            return .success(value)
        }
    }

    private static func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        // Everything after an embedded NUL is invisible to the C functions.
        var cString = bytes.prefix { $0 != 0 }.map { CChar(bitPattern: $0) }
        cString.append(0)
        return cString.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
