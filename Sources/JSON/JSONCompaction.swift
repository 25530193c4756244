/// Compacts JSON text without building a value: the trace's fast path for embedding payloads.
///
/// `JSONParser` (authoring policy) followed by ``JSONWriter/compact`` gives a payload's compact
/// text, but builds a tree of values to do it. For the common case, text that is plain ASCII,
/// has no escapes in its strings, no exponents in its numbers and no key twice in an object, that
/// text is exactly the input with the whitespace between tokens removed. ``append(_:to:)`` checks
/// the grammar the parser checks and copies the tokens; whenever the input leaves that common
/// case (or is not JSON at all), it gives up and leaves the decision to the parser, so the result
/// is always what the parser and writer would produce.
public enum JSONCompaction {
    /// Appends the compact text of the JSON document `bytes` (an object or array, or any value)
    /// to `out` and returns true; returns false with `out` unchanged when the input is outside
    /// the fast path (see the type's description), in which case the caller parses it.
    public static func append(_ bytes: [UInt8], to out: inout [UInt8]) -> Bool {
        // Two passes: check the grammar without writing (keys of the open objects on the
        // stack), then copy: in one go when there was no whitespace between tokens (every
        // nlohmann payload), else token by token. Checking and copying at once, with a key list
        // on the heap, cost more than the rest of writing a trace line.
        bytes.withUnsafeBufferPointer { b in
            withUnsafeTemporaryAllocation(of: (Int32, Int32).self, capacity: maximumOpenKeys) { keys in
                var scanner = Scanner(keys: keys)
                guard b.count < Int32.max, scanner.document(b) else { return false }
                if scanner.sawSpace {
                    copyTokens(b, to: &out)
                } else {
                    out.append(contentsOf: b)
                }
                return true
            }
        }
    }

    /// The parser's nesting limit for authored files (`JSONParser.Policy.authoring`).
    static let maximumDepth = JSONParser.Policy.authoring.maximumDepth
    /// How many keys the open objects of one document may have together on the fast path.
    static let maximumOpenKeys = 256

    /// Appends `bytes` without their whitespace, unchecked: for text its writer vouches is on
    /// the fast path with whitespace only between tokens (``JSONStream/isPlain`` of a spaced
    /// stream, none of whose strings holds a space), where that is its compact text.
    ///
    /// With no string to mind, the copy goes eight bytes at a time: a word without a space is
    /// stored whole, one with spaces byte by byte (a rapidyaml `powermeter` has a space after
    /// every key and nothing else to drop). Stopping at every quote and space, as a scan that
    /// must know where strings are does, cost a twentieth of a day traced with every publication.
    public static func appendVouched(_ bytes: [UInt8], to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { b in
            guard !b.isEmpty else { return }
            // Room for a whole word stored past the last byte kept.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b.count + 8) { copy in
                let source = UnsafeRawPointer(b.baseAddress!)
                let target = UnsafeMutableRawPointer(copy.baseAddress!)
                var n = 0
                var i = 0
                while i + 8 <= b.count {
                    let word = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if !Word.hasByteBelow(0x21, word) {
                        target.storeBytes(of: word, toByteOffset: n, as: UInt64.self)
                        n += 8
                    } else {
                        for k in i..<(i + 8) where b[k] > 0x20 {
                            copy[n] = b[k]
                            n += 1
                        }
                    }
                    i += 8
                }
                for k in i..<b.count where b[k] > 0x20 {
                    copy[n] = b[k]
                    n += 1
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: copy[..<n]))
            }
        }
    }

    /// Whether `b` is a number the fast path copies as it is (``JSONStream/isPlain`` asks).
    static func isPlainNumber(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var scanner = Scanner(keys: UnsafeMutableBufferPointer(start: nil, count: 0))
        return scanner.number(b) && scanner.index == b.count
    }

    /// Whether a string's byte stays on the fast path: printable ASCII, no quote or backslash.
    static func isPlainStringByte(_ c: UInt8) -> Bool {
        c >= 0x20 && c < 0x80 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\")
    }

    /// Tests on the eight bytes of a word at once (bit-twiddling `haszero`/`hasless`, exact for
    /// "any byte" while no byte has its high bit set).
    enum Word {
        // Computed, not stored: a stored static is a lazy global, checked at every use.
        static var ones: UInt64 { 0x0101_0101_0101_0101 }
        static var highs: UInt64 { 0x8080_8080_8080_8080 }

        /// Whether a byte of `word` is `byte`.
        static func hasByte(_ byte: UInt8, _ word: UInt64) -> Bool {
            let x = word ^ (ones &* UInt64(byte))
            return (x &- ones) & ~x & highs != 0
        }

        /// Whether a byte of `word` is below `limit` (at most 128).
        static func hasByteBelow(_ limit: UInt8, _ word: UInt64) -> Bool {
            (word &- ones &* UInt64(limit)) & ~word & highs != 0
        }
    }

    /// Copies `b` without the whitespace between tokens (strings hold no escapes here, so a
    /// quote always opens or closes one).
    ///
    /// Into a buffer on the stack first, then appended at once: appending each run between two
    /// spaces (`"key": value` in every rapidyaml payload) cost a call and a check per run.
    private static func copyTokens(_ b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b.count) { copy in
            var inString = false
            var n = 0
            for c in b {
                if c == UInt8(ascii: "\"") {
                    inString.toggle()
                } else if !inString, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                    continue
                }
                copy[n] = c
                n += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: copy[..<n]))
        }
    }

    private struct Scanner {
        var index = 0
        /// Start and end of every key of the objects being read, innermost object last.
        let keys: UnsafeMutableBufferPointer<(Int32, Int32)>
        var keyCount = 0
        /// Whether whitespace was skipped anywhere.
        var sawSpace = false

        init(keys: UnsafeMutableBufferPointer<(Int32, Int32)>) { self.keys = keys }

        mutating func document(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            skipSpace(b)
            guard value(b, depth: 0) else { return false }
            skipSpace(b)
            return index == b.count
        }

        mutating func skipSpace(_ b: UnsafeBufferPointer<UInt8>) {
            while index < b.count {
                switch b[index] {
                case 0x20, 0x09, 0x0A, 0x0D:
                    index += 1
                    sawSpace = true
                default: return
                }
            }
        }

        mutating func value(_ b: UnsafeBufferPointer<UInt8>, depth: Int) -> Bool {
            guard index < b.count else { return false }
            switch b[index] {
            case UInt8(ascii: "{"): return object(b, depth: depth + 1)
            case UInt8(ascii: "["): return array(b, depth: depth + 1)
            case UInt8(ascii: "\""): return string(b) != nil
            case UInt8(ascii: "t"): return word(b, "true")
            case UInt8(ascii: "f"): return word(b, "false")
            case UInt8(ascii: "n"): return word(b, "null")
            default: return number(b)
            }
        }

        mutating func word(_ b: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
            let n = text.utf8CodeUnitCount
            guard index + n <= b.count else { return false }
            for i in 0..<n where b[index + i] != text.utf8Start[i] { return false }
            index += n
            return true
        }

        /// A string with printable ASCII only and no escapes; returns its content's range.
        mutating func string(_ b: UnsafeBufferPointer<UInt8>) -> (Int32, Int32)? {
            index += 1
            let start = index
            // Eight bytes at a time while none of them is special (keys and timestamps are
            // most of a payload's bytes); the loop below reads the rest one by one.
            while index + 8 <= b.count,
                Self.plain(UnsafeRawPointer(b.baseAddress! + index).loadUnaligned(as: UInt64.self))
            {
                index += 8
            }
            while index < b.count {
                let c = b[index]
                if c == UInt8(ascii: "\"") {
                    index += 1
                    return (Int32(start), Int32(index - 1))
                }
                guard JSONCompaction.isPlainStringByte(c) else { return nil }
                index += 1
            }
            return nil
        }

        /// Whether none of the eight bytes of `word` is a quote, a backslash, a control
        /// character or outside ASCII. Each test is exact for "any byte" (bit-twiddling
        /// `haszero`/`hasless`, valid once no byte has its high bit set).
        static func plain(_ word: UInt64) -> Bool {
            guard word & Word.highs == 0 else { return false }
            return !Word.hasByteBelow(0x20, word) && !Word.hasByte(UInt8(ascii: "\""), word)
                && !Word.hasByte(UInt8(ascii: "\\"), word)
        }

        /// A number without exponent, as the parser's grammar allows it (no leading zeros).
        mutating func number(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            if index < b.count, b[index] == UInt8(ascii: "-") { index += 1 }
            let first = index
            while index < b.count, isDigit(b[index]) { index += 1 }
            let digits = index - first
            guard digits > 0, digits == 1 || b[first] != UInt8(ascii: "0") else { return false }
            if index < b.count, b[index] == UInt8(ascii: ".") {
                index += 1
                let fraction = index
                while index < b.count, isDigit(b[index]) { index += 1 }
                guard index > fraction else { return false }
            }
            // Exponents (and integers too long to be a finite double) go to the parser.
            if index < b.count, b[index] == UInt8(ascii: "e") || b[index] == UInt8(ascii: "E") { return false }
            return digits <= 300
        }

        mutating func array(_ b: UnsafeBufferPointer<UInt8>, depth: Int) -> Bool {
            guard let empty = open(b, depth: depth, close: UInt8(ascii: "]")) else { return false }
            if empty { return true }
            while true {
                skipSpace(b)
                guard value(b, depth: depth), let more = next(b, close: UInt8(ascii: "]")) else { return false }
                if !more { return true }
            }
        }

        mutating func object(_ b: UnsafeBufferPointer<UInt8>, depth: Int) -> Bool {
            guard let empty = open(b, depth: depth, close: UInt8(ascii: "}")) else { return false }
            if empty { return true }
            let base = keyCount
            defer { keyCount = base }
            while true {
                skipSpace(b)
                guard index < b.count, b[index] == UInt8(ascii: "\""), let key = string(b) else { return false }
                // A repeated key is an error to the authoring parser: let it say so.
                for earlier in base..<keyCount where same(b, keys[earlier], key) { return false }
                guard keyCount < keys.count else { return false }
                keys[keyCount] = key
                keyCount += 1
                skipSpace(b)
                guard index < b.count, b[index] == UInt8(ascii: ":") else { return false }
                index += 1
                skipSpace(b)
                guard value(b, depth: depth), let more = next(b, close: UInt8(ascii: "}")) else { return false }
                if !more { return true }
            }
        }

        /// Reads the opening bracket at `index`: true when the container is empty (its closing
        /// bracket read too), false when members follow, nil when it nests too deep.
        mutating func open(_ b: UnsafeBufferPointer<UInt8>, depth: Int, close: UInt8) -> Bool? {
            guard depth <= JSONCompaction.maximumDepth else { return nil }
            index += 1
            skipSpace(b)
            guard index < b.count, b[index] == close else { return false }
            index += 1
            return true
        }

        /// Reads the `,` or closing bracket after a member: true for more members, false at the
        /// end of the container, nil for anything else.
        mutating func next(_ b: UnsafeBufferPointer<UInt8>, close: UInt8) -> Bool? {
            skipSpace(b)
            guard index < b.count else { return nil }
            let c = b[index]
            guard c == UInt8(ascii: ",") || c == close else { return nil }
            index += 1
            return c == UInt8(ascii: ",")
        }

        func same(_ b: UnsafeBufferPointer<UInt8>, _ x: (Int32, Int32), _ y: (Int32, Int32)) -> Bool {
            let length = Int(x.1 - x.0)
            guard length == Int(y.1 - y.0) else { return false }
            for i in 0..<length where b[Int(x.0) + i] != b[Int(y.0) + i] { return false }
            return true
        }

        func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    }
}
