import IPVSKit
import LVSCommandLine
import LVSHealth

/// The director at one instant, as the HTTP endpoints show it: the kernel's table with its
/// counters (read afresh, as `lvsadm -L -n --stats --exact` reads it) and, for each real
/// server lvsadmd manages, what lvsadmd knows of it. A value: the loop makes it, the HTTP
/// server renders it on its own threads.
public struct DirectorView: Sendable {
    public var info: IPVSInfo
    /// Every service of the kernel's table (managed or not), in the kernel's order.
    public var listed: [ListedService]
    /// The real servers lvsadmd manages, sorry servers included, in configuration order.
    public var managed: [ManagedServerView]
    /// One per configured check, in configuration order.
    public var checks: [CheckView]
    public var counters: DaemonCounters
    /// The latest health transitions.
    public var events: EventLog
    /// When the view was made, on the daemon's clock (started at lvsadmd's start).
    public var at: HealthInstant
    /// The names the configuration gives services (`name` lines); a service without one
    /// is not here.
    public var names: [ServiceID: String]

    public init(
        info: IPVSInfo, listed: [ListedService], managed: [ManagedServerView], checks: [CheckView],
        counters: DaemonCounters, events: EventLog = EventLog(), at: HealthInstant, names: [ServiceID: String] = [:]
    ) {
        self.info = info
        self.listed = listed
        self.managed = managed
        self.checks = checks
        self.counters = counters
        self.events = events
        self.at = at
        self.names = names
    }

    /// What lvsadmd knows of this real server of this service, if it manages it.
    public func managed(_ server: RealServerID, of service: ServiceID) -> ManagedServerView? {
        managed.first { $0.service == service && $0.server == server }
    }
}

/// One managed real server: its configured weight, the weight lvsadmd wants for it now, its
/// health and where that comes from, and whether an operator has it in maintenance.
public struct ManagedServerView: Hashable, Sendable {
    public enum Health: String, Hashable, Sendable {
        case up, down, unknown
        /// A sorry server: in while too few real servers are healthy.
        case sorry
    }

    public var service: ServiceID
    /// The service's name in the configuration, if it has one.
    public var name: String?
    public var server: RealServerID
    /// As configured, for labels that match the kernel's series even while the server is
    /// out of the table.
    public var scheduler: String
    public var forwarding: ForwardingMethod
    public var configuredWeight: UInt32
    /// nil: lvsadmd wants it out of the service.
    public var wantedWeight: UInt32?
    public var health: Health
    /// Whether lvsadmd counts it as healthy (an `unknown` one follows the table as found).
    public var healthy: Bool
    public var maintenance: Bool
    /// How its health is decided: a check's kind, `always-up`, `as-found` or `sorry`.
    public var source: String
    /// Its check, when it has one.
    public var target: ProbeTarget?
    /// How long it has been in its state, when a check decides it.
    public var since: Duration?

    public init(
        service: ServiceID, server: RealServerID, scheduler: String, forwarding: ForwardingMethod,
        configuredWeight: UInt32, wantedWeight: UInt32?, health: Health,
        healthy: Bool, maintenance: Bool, source: String, target: ProbeTarget? = nil, since: Duration? = nil,
        name: String? = nil
    ) {
        self.service = service
        self.name = name
        self.server = server
        self.scheduler = scheduler
        self.forwarding = forwarding
        self.configuredWeight = configuredWeight
        self.wantedWeight = wantedWeight
        self.health = health
        self.healthy = healthy
        self.maintenance = maintenance
        self.source = source
        self.target = target
        self.since = since
    }
}

/// One configured check with its state and record.
public struct CheckView: Hashable, Sendable {
    public var target: ProbeTarget
    public var state: HealthState
    public var record: CheckRecord

    public init(target: ProbeTarget, state: HealthState, record: CheckRecord) {
        self.target = target
        self.state = state
        self.record = record
    }
}
