import IPVSKit

/// What lvsadmd manages: its services, each with its real servers, how each is checked,
/// and what a failure does. Both configuration formats read into this.
public struct HealthConfiguration: Hashable, Sendable {
    /// In the configuration's order.
    public var services: [ManagedService]

    public init(services: [ManagedService] = []) { self.services = services }

    /// The ids of the services lvsadmd manages; every other service is left alone.
    public var serviceIDs: Set<ServiceID> { Set(services.map(\.service.id)) }
}

/// One virtual service lvsadmd owns whole: its settings, and exactly these real servers
/// (one added by hand is drift, and goes).
public struct ManagedService: Hashable, Sendable {
    public var service: VirtualService
    public var servers: [ManagedServer]
    public var onFailure: FailureAction
    public var sorry: SorryServer?
    /// Whether stopping lvsadmd removes this service (ldirectord's `cleanstop`).
    public var removeOnStop: Bool
    /// The operator's name for it (a `name` line): a label on its metrics and a word on the
    /// status page; it changes nothing in the table.
    public var name: String?

    public init(
        service: VirtualService, servers: [ManagedServer] = [], onFailure: FailureAction = .quiesce,
        sorry: SorryServer? = nil, removeOnStop: Bool = false, name: String? = nil
    ) {
        self.service = service
        self.servers = servers
        self.onFailure = onFailure
        self.sorry = sorry
        self.removeOnStop = removeOnStop
        self.name = name
    }
}

/// A real server as configured (its weight is the one it has while healthy) and where its
/// health comes from.
public struct ManagedServer: Hashable, Sendable {
    public var server: RealServer
    public var health: HealthSource

    public init(_ server: RealServer, health: HealthSource = .alwaysUp) {
        self.server = server
        self.health = health
    }
}

public enum HealthSource: Hashable, Sendable {
    /// The state of this probe target.
    case probe(ProbeTarget)
    /// Not checked, always healthy (a server without a check; ldirectord's `checktype = on`).
    case alwaysUp
    /// Not checked, healthy as found at start (ldirectord's `checktype = off`, which never
    /// changes a server after start).
    case asFound
}

/// What a failed real server becomes.
public enum FailureAction: String, Hashable, Sendable {
    /// Weight 0: no new connections, established ones continue (the default).
    case quiesce
    /// Taken out of the service; its connections stop.
    case remove
}

/// A fallback real server: in the service while fewer than `quorum` real servers are
/// healthy, out as soon as `quorum` are.
public struct SorryServer: Hashable, Sendable {
    public var server: RealServer
    public var quorum: Int

    public init(_ server: RealServer, quorum: Int = 1) {
        self.server = server
        self.quorum = quorum
    }
}
