import EVSEModel
import SimCore

@testable import RAPI

/// Command lines a client, a noisy line or a confused user might send.
struct CommandLineGenerator {
    static let codes = RAPICommandTable.commands.map(\.code) + ["XX", "gs", "G", "AT", "OK"]
    static let words = ["V", "M", "A", "E", "D", "B", "L", "P", "165", "0", "1", "2", "-5", "4294967301", ""]

    func line(_ rng: inout RandomStream) -> [UInt8] {
        let code = Self.codes[Int(rng.next() % UInt64(Self.codes.count))]
        var text = [UInt8(ascii: "$"), code.first, code.second].filter { $0 != 0 }
        if code == "FF", rng.nextUnit() < 0.3 {
            // Echo changes the shape of everything that follows: make it happen.
            text += Array(" E \(rng.next() % 2)".utf8)
        }
        let arguments = rng.nextUnit() < 0.05 ? Int(rng.next() % 12) : Int(rng.next() % 5)
        for _ in 0..<arguments {
            text.append(UInt8(ascii: " "))
            text += argument(&rng)
        }
        if rng.nextUnit() < 0.2 {
            text +=
                Array(" :".utf8)
                + (rng.nextUnit() < 0.9 ? hex(UInt8(truncatingIfNeeded: rng.next())) : Array("zz".utf8))
        }
        switch rng.nextUnit() {
        case ..<0.5: text += [UInt8(ascii: "^")] + hex(text.reduce(0, ^))
        case ..<0.65: text += [UInt8(ascii: "*")] + hex(text.reduce(0, &+))
        case ..<0.75: text += [UInt8(ascii: "^")] + hex(UInt8(truncatingIfNeeded: rng.next()))
        default: break
        }
        if rng.nextUnit() < 0.15 { mutate(&text, &rng) }
        return Array(text.dropFirst())
    }

    func argument(_ rng: inout RandomStream) -> [UInt8] {
        switch rng.nextUnit() {
        case ..<0.5: return Array(String(rng.next() % 300).utf8)
        case ..<0.85: return Array(Self.words[Int(rng.next() % UInt64(Self.words.count))].utf8)
        default: return (0..<(1 + Int(rng.next() % 4))).map { _ in safeByte(&rng) }
        }
    }

    /// Any byte that cannot end or restart the line or split the token.
    func safeByte(_ rng: inout RandomStream) -> UInt8 {
        while true {
            let byte = UInt8(truncatingIfNeeded: rng.next())
            if ![0x0D, UInt8(ascii: "$"), UInt8(ascii: " "), UInt8(ascii: "^"), UInt8(ascii: "*")].contains(byte) {
                return byte
            }
        }
    }

    func mutate(_ text: inout [UInt8], _ rng: inout RandomStream) {
        guard text.count > 1 else { return }
        let at = 1 + Int(rng.next() % UInt64(text.count - 1))
        switch rng.next() % 3 {
        case 0: text[at] = safeByte(&rng)
        case 1: text.remove(at: at)
        default: text.insert(UInt8(ascii: " "), at: at)
        }
    }

    func garbage(_ rng: inout RandomStream) -> [UInt8] {
        rng.nextUnit() < 0.2 ? (0..<Int(rng.next() % 6)).map { _ in safeByte(&rng) } : []
    }

    func hex(_ value: UInt8) -> [UInt8] {
        Array(RAPIFormat.upperHex2(value).utf8)
    }

    func action(_ rng: inout RandomStream) -> StationAction {
        let faults: [StationFaultKind] = [.gfi, .groundLoss, .diode, .stateE, .overCurrent, .stuckRelay]
        let fault = faults[Int(rng.next() % UInt64(faults.count))]
        switch rng.next() % 10 {
        case 0, 1: return .plug
        case 2: return .unplug
        case 3: return .evPause
        case 4: return .evResume
        case 5: return .injectFault(fault)
        case 6, 7: return .clearFault(fault)
        case 8: return .setAmbient(celsius: 20 + rng.nextUnit() * 55)
        default: return rng.nextUnit() < 0.3 ? .powerCut(for: .seconds(5)) : .ventilation(on: rng.nextUnit() < 0.3)
        }
    }
}
