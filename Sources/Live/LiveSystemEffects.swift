public import EVSEModel
public import SystemAPI
import Transport

/// The system API's I/O for real: firmware images are fetched with libcurl (`http://`,
/// `https://`, `file://`) and their signatures checked with OpenSSL; logs are sent by HTTP PUT
/// (or written for `file://`). Transfers block the caller; the model still decides when each
/// status is reported, so runs stay deterministic.
public struct LiveSystemEffects: SystemEffects {
    /// The longest one transfer may take.
    public var timeoutSeconds: Int

    /// Creates the effects.
    public init(timeoutSeconds: Int = 10) { self.timeoutSeconds = timeoutSeconds }

    public func handles(location: String) -> Bool { URLTransfer.handles(location) }

    public func retrieveFirmware(
        location: String, attempts: Int, signature: String?, certificate: String?
    ) -> FirmwareUpdateOrder.Retrieval {
        var last = "not tried"
        // Each attempt costs real time only when it fails fast (refused, missing file); a
        // timeout is not retried, so an unreachable host cannot stall the loop for long.
        for _ in 0..<max(1, min(attempts, 3)) {
            switch URLTransfer.fetch(location, timeoutSeconds: timeoutSeconds) {
            case .success(let bytes):
                guard let signature, let certificate else { return .fetched(bytes: bytes.count, signatureValid: nil) }
                switch SignatureVerifier.verify(bytes, signatureBase64: signature, certificatePEM: certificate) {
                case .success(let valid): return .fetched(bytes: bytes.count, signatureValid: valid)
                case .failure: return .fetched(bytes: bytes.count, signatureValid: false)
                }
            case .failure(let failure):
                last = failure.reason
                if failure.reason.contains("imeout") { return .failed(reason: last) }
            }
        }
        return .failed(reason: last)
    }

    public func uploadLog(location: String, fileName: String, bytes: [UInt8]) -> LogStatus {
        let url = location.hasSuffix("/") ? location + fileName : location
        switch URLTransfer.send(bytes, to: url, timeoutSeconds: timeoutSeconds) {
        case .success: return .uploaded
        case .failure(let failure):
            switch failure.status {
            case 401?, 403?: return .permissionDenied
            case 400?: return .badMessage
            case 405?, 501?: return .notSupportedOperation
            default: return .uploadFailure
            }
        }
    }
}
