/// "Did you mean …?" for names: finds the valid name closest to a misspelt one.
public enum NearMiss {
    /// The choice closest to `name` (none when `name` is itself a choice) (case-insensitive edit distance with transpositions), if it
    /// is close enough to be a plausible typo; ties go to the earlier choice.
    public static func suggestion(for name: String, among choices: some Collection<String>) -> String? {
        guard !choices.contains(name) else { return nil }
        let target = Array(name.lowercased().unicodeScalars)
        let limit = target.count <= 3 ? 1 : target.count <= 8 ? 2 : 3
        var best: (choice: String, distance: Int)?
        for choice in choices {
            let d = distance(target, Array(choice.lowercased().unicodeScalars))
            // A distance as long as the name itself means nothing in common ("X" vs "A").
            if d <= limit, d < target.count, d < (best?.distance ?? .max) { best = (choice, d) }
        }
        return best?.choice
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbours each cost 1 (a swap is the most common typo: "tiemout").
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
