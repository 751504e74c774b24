import IPVSKit
import LVSCommandLine
import LVSHealth

extension Director {
    /// The director now: the kernel's table read afresh with its counters (a table that
    /// changes during the read is read again, as `lvsadm -L` does), and lvsadmd's view of
    /// each managed real server. nil when the kernel cannot be read (logged).
    public func view() -> DirectorView? {
        var listed: [ListedService] = []
        let info: IPVSInfo
        do {
            info = try client.info()
            _ = try client.consistentListing {
                $0
            } restart: {
                listed.removeAll()
            } each: { entry, servers in
                listed.append(ListedService(entry, realServers: servers))
            }
        } catch {
            logger.error("reading the IPVS table: \(KernelMessages.describe(error))")
            counters.failedReads &+= 1
            counters.lastReadSucceeded = false
            return nil
        }
        counters.lastReadSucceeded = true
        let clock = now()
        let checks = targets.targets.map { target in
            CheckView(
                target: target, state: health[target]?.state ?? .unknown, record: checkRecords[target] ?? CheckRecord())
        }
        return DirectorView(
            info: info, listed: listed, managed: managedViews(at: clock), checks: checks, counters: counters,
            events: events, at: clock, names: names)
    }

    /// The configured names, by service.
    var names: [ServiceID: String] {
        var names: [ServiceID: String] = [:]
        for managed in configuration.services {
            if let name = managed.name { names[managed.service.id] = name }
        }
        return names
    }

    func managedViews(at clock: HealthInstant) -> [ManagedServerView] {
        let judge = ServerHealth(health: health, asFound: asFound)
        let desired = DesiredTable.services(
            for: configuration, health: health, maintenance: maintenance, asFound: asFound)
        var views: [ManagedServerView] = []
        for (managed, wanted) in zip(configuration.services, desired) {
            let service = managed.service.id
            for entry in managed.servers {
                let id = entry.server.id
                let healthy = judge.isHealthy(entry, of: service)
                var view = ManagedServerView(
                    service: service, server: id, scheduler: managed.service.scheduler,
                    forwarding: entry.server.forwarding, configuredWeight: entry.server.weight,
                    wantedWeight: wanted.realServers.first { $0.id == id }?.weight,
                    health: healthy ? .up : .down, healthy: healthy,
                    maintenance: maintenance.covers(id, of: service), source: "always-up", name: managed.name)
                switch entry.health {
                case .alwaysUp: break
                case .asFound: view.source = "as-found"
                case .probe(let target):
                    let current = health[target]
                    view.health = ManagedServerView.Health(rawValue: (current?.state ?? .unknown).rawValue) ?? .unknown
                    view.source = target.kind.name
                    view.target = target
                    view.since = current.map { clock - $0.since }
                }
                views.append(view)
            }
            if let sorry = managed.sorry {
                let id = sorry.server.id
                views.append(
                    ManagedServerView(
                        service: service, server: id, scheduler: managed.service.scheduler,
                        forwarding: sorry.server.forwarding, configuredWeight: sorry.server.weight,
                        wantedWeight: wanted.realServers.first { $0.id == id }?.weight, health: .sorry,
                        healthy: true, maintenance: false, source: "sorry", name: managed.name))
            }
        }
        return views
    }
}
