/// Who the charge point is towards the CSMS: the BootNotification fields, the token a plug-in
/// presents, and the configuration keys it starts with.
public struct OCPPFaceConfiguration: Hashable, Sendable {
    /// The charge point identity (the last segment of the CSMS URL).
    public var chargePointID: String
    /// `chargePointVendor`.
    public var vendor: String
    /// `chargePointModel`.
    public var model: String
    /// The token a session presents when the station authorises by itself (profile
    /// `everest.authorization: auto`, EVerest's `DummyTokenProvider`): it is validated with an
    /// Authorize like any other.
    public var idTag: String
    /// The configuration keys.
    public var keys: OCPPConfiguration

    /// Creates a configuration.
    public init(
        chargePointID: String, vendor: String = "evsesim", model: String = "OpenEVSE", idTag: String = "EVSESIM",
        keys: OCPPConfiguration = OCPPConfiguration()
    ) {
        self.chargePointID = chargePointID
        self.vendor = vendor
        self.model = model
        self.idTag = idTag
        self.keys = keys
    }
}
