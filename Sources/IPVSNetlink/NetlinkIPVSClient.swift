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
    /// The service dump's own socket, which reads 32 KiB datagrams (see
    /// `NetlinkSocket.largeDumpReceiveBytes`); the main socket's page-sized reads keep the
    /// kernel's parts of the many small real-server dumps page-sized. Opened by the first
    /// service dump, so a single change never opens it.
    private var serviceDumpSocket: NetlinkSocket?

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
        try single(.info, IPVSReplies.info)
    }

    public func services(statistics: Bool) throws -> [ServiceEntry] {
        try dump(.services, on: try largeDumpSocket()) { message throws(MalformedReply) in
            try IPVSReplies.service(message, statistics: statistics)
        }
    }

    public func serviceIDs() throws -> [ServiceID] {
        try dump(.services, on: try largeDumpSocket(), IPVSReplies.serviceID)
    }

    public func service(_ id: ServiceID) throws -> ServiceEntry {
        try single(.service(id), IPVSReplies.service)
    }

    /// Whole when the dump took at most two datagrams: the kernel's one pass under its lock,
    /// then NLMSG_DONE, which it makes in a second pass that finds nothing more to add.
    public func realServerDump(of service: ServiceID, statistics: Bool) throws -> DumpRead<RealServerEntry> {
        let entries = try dump(.realServers(service)) { message throws(MalformedReply) in
            try IPVSReplies.realServer(message, serviceFamily: service.family, statistics: statistics)
        }
        return DumpRead(entries: entries, isWhole: socket.datagramsOfLastExchange <= 2)
    }

    public func timeouts() throws -> Timeouts {
        try single(.timeouts, IPVSReplies.timeouts)
    }

    public func daemons() throws -> [SyncDaemon] {
        try dump(.daemons, IPVSReplies.daemon)
    }

    public func connections() throws -> [ConnectionEntry] {
        ConnectionEntry.parseTable(try ProcFile.read(ProcFile.connections, operation: .listConnections))
    }

    // MARK: Changes

    /// Each request is encoded only when its datagram is being filled: encoding a
    /// 110,000-request plan up front held every message at once (about 20 MB).
    public func perform(_ requests: [IPVSRequest]) throws -> [IPVSError?] {
        var results = [IPVSError?](repeating: nil, count: requests.count)
        var batch = RequestBatch()
        for (index, request) in requests.enumerated() {
            let message: [UInt8]
            do {
                message = try IPVSMessages.encode(request, familyID: socket.familyID)
            } catch let error as IPVSError {
                results[index] = error  // never sent
                continue
            }
            if !socket.limits.admits(message.count, afterCount: batch.count, bytes: batch.buffer.count) {
                try send(&batch, requests, into: &results)
            }
            batch.append(message, index: index, sequence: socket.nextSequence())
        }
        try send(&batch, requests, into: &results)
        return results
    }

    /// Sends one datagram of requests and writes each one's outcome into `results`.
    private func send(_ batch: inout RequestBatch, _ requests: [IPVSRequest], into results: inout [IPVSError?]) throws {
        guard let first = batch.sent.first else { return }
        let outcomes = try socket.exchange(
            batch.buffer, sequences: batch.sent.map(\.sequence), operation: requests[first.index].operation)
        for (index, sequence) in batch.sent {
            results[index] = NetlinkFailure.answer(outcomes[sequence], requests[index].operation)
        }
        batch.removeAll()
    }

    // MARK: Exchanges

    private func largeDumpSocket() throws -> NetlinkSocket {
        if let serviceDumpSocket { return serviceDumpSocket }
        let opened = try NetlinkSocket(familyID: socket.familyID, receiveBytes: NetlinkSocket.largeDumpReceiveBytes)
        serviceDumpSocket = opened
        return opened
    }

    /// A get answered by one reply and an acknowledgement.
    private func single<T>(_ query: IPVSQuery, _ decode: @escaping (IPVSReplies.Message) throws(MalformedReply) -> T)
        throws -> T
    {
        let replies = try run(query, on: socket, decode)
        guard let reply = replies.first else {
            throw NetlinkFailure.malformed(MalformedReply(reason: "acknowledged without a reply"), query.operation)
        }
        return reply
    }

    /// A dump, retried when the kernel reports that the table changed while it was read.
    private func dump<T>(
        _ query: IPVSQuery, on channel: NetlinkSocket? = nil,
        _ decode: @escaping (IPVSReplies.Message) throws(MalformedReply) -> T
    ) throws -> [T] {
        var attempts = 0
        while true {
            do {
                return try run(query, on: channel ?? socket, decode)
            } catch let error as IPVSError where error.isTornDump && attempts < 3 {
                attempts += 1
            }
        }
    }

    private func run<T>(
        _ query: IPVSQuery, on socket: NetlinkSocket,
        _ decode: @escaping (IPVSReplies.Message) throws(MalformedReply) -> T
    ) throws -> [T] {
        let sequence = socket.nextSequence()
        let message = Self.stamped(try IPVSMessages.encode(query, familyID: socket.familyID), sequence: sequence)
        var replies: [T] = []
        let outcomes = try socket.exchange(message, sequences: [sequence], operation: query.operation) {
            header throws(MalformedReply) in
            replies.append(try decode(header))
        }
        if let error = NetlinkFailure.answer(outcomes[sequence], query.operation) { throw error }
        return replies
    }

    /// A golden-form message (sequence 0) with its sequence number written in.
    private static func stamped(_ message: [UInt8], sequence: UInt32) -> [UInt8] {
        var message = message
        message.withUnsafeMutableBytes { $0.storeBytes(of: sequence, toByteOffset: 8, as: UInt32.self) }
        return message
    }
}

extension IPVSError {
    /// The kernel flagged the dump as interrupted by a change of the table (libnl's
    /// NLE_DUMP_INTR, read as a local EINTR): reading it again gives a whole one. The
    /// kernel's own EINTR, or no answer, is not this.
    fileprivate var isTornDump: Bool {
        if case .local = origin { return errno == EINTR }
        return false
    }
}
