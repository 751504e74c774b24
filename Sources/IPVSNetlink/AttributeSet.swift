import CNetlink

/// A received message that does not have the shape the schema says: a bug of ours or of
/// the kernel, never the user's doing.
struct MalformedReply: Error, Sendable {
    var reason: String
}

/// What a received attribute must look like: a libnl `struct nla_policy` entry.
struct AttributeRule: Sendable {
    /// libnl's `NLA_*` data type.
    var type: Int
    var minLength: UInt16 = 0
    var maxLength: UInt16 = 0

    static let u8 = AttributeRule(type: NLA_U8)
    static let u16 = AttributeRule(type: NLA_U16)
    static let u32 = AttributeRule(type: NLA_U32)
    static let u64 = AttributeRule(type: NLA_U64)
    static let nested = AttributeRule(type: NLA_NESTED)
    static func string(max: UInt16) -> AttributeRule { AttributeRule(type: NLA_STRING, maxLength: max) }
    static func binary(min: UInt16) -> AttributeRule { AttributeRule(type: NLA_UNSPEC, minLength: min) }
}

/// The rules of one nesting level, handed to `nla_parse` so libnl validates lengths and
/// string termination before Swift reads a byte.
struct AttributePolicy: Sendable {
    var name: String
    var maxType: Int32
    var rules: [Int32: AttributeRule]
    /// The C array, indexed by attribute type: built once, since a listing parses
    /// thousands of nests with the same few policies.
    private let table: [nla_policy]

    init(_ name: String, _ rules: [(any AttributeID, AttributeRule)]) {
        self.name = name
        self.rules = Dictionary(rules.map { ($0.0.rawValue, $0.1) }, uniquingKeysWith: { $1 })
        maxType = self.rules.keys.max() ?? 0
        var table = [nla_policy](repeating: nla_policy(), count: Int(maxType) + 1)
        for (id, rule) in self.rules {
            table[Int(id)] = nla_policy(type: UInt16(rule.type), minlen: rule.minLength, maxlen: rule.maxLength)
        }
        self.table = table
    }

    /// The C array, indexed by attribute type.
    func withCPolicy<R>(_ body: (UnsafePointer<nla_policy>) throws -> R) rethrows -> R {
        try table.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { throw MalformedReply(reason: "empty policy") }
            return try body(base)
        }
    }
}

/// One nesting level of a received message after libnl parsed and validated it. The
/// pointers point into the message, so a set is read while the message is alive.
struct AttributeSet {
    private var table: [UnsafeMutablePointer<nlattr>?]
    private let policy: AttributePolicy

    /// The top level of a generic-netlink message (no family header).
    init(message: UnsafeMutablePointer<nlmsghdr>, policy: AttributePolicy) throws(MalformedReply) {
        var table = [UnsafeMutablePointer<nlattr>?](repeating: nil, count: Int(policy.maxType) + 1)
        let result = policy.withCPolicy { genlmsg_parse(message, 0, &table, policy.maxType, $0) }
        guard result == 0 else { throw MalformedReply(reason: "\(policy.name): \(libnlText(result))") }
        self.table = table
        self.policy = policy
    }

    private init(nest: UnsafeMutablePointer<nlattr>, policy: AttributePolicy) throws(MalformedReply) {
        var table = [UnsafeMutablePointer<nlattr>?](repeating: nil, count: Int(policy.maxType) + 1)
        let result = policy.withCPolicy { nla_parse_nested(&table, policy.maxType, nest, $0) }
        guard result == 0 else { throw MalformedReply(reason: "\(policy.name): \(libnlText(result))") }
        self.table = table
        self.policy = policy
    }

    private func attribute(_ id: some AttributeID) -> UnsafeMutablePointer<nlattr>? {
        table.indices.contains(Int(id.rawValue)) ? table[Int(id.rawValue)] : nil
    }

    func has(_ id: some AttributeID) -> Bool { attribute(id) != nil }
    func u8(_ id: some AttributeID) -> UInt8? { attribute(id).map { nla_get_u8($0) } }
    func u16(_ id: some AttributeID) -> UInt16? { attribute(id).map { nla_get_u16($0) } }
    func u32(_ id: some AttributeID) -> UInt32? { attribute(id).map { nla_get_u32($0) } }
    func u64(_ id: some AttributeID) -> UInt64? { attribute(id).map { nla_get_u64($0) } }

    func bytes(_ id: some AttributeID) -> [UInt8]? {
        guard let nla = attribute(id), let data = nla_data(nla) else { return nil }
        return Array(UnsafeRawBufferPointer(start: data, count: Int(nla_len(nla))))
    }

    /// An attribute's payload in place, valid while the message is: for values decoded
    /// many times per listing (addresses), where copying into an array first showed in
    /// profiles.
    func raw(_ id: some AttributeID) -> UnsafeRawBufferPointer? {
        guard let nla = attribute(id), let data = nla_data(nla) else { return nil }
        return UnsafeRawBufferPointer(start: data, count: Int(nla_len(nla)))
    }

    /// A NUL-terminated string; the policy has checked the terminator.
    func string(_ id: some AttributeID) -> String? {
        attribute(id).flatMap { nla_get_string($0) }.map { String(cString: $0) }
    }

    func nested(_ id: some AttributeID, _ policy: AttributePolicy) throws(MalformedReply) -> AttributeSet? {
        guard let nla = attribute(id) else { return nil }
        return try AttributeSet(nest: nla, policy: policy)
    }

    /// `value`, read from attribute `id`, or a `MalformedReply` naming what was missing.
    func require<T>(_ value: T?, _ id: some AttributeID) throws(MalformedReply) -> T {
        guard let value else { throw MalformedReply(reason: "\(policy.name): attribute \(id.rawValue) missing") }
        return value
    }
}

/// libnl's text for one of its error codes.
func libnlText(_ code: Int32) -> String {
    String(cString: nl_geterror(code))
}
