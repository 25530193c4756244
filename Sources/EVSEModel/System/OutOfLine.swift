/// An optional value kept out of line: nil costs one pointer, a value one small allocation.
///
/// For state that is rarely set but large when it is (a firmware update or log upload in
/// progress): a fleet keeps every station in memory, and inline such a field costs its full
/// size in each of them. A change replaces the box, so copies never share a mutation.
@propertyWrapper
public struct OutOfLine<Wrapped: Hashable & Sendable>: Hashable, Sendable {
    private final class Box: Sendable {
        let value: Wrapped
        init(_ value: Wrapped) { self.value = value }
    }

    private var box: Box?

    public init(wrappedValue: Wrapped?) { box = wrappedValue.map(Box.init) }

    public var wrappedValue: Wrapped? {
        get { box?.value }
        set { box = newValue.map(Box.init) }
    }

    public static func == (a: Self, b: Self) -> Bool { a.wrappedValue == b.wrappedValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }
}
