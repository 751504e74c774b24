import IPVSKit
import LVSCommandLine
import LVSConfig
import LVSHealth
import Logging

/// lvsadmd's state and every decision that writes the table. It is driven by one loop
/// (`DaemonService`), one event at a time, so it needs no lock and a test drives it by
/// calling its methods in order.
///
/// Every write is planned the same way: read the kernel's table afresh, compute
/// `DesiredTable.merged` from configuration, health and maintenance, and send
/// `TablePlanner`'s plan (make before break) in one batch. Nothing lvsadmd wants is
/// remembered between writes, so drift, a health change, a reload and a drain all go down
/// one path, and services lvsadmd does not manage are never written.
public final class Director {
    public private(set) var configuration: HealthConfiguration
    public private(set) var targets: ProbeTargets
    public private(set) var health: HealthStates
    public internal(set) var maintenance = Maintenance()
    /// Each service as read at start or at the last reload that changed it: what a server
    /// whose health is not decided yet follows (see `ServerHealth`).
    private(set) var asFound = IPVSTable()
    /// Managed before a reload and no longer configured: the next write removes them.
    private(set) var retired: Set<ServiceID> = []
    /// Health changed since the last write: the loop calls `reconcile` (once per burst).
    public private(set) var hasPendingChanges = false
    /// Health changed since the state file was last saved: saved with the burst's write.
    var stateUnsaved = false
    /// What each check's runs have done, and lvsadmd's own activity: for /metrics.
    public internal(set) var checkRecords = CheckRecords()
    public internal(set) var counters = DaemonCounters()
    public internal(set) var events = EventLog()

    let client: any IPVSClient
    let stateFile: StateFile?
    let logger: Logger
    let now: () -> HealthInstant
    let onTransition: (HealthTransition, [TargetUser]) -> Void

    public init(
        configuration: HealthConfiguration, client: any IPVSClient, stateFile: StateFile?, logger: Logger,
        now: @escaping () -> HealthInstant,
        onTransition: @escaping (HealthTransition, [TargetUser]) -> Void = { _, _ in }
    ) {
        self.configuration = configuration
        self.targets = ProbeTargets(configuration)
        self.health = HealthStates(targets: [], at: now())
        self.client = client
        self.stateFile = stateFile
        self.logger = logger
        self.now = now
        self.onTransition = onTransition
    }

    // MARK: Start and stop

    /// Keeps the table as found (no flush): the health of each server follows the state
    /// file, then its check's `initial` setting; the difference alone is written, so a
    /// restart on a healthy director writes nothing. Throws when the kernel cannot be read.
    @discardableResult
    public func start() throws -> TableWrite? {
        let live = try client.consistentTable()
        asFound = live
        let saved = loadState()
        health = saved.states(for: targets.targets, at: now())
        maintenance = saved.maintenance
        logger.notice(
            "started: \(counted(configuration.services.count, "service")), \(counted(targets.targets.count, "check")); found \(counted(live.services.count, "service")) in the kernel"
        )
        return write(from: live, cause: .start)
    }

    /// Leaves the table as it is, but for the services configured with `removeOnStop`.
    @discardableResult
    public func stop() -> TableWrite? {
        saveState()
        guard configuration.services.contains(where: \.removeOnStop) else { return nil }
        guard let live = readTable() else { return nil }
        let plan = TablePlanner.plan(from: live, to: DesiredTable.afterStop(configuration, live: live))
        return send(plan, cause: .stop)
    }

    // MARK: Health

    /// Takes one probe result; logs and announces the transition it completes. The write
    /// waits for `reconcile`, so that a burst of results makes one plan.
    public func record(_ result: ProbeResult) {
        if health[result.target] != nil { checkRecords.record(result) }
        guard let transition = health.record(result.outcome, for: result.target, at: result.at) else { return }
        let users = targets.users(of: transition.target)
        for line in TransitionLog.lines(for: transition, users: users) { logger.notice("\(line)") }
        onTransition(transition, users)
        counters.transitions &+= 1
        events.append(transition, users: users)
        hasPendingChanges = true
        // Saved with the write the burst makes, not here: a save writes every target's
        // state, and thousands of transitions in a burst would each rewrite the whole file.
        stateUnsaved = true
    }

    /// Writes what the table lacks, from a fresh read: the health changes recorded since
    /// the last write, and any drift in the managed services.
    @discardableResult
    public func reconcile(cause: WriteCause) -> TableWrite? {
        hasPendingChanges = false
        if stateUnsaved { saveState() }
        guard let live = readTable() else { return nil }
        return write(from: live, cause: cause)
    }

    // MARK: Reload

    /// Takes a new configuration: a check that is unchanged keeps its state (no transition,
    /// no write), a new one starts from its `initial` setting, and a service no longer
    /// configured is removed from the kernel. Returns nil (and changes nothing) when the
    /// kernel cannot be read. A configuration equal to the running one changes nothing and
    /// reads nothing: what the kernel may have drifted to is the drift check's.
    ///
    /// Only the services the reload changes (configured differently, added or dropped) are
    /// read and written: every other service keeps its configuration and the state of each
    /// of its checks, so what it should be is as before, and at 10,000 services a change to
    /// one reads one, not the whole table.
    @discardableResult
    public func reload(_ next: HealthConfiguration) -> TableWrite? {
        if next == configuration {
            logger.notice(
                "reloaded: \(counted(next.services.count, "service")), \(counted(targets.targets.count, "check")), unchanged"
            )
            return nil
        }
        let dropped = configuration.serviceIDs.subtracting(next.serviceIDs)
        let changed = Self.changedServices(from: configuration, to: next)
        let scope = changed.union(dropped).union(retired)
        guard let live = readServices(Self.ordered(scope, as: next, configuration)) else { return nil }
        retired = retired.union(dropped).subtracting(next.serviceIDs)
        configuration = next
        let nextTargets = ProbeTargets(next)
        let checksChanged = nextTargets.targets != targets.targets
        targets = nextTargets
        if checksChanged {
            health = health.carried(to: targets.targets, at: now())
            checkRecords.keep(only: targets.targets)
        }
        counters.reloads &+= 1
        asFound = IPVSTable(services: asFound.services.filter { !scope.contains($0.service.id) } + live.services)
        let retiredText = dropped.map(ServiceText.options).sorted().joined(separator: ", ")
        logger.notice(
            "reloaded: \(counted(next.services.count, "service")), \(counted(targets.targets.count, "check"))\(dropped.isEmpty ? "" : "; no longer managed: " + retiredText)"
        )
        // The file holds each check's state: the same checks, the same states, the same file.
        if checksChanged { saveState() }
        return write(from: live, cause: .reload, only: scope)
    }

    /// The services of `next` configured differently from, or not in, `running`.
    static func changedServices(from running: HealthConfiguration, to next: HealthConfiguration) -> Set<ServiceID> {
        var before: [ServiceID: ManagedService] = [:]
        for managed in running.services where before[managed.service.id] == nil {
            before[managed.service.id] = managed
        }
        var changed: Set<ServiceID> = []
        for managed in next.services where before[managed.service.id] != managed {
            changed.insert(managed.service.id)
        }
        return changed
    }

    // MARK: Writing

    func readTable() -> IPVSTable? { reading { try client.consistentTable() } }

    /// `scope` in the order the configurations list them, then any others by their text: a
    /// set has no order, and the plan should not differ from one run to the next.
    static func ordered(_ scope: Set<ServiceID>, as configurations: HealthConfiguration...) -> [ServiceID] {
        var ids: [ServiceID] = []
        var seen: Set<ServiceID> = []
        for configuration in configurations {
            for managed in configuration.services where scope.contains(managed.service.id) {
                if seen.insert(managed.service.id).inserted { ids.append(managed.service.id) }
            }
        }
        return ids + scope.subtracting(seen).sorted { "\($0)" < "\($1)" }
    }

    /// Reads only the services named (see `reload`).
    func readServices(_ ids: [ServiceID]) -> IPVSTable? { reading { try client.consistentServices(ids) } }

    /// A read of the kernel, counted for /metrics; a failure is logged and gives nil.
    private func reading(_ read: () throws -> IPVSTable) -> IPVSTable? {
        do {
            let table = try read()
            counters.lastReadSucceeded = true
            return table
        } catch {
            logger.error("reading the IPVS table: \(KernelMessages.describe(error))")
            counters.failedReads &+= 1
            counters.lastReadSucceeded = false
            return nil
        }
    }

    /// Plans from `live` to what lvsadmd wants. With `scope`, `live` holds only those
    /// services (as read at a reload) and only they are planned.
    private func write(from live: IPVSTable, cause: WriteCause, only scope: Set<ServiceID>? = nil) -> TableWrite? {
        let desired: [TableService]
        if let scope {
            let scoped = HealthConfiguration(services: configuration.services.filter { scope.contains($0.service.id) })
            desired = DesiredTable.services(for: scoped, health: health, maintenance: maintenance, asFound: live)
        } else {
            desired = DesiredTable.services(
                for: configuration, health: health, maintenance: maintenance, asFound: asFound)
        }
        let plan = TablePlanner.plan(from: live, to: DesiredTable.merged(desired, into: live, retired: retired))
        let write = send(plan, cause: cause)
        // A retired service is forgotten once a write went through whole (or none was due):
        // one added back by hand later is someone else's.
        if write.map({ $0.failures == 0 }) ?? true { retired = [] }
        return write
    }

    private func send(_ plan: [IPVSRequest], cause: WriteCause) -> TableWrite? {
        guard !plan.isEmpty else { return nil }
        do {
            let write = try TableWrite.send(plan, cause: cause, client: client, logger: logger)
            counters.tableWrites &+= 1
            counters.refusedRequests &+= UInt64(write.failures)
            return write
        } catch {
            logger.error("writing the IPVS table: \(KernelMessages.describe(error))")
            return nil
        }
    }
}
