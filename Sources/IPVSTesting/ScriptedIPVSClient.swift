import IPVSKit

/// A stand-in `IPVSClient` for tests: the test states what the reads return and which
/// errno each write gets; the client records every request. It has no model of kernel
/// rules: adding a service does not make it appear in `services()`.
public final class ScriptedIPVSClient: IPVSClient {
    // MARK: What reads return
    public var infoValue = IPVSInfo(version: 0x01_02_01, connectionTableSize: 4096)
    /// The service dump, in kernel order.
    public var servicesTable: [ServiceEntry] = []
    /// Each service's real servers, in kernel order.
    public var realServersTable: [ServiceID: [RealServerEntry]] = [:]
    public var timeoutsValue = Timeouts(tcp: 900, tcpFin: 120, udp: 300)
    public var daemonsList: [SyncDaemon] = []
    public var connectionsList: [ConnectionEntry] = []
    /// Reads that fail, by operation (`.info`, `.listServices`, `.getService`,
    /// `.listRealServers`, `.getTimeouts`, `.listDaemons`, `.listConnections`).
    public var readErrors: [IPVSOperation: Int32] = [:]
    /// Services whose real-server dump comes in several parts (`realServerDump` then says
    /// it is not whole, as the kernel's answer to a long dump would); the others come
    /// whole.
    public var multiPartRealServerDumps: Set<ServiceID> = []
    /// Called before every read with its operation: a test changes the stated tables here
    /// to script a table that someone else edits during a listing.
    public var beforeRead: ((IPVSOperation) -> Void)?

    // MARK: What writes answer
    /// Errnos for the next requests, one per request in order (nil = success); when
    /// empty, `answer` decides.
    public var queuedAnswers: [Int32?] = []
    /// The errno for a request (nil = success) once `queuedAnswers` is used up.
    public var answer: (IPVSRequest) -> Int32? = { _ in nil }
    /// Set to make `perform` throw, as when the exchange itself breaks.
    public var performFailure: (any Error)?
    /// Called with each `perform` call's number (0 for the first) and requests before
    /// they are answered: a test states here the table the kernel holds after part of
    /// the batch, and throws to break the exchange at that point (ENOBUFS, EINTR).
    public var beforePerform: ((_ call: Int, _ requests: [IPVSRequest]) throws -> Void)?

    // MARK: What happened
    /// Every `perform` call's requests, one array per call.
    public private(set) var batches: [[IPVSRequest]] = []
    /// Every read, in order.
    public private(set) var reads: [IPVSOperation] = []

    /// All requests performed, in order.
    public var requests: [IPVSRequest] { batches.flatMap { $0 } }

    public init() {}

    private func read<T>(_ operation: IPVSOperation, _ value: () throws -> T) throws -> T {
        reads.append(operation)
        beforeRead?(operation)
        if let errno = readErrors[operation] { throw IPVSError(errno: errno, operation: operation) }
        return try value()
    }

    public func info() throws -> IPVSInfo { try read(.info) { infoValue } }
    /// The stated table, counters and all: the stand-in does not leave them out.
    public func services(statistics: Bool) throws -> [ServiceEntry] { try read(.listServices) { servicesTable } }

    /// The stated entry with that id; ESRCH when the test stated none.
    public func service(_ id: ServiceID) throws -> ServiceEntry {
        try read(.getService) {
            guard let entry = servicesTable.first(where: { $0.service.id == id }) else {
                throw IPVSError(errno: Errno.ESRCH, operation: .getService)
            }
            return entry
        }
    }

    public func realServerDump(of service: ServiceID, statistics: Bool) throws -> DumpRead<RealServerEntry> {
        let entries = try read(.listRealServers) { realServersTable[service] ?? [] }
        return DumpRead(entries: entries, isWhole: !multiPartRealServerDumps.contains(service))
    }

    public func timeouts() throws -> Timeouts { try read(.getTimeouts) { timeoutsValue } }
    public func daemons() throws -> [SyncDaemon] { try read(.listDaemons) { daemonsList } }
    public func connections() throws -> [ConnectionEntry] { try read(.listConnections) { connectionsList } }

    public func perform(_ requests: [IPVSRequest]) throws -> [IPVSError?] {
        batches.append(requests)
        if let performFailure { throw performFailure }
        try beforePerform?(batches.count - 1, requests)
        return requests.map { request in
            let errno = queuedAnswers.isEmpty ? answer(request) : queuedAnswers.removeFirst()
            return errno.map { IPVSError(errno: $0, operation: request.operation) }
        }
    }
}
