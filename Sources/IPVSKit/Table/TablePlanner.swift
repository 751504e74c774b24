/// The smallest list of requests that turns one table into another, and the list that
/// undoes part of it.
///
/// Order: whole services removed, then real servers removed, then services added or
/// edited, then real servers added or edited, then timeouts, then daemons. Removals go
/// first so that nothing is added next to something about to go; a service is edited in
/// place (`IPVS_CMD_SET_SERVICE`) and a real server too (`IPVS_CMD_SET_DEST`), so their
/// connections and counters survive. A real server of a service that is removed is not
/// removed on its own: the service takes it along.
public enum TablePlanner {
    /// Built in one array, a kind of request per pass: a plan onto an empty table holds
    /// every real server of the desired state, and concatenating per-kind arrays held it
    /// twice.
    ///
    /// Each desired service's live position is looked up once: hashing service ids in
    /// every pass showed in apply's profile.
    public static func plan(from live: IPVSTable, to desired: IPVSTable) -> [IPVSRequest] {
        let liveByID = IndexedTable(live)
        let positions = desired.services.map { liveByID.position(of: $0.service.id) }
        var plan: [IPVSRequest] = []

        // A live service no desired one matched goes. A kernel table has no id twice; a
        // table that has is judged by id, as the index cannot say which copy matched.
        var matched = [Bool](repeating: false, count: live.services.count)
        for case let position? in positions { matched[position] = true }
        let desiredIDs = liveByID.hasRepeatedIDs ? Set(desired.services.map(\.service.id)) : nil
        for (index, current) in live.services.enumerated() {
            let wanted = desiredIDs.map { $0.contains(current.service.id) } ?? matched[index]
            if !wanted { plan.append(.deleteService(current.service.id)) }
        }
        for (wanted, position) in zip(desired.services, positions) {
            guard let position else { continue }
            let current = live.services[position]
            let wantedServers = ServerLookup(wanted.realServers)
            for server in current.realServers where wantedServers.find(server.id) == nil {
                plan.append(.deleteRealServer(server.id, service: current.service.id))
            }
        }
        var newServers = 0
        for (wanted, position) in zip(desired.services, positions) {
            if let position {
                if !wanted.service.hasSameSettings(as: live.services[position].service) {
                    plan.append(.editService(wanted.service))
                }
            } else {
                plan.append(.addService(wanted.service))
                newServers += wanted.realServers.count
            }
        }
        // Room for the adds (kept services' changes are usually few), and for the few
        // timeout and daemon requests that end the plan.
        plan.reserveCapacity(plan.count + newServers + 8)
        for (wanted, position) in zip(desired.services, positions) {
            let id = wanted.service.id
            guard let position else {
                for server in wanted.realServers { plan.append(.addRealServer(server, service: id)) }
                continue
            }
            let liveServers = ServerLookup(live.services[position].realServers)
            for server in wanted.realServers {
                if let existing = liveServers.find(server.id) {
                    if !server.hasSameSettings(as: existing) { plan.append(.editRealServer(server, service: id)) }
                } else {
                    plan.append(.addRealServer(server, service: id))
                }
            }
        }
        plan += timeoutChanges(from: live.timeouts, to: desired.timeouts)
        plan += daemonChanges(from: live.daemons ?? [], to: desired.daemons)
        return plan
    }

    static func timeoutChanges(from live: Timeouts?, to desired: Timeouts?) -> [IPVSRequest] {
        guard let desired else { return [] }
        guard let live else { return [.setTimeouts(desired)] }
        return desired.applied(to: live) == live ? [] : [.setTimeouts(desired)]
    }

    /// A daemon that differs is stopped and started again: the kernel cannot edit one.
    static func daemonChanges(from live: [SyncDaemon], to desired: [SyncDaemon]?) -> [IPVSRequest] {
        guard let desired else { return [] }
        var changes: [IPVSRequest] = []
        for wanted in desired {
            if let current = live.first(where: { $0.state == wanted.state }) {
                if wanted.isSatisfied(by: current) { continue }
                changes.append(.stopDaemon(wanted.state))
            }
            changes.append(.startDaemon(wanted))
        }
        return changes
    }

    /// The requests that undo `applied` (requests of a plan from `live` that the kernel
    /// carried out), newest first, using `live` for what a removal or edit destroyed. A
    /// removed service comes back with its real servers, added oldest first so that the
    /// kernel lists them in the same order as before.
    public static func inverse(of applied: [IPVSRequest], live: IPVSTable) -> [IPVSRequest] {
        let indexed = IndexedTable(live)
        return applied.reversed().flatMap { undo($0, live: indexed) }
    }

    static func undo(_ request: IPVSRequest, live: IndexedTable) -> [IPVSRequest] {
        switch request {
        case .addService(let service):
            return [.deleteService(service.id)]
        case .editService(let service):
            return live.service(service.id).map { [.editService($0.service)] } ?? []
        case .deleteService(let id):
            guard let old = live.service(id) else { return [] }
            return [.addService(old.service)] + old.realServers.reversed().map { .addRealServer($0, service: id) }
        case .addRealServer(let server, let service):
            return [.deleteRealServer(server.id, service: service)]
        case .editRealServer(let server, let service):
            return live.realServer(server.id, of: service).map { [.editRealServer($0, service: service)] } ?? []
        case .deleteRealServer(let id, let service):
            return live.realServer(id, of: service).map { [.addRealServer($0, service: service)] } ?? []
        case .setTimeouts:
            return live.table.timeouts.map { [.setTimeouts($0)] } ?? []
        case .startDaemon(let daemon):
            return [.stopDaemon(daemon.state)]
        case .stopDaemon(let state):
            // A plan stops a daemon only to start it again differently; undone newest
            // first, the new one is stopped before the old one starts again.
            return live.table.daemons?.first { $0.state == state }.map { [.startDaemon($0)] } ?? []
        case .flush, .zero:
            return []
        }
    }
}
