/// A connection to one IPVS table (one network namespace's).
///
/// The real implementation speaks generic netlink (IPVSNetlink); tests use a scripted
/// stand-in (IPVSTesting). Reads return typed values; writes are `IPVSRequest`s, sent one
/// by one or many per system call through `perform(_:)`.
public protocol IPVSClient: AnyObject {
    /// `IPVS_CMD_GET_INFO`
    func info() throws -> IPVSInfo
    /// `IPVS_CMD_GET_SERVICE` as a dump, in kernel order, with the traffic counters only
    /// when `statistics` (else zero): a listing that does not show them need not decode
    /// them. A client that cannot leave them out reads them all the same.
    func services(statistics: Bool) throws -> [ServiceEntry]
    /// The ids a service dump lists, in kernel order: all a consistency check compares.
    func serviceIDs() throws -> [ServiceID]
    /// `IPVS_CMD_GET_SERVICE` for one service; `.noSuchService` if it is not there.
    func service(_ id: ServiceID) throws -> ServiceEntry
    /// `IPVS_CMD_GET_DEST` dump of one service, in kernel order (newest first), saying
    /// whether the kernel made it in one pass (`DumpRead`); counters as for `services`.
    func realServerDump(of service: ServiceID, statistics: Bool) throws -> DumpRead<RealServerEntry>
    /// `IPVS_CMD_GET_CONFIG`
    func timeouts() throws -> Timeouts
    /// `IPVS_CMD_GET_DAEMON` dump: the running daemons, master first.
    func daemons() throws -> [SyncDaemon]
    /// The connection table, `/proc/net/ip_vs_conn` (netlink has no command for it).
    func connections() throws -> [ConnectionEntry]
    /// Sends the requests in order, as few system calls as the socket buffer allows, and
    /// returns each one's outcome (`nil` = done) in the same order. The kernel handles
    /// each request on its own: a failed one does not stop the ones after it. Throws only
    /// when the exchange itself breaks.
    func perform(_ requests: [IPVSRequest]) throws -> [IPVSError?]
}

/// A dump as read. The kernel fills each part of a dump in one pass under its lock and
/// resumes the next part by index; a dump that came in one part is a true view of its
/// moment, one in several parts may show an entry twice or miss one if the table changed
/// in between (see `consistentListing`).
public struct DumpRead<Entry> {
    public var entries: [Entry]
    /// true: one part, cannot be torn. false: several parts, or the client cannot tell.
    public var isWhole: Bool

    public init(entries: [Entry], isWhole: Bool) {
        self.entries = entries
        self.isWhole = isWhole
    }
}

extension IPVSClient {
    /// Every service with its counters.
    public func services() throws -> [ServiceEntry] { try services(statistics: true) }

    /// The real servers of one service with their counters, in kernel order.
    public func realServers(of service: ServiceID) throws -> [RealServerEntry] {
        try realServerDump(of: service, statistics: true).entries
    }

    public func serviceIDs() throws -> [ServiceID] { try services(statistics: false).map(\.service.id) }

    /// Sends one request and throws the kernel's error, if any.
    public func perform(_ request: IPVSRequest) throws {
        if let error = try perform([request]).first ?? nil { throw error }
    }

    public func addService(_ service: VirtualService) throws { try perform(.addService(service)) }
    public func editService(_ service: VirtualService) throws { try perform(.editService(service)) }
    public func deleteService(_ id: ServiceID) throws { try perform(.deleteService(id)) }
    public func addRealServer(_ server: RealServer, to service: ServiceID) throws {
        try perform(.addRealServer(server, service: service))
    }
    public func editRealServer(_ server: RealServer, in service: ServiceID) throws {
        try perform(.editRealServer(server, service: service))
    }
    public func deleteRealServer(_ server: RealServerID, from service: ServiceID) throws {
        try perform(.deleteRealServer(server, service: service))
    }
    public func flush() throws { try perform(.flush) }
    public func zero(_ service: ServiceID? = nil) throws { try perform(.zero(service)) }
    public func setTimeouts(_ timeouts: Timeouts) throws { try perform(.setTimeouts(timeouts)) }
    public func startDaemon(_ daemon: SyncDaemon) throws { try perform(.startDaemon(daemon)) }
    public func stopDaemon(_ state: SyncDaemonState) throws { try perform(.stopDaemon(state)) }
}
