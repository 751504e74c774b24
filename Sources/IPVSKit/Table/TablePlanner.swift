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
    public static func plan(from live: IPVSTable, to desired: IPVSTable) -> [IPVSRequest] {
        let liveByID = Dictionary(live.services.map { ($0.service.id, $0) }, uniquingKeysWith: { first, _ in first })
        let desiredIDs = Set(desired.services.map(\.service.id))
        var removals: [IPVSRequest] = []
        var serverRemovals: [IPVSRequest] = []
        var serviceChanges: [IPVSRequest] = []
        var serverChanges: [IPVSRequest] = []

        for current in live.services where !desiredIDs.contains(current.service.id) {
            removals.append(.deleteService(current.service.id))
        }
        for wanted in desired.services {
            let id = wanted.service.id
            guard let current = liveByID[id] else {
                serviceChanges.append(.addService(wanted.service))
                serverChanges += wanted.realServers.map { .addRealServer($0, service: id) }
                continue
            }
            if !wanted.service.hasSameSettings(as: current.service) {
                serviceChanges.append(.editService(wanted.service))
            }
            let liveServers = Dictionary(current.realServers.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let wantedIDs = Set(wanted.realServers.map(\.id))
            for server in current.realServers where !wantedIDs.contains(server.id) {
                serverRemovals.append(.deleteRealServer(server.id, service: id))
            }
            for server in wanted.realServers {
                if let existing = liveServers[server.id] {
                    if !server.hasSameSettings(as: existing) { serverChanges.append(.editRealServer(server, service: id)) }
                } else {
                    serverChanges.append(.addRealServer(server, service: id))
                }
            }
        }
        return removals + serverRemovals + serviceChanges + serverChanges
            + timeoutChanges(from: live.timeouts, to: desired.timeouts)
            + daemonChanges(from: live.daemons ?? [], to: desired.daemons)
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
        applied.reversed().flatMap { undo($0, live: live) }
    }

    static func undo(_ request: IPVSRequest, live: IPVSTable) -> [IPVSRequest] {
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
            return liveServer(server.id, of: service, in: live).map { [.editRealServer($0, service: service)] } ?? []
        case .deleteRealServer(let id, let service):
            return liveServer(id, of: service, in: live).map { [.addRealServer($0, service: service)] } ?? []
        case .setTimeouts:
            return live.timeouts.map { [.setTimeouts($0)] } ?? []
        case .startDaemon(let daemon):
            return [.stopDaemon(daemon.state)]
        case .stopDaemon(let state):
            // A plan stops a daemon only to start it again differently; undone newest
            // first, the new one is stopped before the old one starts again.
            return live.daemons?.first { $0.state == state }.map { [.startDaemon($0)] } ?? []
        case .flush, .zero:
            return []
        }
    }

    private static func liveServer(_ id: RealServerID, of service: ServiceID, in live: IPVSTable) -> RealServer? {
        live.service(service)?.realServers.first { $0.id == id }
    }
}
