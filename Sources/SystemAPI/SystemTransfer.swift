public import EVSEModel

/// A real transfer the face asked for but did not run itself: live, it runs on a worker thread
/// so the loop never waits for a slow server, and its ``Outcome`` comes back to the loop, which
/// applies it (``SystemFace/finish(_:_:station:)``) at the simulated instant it stamps.
public struct SystemTransfer: Sendable {
    /// What to transfer.
    public enum Job: Sendable {
        /// Fetch a firmware image (`attempts` tries at most) and check its signature when given.
        case firmware(location: String, attempts: Int, signature: String?, certificate: String?)
        /// Send a log as `fileName` to `location`.
        case log(location: String, fileName: String, bytes: [UInt8])
    }

    /// How a transfer ended.
    public enum Outcome: Sendable, Hashable {
        /// What fetching and checking the image gave.
        case firmware(FirmwareUpdateOrder.Retrieval)
        /// The log status the upload ended with.
        case log(LogStatus)
    }

    /// The transfer's number within its face (the model matches outcomes by it).
    public let number: Int
    /// What to do.
    public let job: Job
    /// Who does it.
    public let effects: any SystemEffects

    /// Runs the transfer, blocking the calling thread until it has ended.
    public func run() -> Outcome {
        switch job {
        case .firmware(let location, let attempts, let signature, let certificate):
            .firmware(
                effects.retrieveFirmware(
                    location: location, attempts: attempts, signature: signature, certificate: certificate))
        case .log(let location, let fileName, let bytes):
            .log(effects.uploadLog(location: location, fileName: fileName, bytes: bytes))
        }
    }
}
