import EVSEModel
import JSON

/// Encodes the module's messages as the document's schemas have them.
public enum SystemEncoder {
    /// `FirmwareUpdateStatus`.
    public static func firmwareStatus(_ status: FirmwareUpdateStatus, requestID: Int) -> [UInt8] {
        JSONWriter.compact.bytes([
            "firmware_update_status": .init(.string(status.rawValue)),
            "request_id": .init(.number(JSONNumber(Int64(requestID)))),
        ])
    }

    /// `LogStatus`.
    public static func logStatus(_ status: LogStatus, requestID: Int) -> [UInt8] {
        JSONWriter.compact.bytes([
            "log_status": .init(.string(status.rawValue)), "request_id": .init(.number(JSONNumber(Int64(requestID)))),
        ])
    }

    /// `UploadLogsResponse`.
    public static func uploadLogsResponse(_ status: String, fileName: String?) -> [UInt8] {
        var object = JSONObject()
        object["upload_logs_status"] = JSONValue(.string(status))
        if let fileName { object["file_name"] = JSONValue(.string(fileName)) }
        return JSONWriter.compact.bytes(JSONValue(.object(object)))
    }

    /// A bare JSON string (`UpdateFirmwareResponse`, `BootReason`).
    public static func string(_ text: String) -> [UInt8] { JSONWriter.compact.bytes(JSONValue(.string(text))) }

    /// A bare JSON boolean (`ResetAllowed`, `SystemTimeSet`, `CommunicationCheck`).
    public static func bool(_ value: Bool) -> [UInt8] { Array((value ? "true" : "false").utf8) }
}
