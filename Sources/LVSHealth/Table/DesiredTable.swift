import IPVSKit

/// The table lvsadmd wants, computed afresh from configuration, health, maintenance and
/// the table as found; never remembered. The reconciler plans from a fresh read of the
/// kernel to `merged(...)`, so drift in what lvsadmd manages is repaired by the same path
/// as a health change, and nothing else is ever written.
public enum DesiredTable {
    /// The managed services as they should be, in configuration order. For each real
    /// server, in this order of precedence:
    /// 1. in maintenance: weight 0, whatever its health (an operator drain wins);
    /// 2. healthy: its configured weight;
    /// 3. unhealthy: weight 0 (`quiesce`), or left out (`remove`).
    /// The sorry server is in the service, after the real servers, while fewer than its
    /// quorum of real servers are healthy and not in maintenance.
    public static func services(
        for configuration: HealthConfiguration, health: HealthStates, maintenance: Maintenance, asFound: IPVSTable
    ) -> [TableService] {
        let judge = ServerHealth(health: health, asFound: asFound)
        return configuration.services.map { service(for: $0, judge: judge, maintenance: maintenance) }
    }

    static func service(for managed: ManagedService, judge: ServerHealth, maintenance: Maintenance) -> TableService {
        let id = managed.service.id
        var servers: [RealServer] = []
        servers.reserveCapacity(managed.servers.count + 1)
        var healthy = 0
        for entry in managed.servers {
            var server = entry.server
            if maintenance.covers(server.id, of: id) {
                server.weight = 0
            } else if judge.isHealthy(entry, of: id) {
                healthy += 1
            } else if managed.onFailure == .quiesce {
                server.weight = 0
            } else {
                continue
            }
            servers.append(server)
        }
        if let sorry = managed.sorry, healthy < sorry.quorum {
            servers.append(sorry.server)
        }
        return TableService(managed.service, realServers: servers)
    }

    /// `live` with each managed service replaced by its desired form (in place, so the
    /// listing order stays), desired services not yet in the kernel appended, services in
    /// `retired` (managed before a reload, no longer configured) left out, and every other
    /// service exactly as it is. Timeouts and daemons are nil: lvsadmd leaves them alone.
    /// `TablePlanner.plan(from: live, to: merged)` therefore writes only managed services.
    public static func merged(_ managed: [TableService], into live: IPVSTable, retired: Set<ServiceID> = [])
        -> IPVSTable
    {
        var wanted: [ServiceID: TableService] = [:]
        for service in managed { wanted[service.service.id] = service }
        var services: [TableService] = []
        services.reserveCapacity(live.services.count + managed.count)
        var placed: Set<ServiceID> = []
        for current in live.services {
            let id = current.service.id
            if let desired = wanted[id] {
                if placed.insert(id).inserted { services.append(desired) }
            } else if !retired.contains(id) {
                services.append(current)
            }
        }
        for service in managed where placed.insert(service.service.id).inserted {
            services.append(service)
        }
        return IPVSTable(services: services)
    }

    /// The table after lvsadmd stops: the services configured with `removeOnStop` gone,
    /// everything else as it is.
    public static func afterStop(_ configuration: HealthConfiguration, live: IPVSTable) -> IPVSTable {
        let removed = Set(configuration.services.filter(\.removeOnStop).map(\.service.id))
        return merged([], into: live, retired: removed)
    }
}
