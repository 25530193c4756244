import EVSEModel

/// The I/O the system face asks for: fetching a firmware image and checking its signature,
/// sending a log. Implemented outside the face (libcurl and OpenSSL in Transport); the face
/// and the model stay free of I/O, and the timing still comes from the model.
public protocol SystemEffects: Sendable {
    /// Whether `location`'s scheme is really fetched (`http://`, `file://`); others are simulated.
    func handles(location: String) -> Bool
    /// Fetches the image at `location` (`attempts` tries at most) and, when `signature` and
    /// `certificate` are given, checks the signature over the image.
    func retrieveFirmware(
        location: String, attempts: Int, signature: String?, certificate: String?
    ) -> FirmwareUpdateOrder.Retrieval
    /// Sends `bytes` as `fileName` to `location`; returns the log status it ended with.
    func uploadLog(location: String, fileName: String, bytes: [UInt8]) -> LogStatus
}
