import EVSEModel
import JSON

extension ConditionValue {
    /// The value a JSON scalar stands for, or `nil` for `null`, arrays and objects.
    public init?(_ json: JSONValue) {
        switch json.kind {
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n.doubleValue)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }
}
