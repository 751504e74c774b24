/// A JSON value, written and read by lvsadm itself. Not Foundation's: in the fully static
/// binary every ipvsadm command would pay for linking it (start-up time and 9 MB; see
/// Docs/json.md), not only `--json`.
///
/// Integers are kept exact: non-negative ones as `UInt64` (64-bit counters), negative ones
/// as `Int64`. Objects keep their members in order, so documents print in the documented
/// key order.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case unsigned(UInt64)
    case negative(Int64)
    /// A number with a fraction or an exponent; lvsadm's documents have none, but a
    /// document given to it may.
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One member of an object.
    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: JSONValue
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// An object from its members, in order.
    public static func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(members.map { Member($0.key, $0.value) })
    }

    public static func number(_ value: some BinaryInteger) -> JSONValue {
        if value < 0 { return .negative(Int64(value)) }
        return .unsigned(UInt64(value))
    }

    public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    public static func optional(_ value: (some BinaryInteger)?) -> JSONValue { value.map { .number($0) } ?? .null }
}

extension JSONValue {
    /// The text: two-space indentation, one member or element per line, `"key": value`,
    /// `[]` and `{}` when empty; strings escape only `"`, `\` and control characters.
    /// Ends with a newline.
    public func rendered() -> String {
        var out = ""
        write(to: &out, indent: "")
        out += "\n"
        return out
    }

    private func write(to out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .unsigned(let value): out += String(value)
        case .negative(let value): out += String(value)
        case .double(let value): out += value.isFinite ? "\(value)" : "null"
        case .string(let value): Self.quote(value, to: &out)
        case .array(let elements):
            guard !elements.isEmpty else {
                out += "[]"
                return
            }
            let inner = indent + "  "
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += inner
                element.write(to: &out, indent: inner)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}"
                return
            }
            let inner = indent + "  "
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += inner
                Self.quote(member.key, to: &out)
                out += ": "
                member.value.write(to: &out, indent: inner)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    private static func quote(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension JSONValue {
    /// The member named `key` of an object; nil if absent or not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
}
