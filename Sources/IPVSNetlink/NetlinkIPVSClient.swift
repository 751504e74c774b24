import CNetlink
import Glibc
import IPVSKit

/// The real IPVS client: generic netlink through libnl, one socket for its lifetime.
///
/// Reads are one request each (a dump or a single get). Changes go through
/// `perform(_:)`, which packs many requests into each `sendmsg` (see `BatchLimits`).
/// Every kernel answer comes back as an `IPVSError` with the errno unchanged.
public final class NetlinkIPVSClient: IPVSClient {
    private let socket: NetlinkSocket

    /// Opens the socket and resolves the `IPVS` family. Without IPVS in the kernel this
    /// throws `IPVSError(errno: ENOENT, operation: .connect)` (`reason == .notInKernel`);
    /// a socket that cannot be opened throws with the errno of the failed call.
    public init() throws {
        socket = try NetlinkSocket(family: IPVSFamily.name)
    }

    /// The generic-netlink id the kernel gave the IPVS family.
    public var familyID: UInt16 { socket.familyID }

    /// How `perform(_:)` splits its requests, from the socket buffers the kernel granted.
    public var batchLimits: BatchLimits { socket.limits }

    // MARK: Reads

    public func info() throws -> IPVSInfo {
        try single(.info) { message throws(MalformedReply) in
            try IPVSSchema.info(AttributeSet(message: message, policy: IPVSSchema.infoPolicy))
        }
    }

    public func services() throws -> [ServiceEntry] {
        try dump(.services) { message throws(MalformedReply) in
            try IPVSSchema.serviceEntry(Self.nest(message, IPVSSchema.Command.service, IPVSSchema.servicePolicy))
        }
    }

    public func service(_ id: ServiceID) throws -> ServiceEntry {
        try single(.service(id)) { message throws(MalformedReply) in
            try IPVSSchema.serviceEntry(Self.nest(message, IPVSSchema.Command.service, IPVSSchema.servicePolicy))
        }
    }

    public func realServers(of service: ServiceID) throws -> [RealServerEntry] {
        try dump(.realServers(service)) { message throws(MalformedReply) in
            try IPVSSchema.realServerEntry(
                Self.nest(message, IPVSSchema.Command.dest, IPVSSchema.destPolicy), serviceFamily: service.family)
        }
    }

    public func timeouts() throws -> Timeouts {
        try single(.timeouts) { message throws(MalformedReply) in
            IPVSSchema.timeouts(try AttributeSet(message: message, policy: IPVSSchema.commandPolicy))
        }
    }

    public func daemons() throws -> [SyncDaemon] {
        try dump(.daemons) { message throws(MalformedReply) in
            try IPVSSchema.daemon(Self.nest(message, IPVSSchema.Command.daemon, IPVSSchema.daemonPolicy))
        }
    }

    public func connections() throws -> [ConnectionEntry] {
        ConnectionEntry.parseTable(try ProcFile.read(ProcFile.connections, operation: .listConnections))
    }

    // MARK: Changes

    public func perform(_ requests: [IPVSRequest]) throws -> [IPVSError?] {
        var results = [IPVSError?](repeating: nil, count: requests.count)
        var messages: [[UInt8]] = []
        messages.reserveCapacity(requests.count)
        for (index, request) in requests.enumerated() {
            do {
                messages.append(try IPVSMessages.encode(request, familyID: socket.familyID))
            } catch let error as IPVSError {
                results[index] = error  // never sent; an empty slot keeps the indices
                messages.append([])
            }
        }
        for chunk in socket.limits.chunks(sizes: messages.map(\.count)) {
            var buffer: [UInt8] = []
            var sent: [(index: Int, sequence: UInt32)] = []
            for index in chunk where !messages[index].isEmpty {
                let sequence = socket.nextSequence()
                buffer += Self.stamped(messages[index], sequence: sequence)
                sent.append((index, sequence))
            }
            if sent.isEmpty { continue }
            let outcomes = try socket.exchange(buffer, sequences: sent.map(\.sequence), operation: requests[chunk.lowerBound].operation)
            for (index, sequence) in sent {
                results[index] = NetlinkFailure.kernel(outcomes[sequence] ?? 0, requests[index].operation)
            }
        }
        return results
    }

    // MARK: Exchanges

    /// A get answered by one reply and an acknowledgement.
    private func single<T>(_ query: IPVSQuery, _ decode: @escaping (UnsafeMutablePointer<nlmsghdr>) throws(MalformedReply) -> T) throws -> T {
        let replies = try run(query, decode)
        guard let reply = replies.first else {
            throw NetlinkFailure.malformed(MalformedReply(reason: "acknowledged without a reply"), query.operation)
        }
        return reply
    }

    /// A dump, retried when the kernel reports that the table changed while it was read.
    private func dump<T>(_ query: IPVSQuery, _ decode: @escaping (UnsafeMutablePointer<nlmsghdr>) throws(MalformedReply) -> T) throws -> [T] {
        var attempts = 0
        while true {
            do {
                return try run(query, decode)
            } catch let error as IPVSError where error.detail != nil && error.errno == EINTR && attempts < 3 {
                attempts += 1
            }
        }
    }

    private func run<T>(_ query: IPVSQuery, _ decode: @escaping (UnsafeMutablePointer<nlmsghdr>) throws(MalformedReply) -> T) throws -> [T] {
        let sequence = socket.nextSequence()
        let message = Self.stamped(try IPVSMessages.encode(query, familyID: socket.familyID), sequence: sequence)
        var replies: [T] = []
        let outcomes = try socket.exchange(message, sequences: [sequence], operation: query.operation) { header throws(MalformedReply) in
            replies.append(try decode(header))
        }
        if let error = NetlinkFailure.kernel(outcomes[sequence] ?? 0, query.operation) { throw error }
        return replies
    }

    /// The top-level nest of a reply, parsed with its policy.
    private static func nest(
        _ message: UnsafeMutablePointer<nlmsghdr>, _ id: IPVSSchema.Command, _ policy: AttributePolicy
    ) throws(MalformedReply) -> AttributeSet {
        let top = try AttributeSet(message: message, policy: IPVSSchema.commandPolicy)
        guard let nest = try top.nested(id, policy) else { throw MalformedReply(reason: "\(policy.name) nest missing") }
        return nest
    }

    /// A golden-form message (sequence 0) with its sequence number written in.
    private static func stamped(_ message: [UInt8], sequence: UInt32) -> [UInt8] {
        var message = message
        message.withUnsafeMutableBytes { $0.storeBytes(of: sequence, toByteOffset: 8, as: UInt32.self) }
        return message
    }
}
