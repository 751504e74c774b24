/// The smallest list of requests that turns one table into another, and the list that
/// undoes part of it.
///
/// Make before break: every request that adds capacity comes before any that takes it
/// away, so a service never has fewer usable real servers at any point of the plan than
/// it has before or after it, and a plan cut short anywhere (a killed apply, a refused
/// write) leaves no service emptier than either end. In order:
/// 1. for each desired service in turn: added with its real servers, or edited in place
///    (`IPVS_CMD_SET_SERVICE`), then its new real servers and the edits of its real
///    servers that do not lower a weight (`IPVS_CMD_SET_DEST`);
/// 2. the edits that lower a weight;
/// 3. the real servers removed from services that stay;
/// 4. the services removed (each takes its real servers along);
/// 5. timeouts, then daemons.
/// Editing in place keeps connections and counters. The inverse of a prefix is the same
/// shape: it undoes removals first and additions last.
public enum TablePlanner {
    /// Built in one array: a plan onto an empty table holds every real server of the
    /// desired state, and concatenating per-kind arrays would hold it twice. The
    /// removals, usually few, wait in their own arrays.
    public static func plan(from live: IPVSTable, to desired: IPVSTable) -> [IPVSRequest] {
        let liveByID = IndexedTable(live)
        var plan: [IPVSRequest] = []
        var lowered: [IPVSRequest] = []
        var removedServers: [IPVSRequest] = []
        var matched = [Bool](repeating: false, count: live.services.count)
        // Each desired service's live position is looked up once, and the plan sized for
        // what the new services bring (kept services' changes are usually few).
        let positions = desired.services.map { liveByID.position(of: $0.service.id) }
        var added = 8
        for (wanted, position) in zip(desired.services, positions) where position == nil {
            added += 1 + wanted.realServers.count
        }
        plan.reserveCapacity(added)
        for (wanted, position) in zip(desired.services, positions) {
            let id = wanted.service.id
            guard let position else {
                plan.append(.addService(wanted.service))
                for server in wanted.realServers { plan.append(.addRealServer(server, service: id)) }
                continue
            }
            matched[position] = true
            let current = live.services[position]
            if !wanted.service.hasSameSettings(as: current.service) { plan.append(.editService(wanted.service)) }
            let liveServers = ServerLookup(current.realServers)
            for server in wanted.realServers {
                guard let existing = liveServers.find(server.id) else {
                    plan.append(.addRealServer(server, service: id))
                    continue
                }
                if server.hasSameSettings(as: existing) { continue }
                if server.weight < existing.weight {
                    lowered.append(.editRealServer(server, service: id))
                } else {
                    plan.append(.editRealServer(server, service: id))
                }
            }
            let wantedServers = ServerLookup(wanted.realServers)
            for server in current.realServers where wantedServers.find(server.id) == nil {
                removedServers.append(.deleteRealServer(server.id, service: id))
            }
        }
        plan += lowered
        plan += removedServers
        // A live service no desired one matched goes. A kernel table has no id twice; a
        // table that has is judged by id, as the index cannot say which copy matched.
        let desiredIDs = liveByID.hasRepeatedIDs ? Set(desired.services.map(\.service.id)) : nil
        for (index, current) in live.services.enumerated() {
            let wanted = desiredIDs.map { $0.contains(current.service.id) } ?? matched[index]
            if !wanted { plan.append(.deleteService(current.service.id)) }
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
