import IPVSKit
import IPVSTesting

/// The scripted client, stated a table; each write batch is played onto the stated table
/// (PlanSimulation, which knows the planner's requests and no kernel rule), so the next
/// read sees what lvsadmd wrote, as the kernel's would. `edit` is an operator's change by
/// hand.
final class KernelStandIn: @unchecked Sendable {
    let client = ScriptedIPVSClient()

    init(_ table: IPVSTable) {
        state(table)
        client.beforePerform = { [unowned self] _, requests in
            state(PlanSimulation.applied(requests, to: self.table))
        }
    }

    var table: IPVSTable {
        IPVSTable(
            services: client.servicesTable.map { entry in
                TableService(
                    entry.service, realServers: (client.realServersTable[entry.service.id] ?? []).map(\.server))
            })
    }

    var batches: [[IPVSRequest]] { client.batches }

    func edit(_ change: (inout IPVSTable) -> Void) {
        var next = table
        change(&next)
        state(next)
    }

    private func state(_ table: IPVSTable) {
        client.servicesTable = table.services.map { ServiceEntry(service: $0.service) }
        client.realServersTable = Dictionary(
            table.services.map { ($0.service.id, $0.realServers.map { RealServerEntry(server: $0) }) },
            uniquingKeysWith: { first, _ in first })
    }
}
