import Synchronization

/// Hands out one ``SharedValue`` for equal values made one after the other: the last box made
/// is reused when the next value equals it, so a fleet built in a loop from one profile (or one
/// face configuration) shares a single copy without its builder passing one around.
///
/// A slot keeps only the last value alive; which box an owner gets never changes what it reads.
public final class SharingSlot<Value: Equatable & Sendable>: Sendable {
    private let last = Mutex<SharedValue<Value>?>(nil)

    /// An empty slot.
    public init() {}

    /// A box holding `value`: the last one handed out if it holds an equal value, else a new one.
    public func share(_ value: Value) -> SharedValue<Value> {
        last.withLock { last in
            if let box = last, box.value == value { return box }
            let box = SharedValue(value)
            last = box
            return box
        }
    }
}
