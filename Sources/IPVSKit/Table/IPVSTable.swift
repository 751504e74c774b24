/// A whole IPVS table as configuration: what `-S` shows, plus optionally the timeouts and
/// sync daemons. It is the desired state `apply` is given (from the save format or from
/// JSON) and the live state it reads; counters and connection counts are not part of
/// it, so two reads of a busy table compare equal.
public struct IPVSTable: Hashable, Sendable {
    /// In the order they were given (a file's order, or the kernel's dump order).
    public var services: [TableService]
    /// nil: not part of this state (a desired state without `--set` leaves them alone).
    public var timeouts: Timeouts?
    /// nil: not part of this state. When set, the daemons of the roles listed are made to
    /// match; a role not listed is left alone.
    public var daemons: [SyncDaemon]?

    public init(services: [TableService] = [], timeouts: Timeouts? = nil, daemons: [SyncDaemon]? = nil) {
        self.services = services
        self.timeouts = timeouts
        self.daemons = daemons
    }

    /// The service with that id, if any.
    public func service(_ id: ServiceID) -> TableService? {
        services.first { $0.service.id == id }
    }
}

/// A virtual service with its real servers.
public struct TableService: Hashable, Sendable {
    public var service: VirtualService
    /// In the order given; a live table lists them newest first, as the kernel does.
    public var realServers: [RealServer]

    public init(_ service: VirtualService, realServers: [RealServer] = []) {
        self.service = service
        self.realServers = realServers
    }
}

/// What one request changes, so a caller can point at the input that asked for it.
public enum TableSubject: Hashable, Sendable {
    case service(ServiceID)
    case realServer(RealServerID, service: ServiceID)
    case timeouts
    case daemon(SyncDaemonState)
}

extension IPVSRequest {
    /// The part of the table this request changes; nil for `flush` and `zero`, which the
    /// planner never makes.
    public var subject: TableSubject? {
        switch self {
        case .addService(let service), .editService(let service): .service(service.id)
        case .deleteService(let id): .service(id)
        case .addRealServer(let server, let service), .editRealServer(let server, let service):
            .realServer(server.id, service: service)
        case .deleteRealServer(let id, let service): .realServer(id, service: service)
        case .setTimeouts: .timeouts
        case .startDaemon(let daemon): .daemon(daemon.state)
        case .stopDaemon(let state): .daemon(state)
        case .flush, .zero: nil
        }
    }
}
