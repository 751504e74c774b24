import IPVSKit

/// Plays planned requests on a table value, the way the planner means them, to check the
/// planner's algebra (a plan reaches its target, an inverse comes back, no prefix takes
/// capacity away). It knows no kernel rule beyond that, and is never a stand-in for one.
public enum PlanSimulation {
    /// `requests` applied in order to `start`; a real server is added first in its list,
    /// as the kernel lists the newest first.
    public static func applied(_ requests: [IPVSRequest], to start: IPVSTable) -> IPVSTable {
        var table = start
        for request in requests { apply(request, to: &table) }
        return table
    }

    public static func apply(_ request: IPVSRequest, to table: inout IPVSTable) {
        func index(_ id: ServiceID) -> Int? { table.services.firstIndex { $0.service.id == id } }
        switch request {
        case .addService(let s): table.services.append(TableService(s))
        case .editService(let s): if let i = index(s.id) { table.services[i].service = s }
        case .deleteService(let id): table.services.removeAll { $0.service.id == id }
        case .addRealServer(let r, let id): if let i = index(id) { table.services[i].realServers.insert(r, at: 0) }
        case .editRealServer(let r, let id):
            if let i = index(id), let j = table.services[i].realServers.firstIndex(where: { $0.id == r.id }) {
                table.services[i].realServers[j] = r
            }
        case .deleteRealServer(let r, let id):
            if let i = index(id) { table.services[i].realServers.removeAll { $0.id == r } }
        case .setTimeouts(let t): table.timeouts = t.applied(to: table.timeouts ?? t)
        case .startDaemon(let d): table.daemons = (table.daemons ?? []) + [d]
        case .stopDaemon(let s): table.daemons?.removeAll { $0.state == s }
        case .flush, .zero: break
        }
    }

    /// A table as a sorted list of lines: the kernel's order is not configuration.
    public static func normalised(_ table: IPVSTable) -> [String] {
        table.services.flatMap { s in
            [
                "\(s.service.id) \(s.service.scheduler) \(s.service.flags.subtracting(.hashed).rawValue) \(s.service.timeout)"
            ]
                + s.realServers.map { "\(s.service.id) -> \($0)" }
        }.sorted()
    }

    /// The real servers of each service that can take new connections (weight above 0).
    public static func usableServers(_ table: IPVSTable) -> [ServiceID: Int] {
        var counts: [ServiceID: Int] = [:]
        for entry in table.services {
            counts[entry.service.id] = entry.realServers.filter { $0.weight > 0 }.count
        }
        return counts
    }

    /// The first way in which playing `plan` from `start` breaks before it makes, or nil:
    /// at every prefix, a service present at both ends is present and has at least
    /// min(usable at start, usable at the end) usable real servers; a service of the end
    /// table, once present, stays; and the whole plan ends exactly at `end`.
    public static func firstBreak(from start: IPVSTable, plan: [IPVSRequest], to end: IPVSTable) -> String? {
        let before = usableServers(start)
        let after = usableServers(end)
        let floors = before.compactMap { id, count in after[id].map { (id, min(count, $0)) } }
        let wanted = Set(after.keys)
        var arrived = Set(before.keys).intersection(wanted)
        var table = start
        for (step, request) in plan.enumerated() {
            apply(request, to: &table)
            let now = usableServers(table)
            for (id, floor) in floors where (now[id] ?? -1) < floor {
                return "after request \(step) (\(request)): \(id) has \(now[id].map(String.init) ?? "no service"), "
                    + "fewer than \(floor) usable real servers"
            }
            for id in arrived where now[id] == nil {
                return "after request \(step) (\(request)): \(id) of the end table is gone again"
            }
            arrived.formUnion(wanted.intersection(now.keys))
        }
        guard normalised(table) == normalised(end) else { return "the plan does not end at the end table" }
        return nil
    }
}
