import RAPI

/// Test helpers for writing wire bytes as text.
extension String {
    /// The UTF-8 bytes of this string (test lines are ASCII, with `\r`, `\n`, `\0` escapes).
    var bytes: [UInt8] { Array(utf8) }
}

extension Array where Element == UInt8 {
    /// The bytes as text, one character per byte, for readable expectations.
    var text: String { String(String.UnicodeScalarView(map { Unicode.Scalar($0) })) }
}

extension Array where Element == RAPIReceiverOutput {
    /// The `.line` outputs only.
    var lines: [RAPILine] {
        compactMap {
            if case .line(let line) = $0 { return line }
            return nil
        }
    }

    /// The `.overlong` outputs only.
    var overlongs: [RAPIOverlongLine] {
        compactMap {
            if case .overlong(let dropped) = $0 { return dropped }
            return nil
        }
    }

    /// All echoed bytes, concatenated.
    var echoed: [UInt8] {
        flatMap { output -> [UInt8] in
            if case .echo(let bytes) = output { return bytes }
            return []
        }
    }
}

/// Parses `text` (with or without its leading `$`) as a received line.
func parse(_ text: String) -> Result<RAPIRequest, RAPIRejection> {
    RAPIRequest.parse(RAPILine(text))
}
