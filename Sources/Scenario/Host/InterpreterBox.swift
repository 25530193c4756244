/// A host's scenario interpreter in a box of its own, copied on write so hosts stay values.
///
/// Held inline, the interpreter (about 750 bytes) was copied out of the optional for every
/// read, or moved out and back around every call that also read the station, several times a
/// simulated second; through the box, calls read and change it in place.
final class InterpreterBox: @unchecked Sendable {
    // Unchecked: a box is changed only through `StationHost.ownInterpreter()`, which copies it
    // first whenever another host shares it, so a shared box is never written.
    var value: ScenarioInterpreter

    init(_ value: ScenarioInterpreter) { self.value = value }
}
