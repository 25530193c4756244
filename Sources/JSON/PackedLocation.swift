import Synchronization

/// A ``SourceLocation`` in 8 bytes, as every parsed value and key carries one: the file as a
/// number in a process-wide table of file names, line and column in 24 bits each (a larger
/// line or column is kept as 16,777,215). Zero means "no location".
///
/// A `SourceLocation` holds the file name as a `String` and two `Int`s (33 bytes as an
/// optional); kept per value, it made a file of tiny numbers take about 80 bytes a value. Packed,
/// a value takes 32 (README, "Limits").
struct PackedLocation: Hashable, Sendable {
    var bits: UInt64

    static let none = PackedLocation(bits: 0)
    private static let fieldMask: UInt64 = (1 << 24) - 1

    init(bits: UInt64) { self.bits = bits }

    /// Packs `line` and `column` in the file numbered `file` (from ``SourceFileTable/number(of:)``).
    init(file: UInt16, line: Int, column: Int) {
        let l = UInt64(clamping: max(0, line)) & Self.fieldMask
        let c = UInt64(clamping: max(0, column)) & Self.fieldMask
        let lineBits = line >= Int(Self.fieldMask) ? Self.fieldMask : l
        let columnBits = column >= Int(Self.fieldMask) ? Self.fieldMask : c
        bits = UInt64(file) << 48 | lineBits << 24 | columnBits
    }

    /// Packs `location` (nil: none).
    init(_ location: SourceLocation?) {
        guard let location else {
            self = .none
            return
        }
        self.init(file: SourceFileTable.number(of: location.file), line: location.line, column: location.column)
    }

    /// The location, or nil for none.
    var location: SourceLocation? {
        guard bits != 0 else { return nil }
        return SourceLocation(
            file: SourceFileTable.name(of: UInt16(truncatingIfNeeded: bits >> 48)),
            line: Int((bits >> 24) & Self.fieldMask), column: Int(bits & Self.fieldMask))
    }
}

/// The file names of ``PackedLocation``s, numbered from 1 in the order they are first seen.
/// Append-only; a process that names more than 65,534 files shares the last number among the
/// rest (their locations then name "one of many files").
enum SourceFileTable {
    private struct Table {
        var names: [String] = [""]
        var numbers: [String: UInt16] = [:]
    }

    private static let table = Mutex(Table())
    private static let overflowName = "(one of many files)"

    /// The number of `file`, registering it when new.
    static func number(of file: String) -> UInt16 {
        table.withLock { t in
            if let n = t.numbers[file] { return n }
            guard t.names.count < Int(UInt16.max) else { return UInt16.max }
            let n = UInt16(t.names.count)
            t.names.append(file)
            t.numbers[file] = n
            return n
        }
    }

    /// The name numbered `number`.
    static func name(of number: UInt16) -> String {
        table.withLock { t in Int(number) < t.names.count ? t.names[Int(number)] : overflowName }
    }
}
