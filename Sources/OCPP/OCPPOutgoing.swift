import JSON
import SimCore

/// A call the charge point will send, waiting in the queue.
struct OCPPOutgoing: Hashable, Sendable {
    /// Why an Authorize was sent, so its answer is acted on.
    enum Purpose: Hashable, Sendable {
        case none
        /// A token presented at the station (`ocpp authorize` step): granted when Accepted.
        case present(String)
        /// RemoteStartTransaction with AuthorizeRemoteTxRequests: granted when Accepted.
        case remoteStart(String)
        /// The station's own token (auto authorisation): the session stops when not Accepted.
        case automatic(String)
    }

    var action: String
    var payload: JSONObject
    /// Start/StopTransaction and transaction MeterValues: kept while offline, retried, in order.
    var transactional: Bool
    /// The local transaction whose CSMS id fills `transactionId` when the frame is sent.
    var localTransaction: Int?
    var purpose: Purpose = .none
    var attempts = 0
}

/// The call waiting for its answer.
struct OCPPInFlight: Hashable, Sendable {
    var id: String
    var call: OCPPOutgoing
    var deadline: SimInstant
}
