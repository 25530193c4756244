import EVSEModel
import SimCore

/// A fault on the serial line between the controller and its client, scripted by a scenario to
/// exercise a client's error handling (checksum failures, time-outs, unexpected resets).
public enum RAPISerialFault: Hashable, Sendable {
    /// One bit of one byte of the next reply is flipped, so its checksum no longer matches.
    case corruptNextReply
    /// The next reply is never written (the client times out).
    case dropNextReply
    /// The next reply is written this much later.
    case delayNextReply(SimDuration)
    /// The controller resets as after a watchdog reset: no reply, then the boot sequence.
    case resetController

    /// The name used in scenarios and traces.
    public var name: Name {
        switch self {
        case .corruptNextReply: .corrupt
        case .dropNextReply: .drop
        case .delayNextReply: .delay
        case .resetController: .reset
        }
    }

    /// The faults by name, as a scenario's `"fault"` gives them (`delay` takes a duration beside it).
    public enum Name: String, Hashable, Sendable, CaseIterable {
        /// ``RAPISerialFault/corruptNextReply``
        case corrupt
        /// ``RAPISerialFault/dropNextReply``
        case drop
        /// ``RAPISerialFault/delayNextReply(_:)``
        case delay
        /// ``RAPISerialFault/resetController``
        case reset
    }
}

extension RAPIFace {
    /// Arms a serial-line fault; a reset happens at once.
    public mutating func inject(_ fault: RAPISerialFault, station: inout Station) -> RAPIFaceOutput {
        var out = RAPIFaceOutput()
        out.records.append(
            TraceRecord(
                time: station.now, source: "rapi", kind: "rapi.fault",
                fields: [.init("fault", .string(fault.name.rawValue))]))
        if fault == .resetController {
            station.reboot(reason: .watchdog)
        } else {
            pendingSerialFaults.append(fault)
        }
        return out
    }

    /// When the earliest delayed reply is due, if one is waiting: a driver must poll then.
    /// (`mutating` only so that a driver holding the face in mutable storage reads it in place:
    /// a non-mutating read there copies the whole face first, and drivers ask after every event.)
    public var nextDelayedReply: SimInstant? { mutating get { delayedReplies.first?.due } }

    /// Applies the first armed fault to a reply about to be written; returns the bytes to write
    /// now (nil when dropped or delayed).
    mutating func applySerialFault(to bytes: [UInt8], station: Station, into out: inout RAPIFaceOutput) -> [UInt8]? {
        guard !pendingSerialFaults.isEmpty else { return bytes }
        let fault = pendingSerialFaults.removeFirst()
        switch fault {
        case .corruptNextReply:
            // Flip the lowest bit of the byte just before the checksum marker: the text still looks
            // like a reply, but its XOR checksum fails.
            var b = bytes
            let caret = b.lastIndex(of: UInt8(ascii: "^")) ?? max(1, b.count / 2)
            b[max(1, caret - 1)] ^= 0x01
            return b
        case .dropNextReply:
            return nil
        case .delayNextReply(let d):
            delayedReplies.append((station.now + d, bytes))
            delayedReplies.sort { $0.due < $1.due }
            return nil
        case .resetController:
            return bytes
        }
    }

    /// Writes the delayed replies that are due.
    mutating func releaseDelayedReplies(now: SimInstant, into out: inout RAPIFaceOutput) {
        while let first = delayedReplies.first, first.due <= now {
            delayedReplies.removeFirst()
            out.write(.reply, first.bytes, at: now)
        }
    }
}
