import OCPP

/// A host's OCPP state in a box of its own, copied on write so hosts stay values.
///
/// Most stations talk no OCPP: held inline, the face (about 700 bytes), the scripted CSMS and
/// the scenario's call ids took that room in every host all the same; boxed, a host without
/// OCPP keeps one nil reference.
final class OCPPBox: @unchecked Sendable {
    // Unchecked: a box is changed only through `StationHost.ownOCPP()`, which copies it first
    // whenever another host shares it, so a shared box is never written.
    /// The OCPP 1.6J face.
    var face: OCPPFace
    /// The scripted CSMS answering the face in-process (nil: frames go to the driver).
    var csms: ScriptedCSMS?
    /// Message ids of calls a scenario step sent: their answers go to the scenario, not the CSMS.
    var scenarioCallIDs: Set<String> = []

    init(face: OCPPFace, csms: ScriptedCSMS?) {
        self.face = face
        self.csms = csms
    }

    /// A box of its own with the same state.
    func copy() -> OCPPBox {
        let box = OCPPBox(face: face, csms: csms)
        box.scenarioCallIDs = scenarioCallIDs
        return box
    }
}
