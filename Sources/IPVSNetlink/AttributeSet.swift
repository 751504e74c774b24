import CNetlink

/// A received message that does not have the shape the schema says: a bug of ours or of
/// the kernel, never the user's doing.
package struct MalformedReply: Error, Sendable {
    package var reason: String
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
///
/// A class: every decoded nest refers to its policy, and copying a struct of a string, a
/// dictionary and an array into each of them would cost three retains and releases a nest.
final class AttributePolicy: Sendable {
    let name: String
    let maxType: Int32
    let rules: [Int32: AttributeRule]
    /// The C array, indexed by attribute type: built once, since a listing parses
    /// thousands of nests with the same few policies.
    private let table: [nla_policy]

    init(_ name: String, _ rules: [(any AttributeID, AttributeRule)]) {
        self.name = name
        let rules = Dictionary(rules.map { ($0.0.rawValue, $0.1) }, uniquingKeysWith: { $1 })
        self.rules = rules
        let maxType = rules.keys.max() ?? 0
        precondition(maxType < AttributeSet.slotCount, "\(name): attribute ids up to \(maxType) need more slots")
        self.maxType = maxType
        var table = [nla_policy](repeating: nla_policy(), count: Int(maxType) + 1)
        for (id, rule) in rules {
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
    /// The attribute table lives inline: a listing decodes three nests per real server,
    /// and an array each would be three allocations per line of output. Every policy of the
    /// IPVS schema has ids below this (the largest, DEST, ends at 15).
    static let slotCount: Int32 = 16
    private typealias Slot = UnsafeMutablePointer<nlattr>?
    private var slots:
        (Slot, Slot, Slot, Slot, Slot, Slot, Slot, Slot, Slot, Slot, Slot, Slot, Slot, Slot, Slot, Slot) =
            (nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil)
    private let policy: AttributePolicy

    /// The top level of a generic-netlink message (no family header).
    init(message: UnsafeMutablePointer<nlmsghdr>, policy: AttributePolicy) throws(MalformedReply) {
        self.policy = policy
        let result = withSlots { table in policy.withCPolicy { genlmsg_parse(message, 0, table, policy.maxType, $0) } }
        guard result == 0 else { throw MalformedReply(reason: "\(policy.name): \(libnlText(result))") }
    }

    private init(nest: UnsafeMutablePointer<nlattr>, policy: AttributePolicy) throws(MalformedReply) {
        self.policy = policy
        let result = withSlots { table in policy.withCPolicy { nla_parse_nested(table, policy.maxType, nest, $0) } }
        guard result == 0 else { throw MalformedReply(reason: "\(policy.name): \(libnlText(result))") }
    }

    /// The slots as the C array `nla_parse` fills (`struct nlattr *tb[]`).
    private mutating func withSlots(_ body: (UnsafeMutablePointer<Slot>) -> Int32) -> Int32 {
        withUnsafeMutableBytes(of: &slots) { raw in
            guard let base = raw.baseAddress else { return -NLE_NOMEM }
            return body(base.bindMemory(to: Slot.self, capacity: Int(Self.slotCount)))
        }
    }

    private func attribute(_ id: some AttributeID) -> UnsafeMutablePointer<nlattr>? {
        let index = Int(id.rawValue)
        guard index >= 0, index <= Int(policy.maxType) else { return nil }
        return withUnsafeBytes(of: slots) { $0.load(fromByteOffset: index * MemoryLayout<Slot>.stride, as: Slot.self) }
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
    /// many times per listing (addresses), where copying into an array first would allocate
    /// each time.
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
