import CNetlink

/// An attribute number of one nesting level of the schema.
protocol AttributeID {
    var rawValue: Int32 { get }
}

/// Builds one generic-netlink message with libnl (`genlmsg_put`, `nla_put_*`, nests) and
/// hands back its bytes, so a message can be compared with a golden file without a socket.
/// Port and sequence number are 0; the sender stamps its own sequence number.
final class MessageBuilder {
    /// The `struct nl_msg *` being filled.
    private let message: OpaquePointer
    /// Set when libnl had no room for an attribute; `finish()` then refuses the message.
    private var overflowed = false

    /// - Parameter textBytes: the length of the strings the message will carry, so that
    ///   even an absurd scheduler name fits and is refused by the kernel, not by us.
    /// libnl clears what it allocates, and its default 4 KiB per message (one per
    /// real-server dump of a listing, one per write of a restore) would be mostly cleared
    /// and unused: the largest request without its strings is a few hundred bytes. A
    /// message that did not fit is refused by `finish()`, never cut.
    static let roomBeyondText = 1024

    init?(familyID: UInt16, command: IPVSCommand, flags: Int32, textBytes: Int = 0) {
        guard let message = nlmsg_alloc_size(Int(Self.roomBeyondText + 2 * textBytes)) else { return nil }
        self.message = message
        let header = genlmsg_put(
            message, 0, 0, Int32(familyID), 0, flags, command.rawValue, IPVSFamily.version)
        if header == nil { overflowed = true }
    }

    deinit { nlmsg_free(message) }

    func put(_ id: some AttributeID, u8 value: UInt8) { check(nla_put_u8(message, id.rawValue, value)) }
    func put(_ id: some AttributeID, u16 value: UInt16) { check(nla_put_u16(message, id.rawValue, value)) }
    func put(_ id: some AttributeID, u32 value: UInt32) { check(nla_put_u32(message, id.rawValue, value)) }

    func put(_ id: some AttributeID, bytes: [UInt8]) {
        check(bytes.withUnsafeBytes { nla_put(message, id.rawValue, Int32($0.count), $0.baseAddress) })
    }

    /// A NUL-terminated string, as the kernel's `NLA_NUL_STRING` policy wants.
    func put(_ id: some AttributeID, string: String) {
        check(nla_put_string(message, id.rawValue, string))
    }

    /// Puts the attributes `body` adds inside a nest of type `id`.
    func nest(_ id: some AttributeID, _ body: () -> Void) {
        guard let start = nla_nest_start(message, id.rawValue) else {
            overflowed = true
            return
        }
        body()
        check(nla_nest_end(message, start))
    }

    /// The finished message, exactly `nlmsg_len` bytes; nil if something did not fit.
    func finish() -> [UInt8]? {
        guard !overflowed, let header = nlmsg_hdr(message) else { return nil }
        return Array(UnsafeRawBufferPointer(start: header, count: Int(header.pointee.nlmsg_len)))
    }

    private func check(_ result: Int32) {
        if result < 0 { overflowed = true }
    }
}
