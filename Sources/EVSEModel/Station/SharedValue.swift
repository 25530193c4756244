/// An immutable value held out of line, so that many owners (the stations of a fleet, their
/// faces) keep one copy of it instead of one each, inline.
///
/// Read it through a `_read` accessor that yields ``value``: a `let` of a final class is
/// borrowed in place, with neither a copy nor a retain of what it holds.
public final class SharedValue<Value: Sendable>: Sendable {
    /// The value, never changed.
    public let value: Value

    /// Holds `value`.
    public init(_ value: Value) { self.value = value }
}
