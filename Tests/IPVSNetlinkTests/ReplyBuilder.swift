import IPVSKit

@testable import IPVSNetlink

/// Builds kernel-style replies with the product's libnl builder, attribute by attribute,
/// so decode tests state exactly what the kernel sent.
enum Reply {
    typealias Schema = IPVSSchema

    static func message(_ command: IPVSCommand, _ body: (MessageBuilder) -> Void) -> [UInt8] {
        guard let builder = MessageBuilder(familyID: goldenFamilyID, command: command, flags: 0x2) else { return [] }
        body(builder)
        return builder.finish() ?? []
    }

    /// The kernel's 64-bit set; every value distinct and above 2^32 where it can be.
    static func stats64(_ m: MessageBuilder, _ id: some AttributeID, base: UInt64) {
        m.nest(id) {
            for (i, stat) in Schema.Stats.allCases.dropLast().enumerated() {
                m.put(stat, u64: base + UInt64(i))
            }
        }
    }

    /// The kernel's 32-bit set: u32 counters and rates, u64 bytes.
    static func stats32(_ m: MessageBuilder, _ id: some AttributeID, base: UInt32) {
        m.nest(id) {
            for (i, stat) in Schema.Stats.allCases.dropLast().enumerated() {
                if stat == .inBytes || stat == .outBytes {
                    m.put(stat, u64: UInt64(base) + UInt64(i) + (1 << 40))
                } else {
                    m.put(stat, u32: base + UInt32(i))
                }
            }
        }
    }

    static func hostBytes(_ values: UInt32...) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value) { Array($0) } }
    }
}

extension MessageBuilder {
    /// A 64-bit value in host order, as `nla_put_u64` writes it: only replies carry these,
    /// so only the tests' reply builder needs it.
    func put(_ id: some AttributeID, u64 value: UInt64) {
        put(id, bytes: withUnsafeBytes(of: value) { Array($0) })
    }
}
