/// A failure a scenario arms on the station's system, taking effect at the next step it applies to.
public enum SystemFault: String, Hashable, Sendable, CaseIterable {
    /// Every download attempt fails.
    case downloadFails
    /// A simulated download's signature does not verify (`InvalidSignature`); a fetched image's
    /// signature is really checked.
    case signatureInvalid
    /// The installation fails (`InstallationFailed`).
    case installationFails
    /// The installed image does not verify (`InstallVerificationFailed`).
    case installVerificationFails
    /// The upload fails (`UploadFailure`).
    case uploadFails
    /// The server refuses the upload (`PermissionDenied`).
    case uploadPermissionDenied
    /// The server answers with a protocol error (`BadMessage`).
    case uploadBadMessage
    /// The server does not support the upload (`NotSupportedOperation`).
    case uploadNotSupported
}
