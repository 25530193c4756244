public import EVSEModel
import EverestAPI
public import RAPI
public import Wire

/// What a ``StationHost`` produced for its driver, in the order it happened.
public enum HostOutput: Sendable {
    /// A trace record (station, faces, scenario).
    case record(TraceRecord)
    /// Bytes for the RAPI client, in wire order (one write each).
    case rapiWrite(RAPIFaceWrite)
    /// A publication of the EVerest face, for the broker.
    case publication(MQTTMessage)
    /// An MQTT command the EVerest face ignored, as the real API module does (with a log line).
    case commandRejected(topic: String, payload: [UInt8], reason: String)
    /// A frame of the OCPP face for the CSMS (one WebSocket text message).
    case ocppFrame([UInt8])
    /// The OCPP face closes its WebSocket (the station lost power) or opens it again (power is
    /// back): the driver closes or reconnects its connection to the CSMS.
    case ocppConnection(open: Bool)
    /// A scenario check was decided (its record has been given as well). Boxed (`indirect`),
    /// as is the skipped step: the rare large cases would otherwise set the size of every
    /// element of every station's output buffer (176 bytes instead of 48).
    indirect case verdict(Verdict)
    /// A scenario step was not run.
    indirect case stepSkipped(ScenarioStep, reason: String)
    /// The scenario reached its end: every verdict is in.
    case scenarioFinished(passed: Int, failed: Int)
}
