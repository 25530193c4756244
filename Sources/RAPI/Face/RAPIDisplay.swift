/// The 16×2 character LCD that `$FP`, `$FB`, `$F0` and `$S0` drive (open_evse `processCmd()`).
///
/// Only the text clients put there is kept; the firmware's own screens are not drawn. The bytes
/// are raw: clients replace spaces inside `$FP` text by a byte such as 0xFE, which the HD44780
/// shows as a blank.
public struct RAPIDisplay: Hashable, Sendable {
    /// Columns per row.
    public static let columns = 16
    /// The two rows, 16 bytes each, initially spaces.
    public private(set) var rows: [[UInt8]] = RAPIDisplay.blankRows
    /// Every display starts blank: one shared copy until a station writes to its own.
    static let blankRows: [[UInt8]] = Array(repeating: Array(repeating: 0x20, count: columns), count: 2)
    /// Backlight colour: 0 off, 1 red, 2 green, 3 yellow, 4 blue, 5 violet, 6 teal, 7 white.
    public var backlight: UInt8 = 7
    /// Updates frozen by `$F0 0`.
    public var isFrozen = false

    /// A blank display, backlight white.
    public init() {}

    /// Writes `text` from column `x` of row `y`, clipped at the right edge; a row past the
    /// second or a column past the last writes nothing.
    public mutating func print(x: Int, y: Int, text: [UInt8]) {
        guard rows.indices.contains(y), (0..<Self.columns).contains(x) else { return }
        for (offset, byte) in text.prefix(Self.columns - x).enumerated() {
            rows[y][x + offset] = byte
        }
    }

    /// A row as text, one character per byte.
    public func row(_ y: Int) -> String {
        String(String.UnicodeScalarView(rows[y].map { Unicode.Scalar($0) }))
    }
}
