import CNetlink
import IPVSKit

/// Whole reply messages to model values: the top level's policy, the one nest a reply
/// carries, then the schema's decoder for that nest.
package enum IPVSReplies {
    package typealias Message = UnsafeMutablePointer<nlmsghdr>

    /// A NEW_SERVICE message of the GET_SERVICE dump or doit.
    package static func service(_ message: Message) throws(MalformedReply) -> ServiceEntry {
        try service(message, statistics: true)
    }

    /// The same; without `statistics`, the counters are left at zero and not read.
    package static func service(_ message: Message, statistics: Bool) throws(MalformedReply) -> ServiceEntry {
        try IPVSSchema.serviceEntry(
            nest(message, IPVSSchema.Command.service, IPVSSchema.servicePolicy), statistics: statistics)
    }

    /// The identity of a NEW_SERVICE message's service.
    package static func serviceID(_ message: Message) throws(MalformedReply) -> ServiceID {
        try IPVSSchema.serviceID(nest(message, IPVSSchema.Command.service, IPVSSchema.servicePolicy))
    }

    /// A NEW_DEST message of the GET_DEST dump of a service of `serviceFamily`; without
    /// `statistics`, the counters are left at zero and not read.
    package static func realServer(
        _ message: Message, serviceFamily: AddressFamily, statistics: Bool = true
    ) throws(MalformedReply) -> RealServerEntry {
        try IPVSSchema.realServerEntry(
            nest(message, IPVSSchema.Command.dest, IPVSSchema.destPolicy), serviceFamily: serviceFamily,
            statistics: statistics)
    }

    /// A NEW_DAEMON message of the GET_DAEMON dump.
    package static func daemon(_ message: Message) throws(MalformedReply) -> SyncDaemon {
        try IPVSSchema.daemon(nest(message, IPVSSchema.Command.daemon, IPVSSchema.daemonPolicy))
    }

    /// The SET_INFO reply to GET_INFO: its attributes are at the top level.
    package static func info(_ message: Message) throws(MalformedReply) -> IPVSInfo {
        try IPVSSchema.info(AttributeSet(message: message, policy: IPVSSchema.infoPolicy))
    }

    /// The SET_CONFIG reply to GET_CONFIG: its attributes are at the top level.
    package static func timeouts(_ message: Message) throws(MalformedReply) -> Timeouts {
        IPVSSchema.timeouts(try AttributeSet(message: message, policy: IPVSSchema.commandPolicy))
    }

    /// Runs `decode` on a message held as bytes (tests, recorded replies).
    package static func decode<T>(_ bytes: [UInt8], _ decode: (Message) throws(MalformedReply) -> T)
        throws(MalformedReply) -> T
    {
        var copy = bytes
        let result: Result<T, MalformedReply> = copy.withUnsafeMutableBytes { raw in
            guard raw.count >= MemoryLayout<nlmsghdr>.size, let base = raw.baseAddress else {
                return .failure(MalformedReply(reason: "\(raw.count) bytes are no netlink message"))
            }
            let message = base.bindMemory(to: nlmsghdr.self, capacity: 1)
            guard Int(message.pointee.nlmsg_len) <= raw.count else {
                return .failure(MalformedReply(reason: "nlmsg_len beyond the bytes"))
            }
            do throws(MalformedReply) { return .success(try decode(message)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private static func nest(
        _ message: Message, _ id: IPVSSchema.Command, _ policy: AttributePolicy
    ) throws(MalformedReply) -> AttributeSet {
        let top = try AttributeSet(message: message, policy: IPVSSchema.commandPolicy)
        guard let nest = try top.nested(id, policy) else { throw MalformedReply(reason: "\(policy.name) nest missing") }
        return nest
    }
}
