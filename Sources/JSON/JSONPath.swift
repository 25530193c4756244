/// Where a value sits inside a document, printed JSONPath-style: `$.steps[3].timeout`.
///
/// Keys that are not plain identifiers are printed in brackets, so a condition key with dots
/// stays unambiguous: `$.steps[5].expect["evse.state"]`.
public struct JSONPath: Hashable, Sendable, CustomStringConvertible {
    /// One step down into a document.
    public enum Component: Hashable, Sendable {
        /// An object member.
        case key(String)
        /// An array element, 0-based.
        case index(Int)
    }

    /// The steps from the document's root.
    public var components: [Component]

    /// A path from the root through `components`.
    public init(_ components: [Component] = []) { self.components = components }

    /// The document's root, `$`.
    public static let root = JSONPath()

    /// This path followed by the member `key`.
    public func appending(_ key: String) -> JSONPath { appending(.key(key)) }

    /// This path followed by the element at `index`.
    public func appending(_ index: Int) -> JSONPath { appending(.index(index)) }

    /// One array made, not two (`components + [component]` made the one-element array first).
    private func appending(_ component: Component) -> JSONPath {
        var out = [Component]()
        out.reserveCapacity(components.count + 1)
        out.append(contentsOf: components)
        out.append(component)
        return JSONPath(out)
    }

    /// `$`, then `.key`, `["odd key"]` or `[3]` for each component.
    public var description: String {
        var out = "$"
        for component in components {
            switch component {
            case .index(let i): out += "[\(i)]"
            case .key(let k) where JSONPath.isIdentifier(k): out += "." + k
            case .key(let k): out += "[" + JSONValue(.string(k)).jsonText + "]"
            }
        }
        return out
    }

    private static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
        else { return false }
        return s.unicodeScalars.allSatisfy {
            $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
        }
    }
}
