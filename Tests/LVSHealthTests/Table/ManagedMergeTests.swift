import IPVSKit
import LVSHealth
import Testing

@Suite struct ManagedMergeTests {
    let unmanaged = TableService(
        VirtualService(id: tcp(v4(198, 51, 100, 1), 443), scheduler: "rr"),
        realServers: [RealServer(address: v4(10, 9, 9, 9), port: 443, weight: 7)])
    let timeouts = Timeouts(tcp: 900, tcpFin: 120, udp: 300)

    func live(_ managed: TableService) -> IPVSTable {
        IPVSTable(services: [unmanaged, managed], timeouts: timeouts)
    }

    @Test func onlyManagedServicesAreWritten() {
        let farm = Farm()
        // Live: every server at full weight; desired: the second one failed.
        let before = farm.desired(up: [0, 1, 2])!
        let after = farm.desired(up: [0, 2])!
        let merged = DesiredTable.merged([after], into: live(before))
        #expect(merged.services.first == unmanaged)
        #expect(merged.timeouts == nil && merged.daemons == nil)
        let plan = TablePlanner.plan(from: live(before), to: merged)
        #expect(plan.count == 1)
        for request in plan {
            switch request.subject {
            case .service(let id)?, .realServer(_, let id)?: #expect(id == Farm.vip)
            default: Issue.record("unexpected request \(request)")
            }
        }
    }

    @Test func aHealthyDirectorRestartedWritesNothing() {
        let farm = Farm(initial: .asFound)
        let found = live(farm.desired(up: [0, 1])!)
        let health = HealthStates(targets: farm.targets(), at: .origin)
        let desired = DesiredTable.services(
            for: farm.configuration(), health: health, maintenance: Maintenance(), asFound: found)
        #expect(TablePlanner.plan(from: found, to: DesiredTable.merged(desired, into: found)).isEmpty)
    }

    @Test func driftInAManagedServiceIsRepairedAndHandAddedServersGo() {
        let farm = Farm()
        var drifted = farm.desired(up: [0, 1, 2])!
        drifted.realServers.removeFirst()
        drifted.realServers.append(
            RealServer(address: v4(192, 168, 10, 99), port: 8080, forwarding: .masquerade, weight: 1))
        let desired = farm.desired(up: [0, 1, 2])!
        let plan = TablePlanner.plan(from: live(drifted), to: DesiredTable.merged([desired], into: live(drifted)))
        #expect(plan.count == 2)
        #expect(plan.contains(.addRealServer(desired.realServers[0], service: Farm.vip)))
        #expect(
            plan.contains(.deleteRealServer(RealServerID(address: v4(192, 168, 10, 99), port: 8080), service: Farm.vip))
        )
    }

    @Test func newServicesAreAddedAndRetiredOnesRemoved() {
        let farm = Farm()
        let desired = farm.desired(up: [0])!
        let empty = IPVSTable(services: [unmanaged])
        let added = DesiredTable.merged([desired], into: empty)
        #expect(added.services == [unmanaged, desired])
        let retired = DesiredTable.merged([], into: live(desired), retired: [Farm.vip])
        #expect(TablePlanner.plan(from: live(desired), to: retired) == [.deleteService(Farm.vip)])
    }

    @Test func stopRemovesOnlyWhatIsConfiguredToGo() {
        var configuration = Farm().configuration()
        let table = live(Farm().desired(up: [0])!)
        #expect(DesiredTable.afterStop(configuration, live: table).services == table.services)
        configuration.services[0].removeOnStop = true
        #expect(DesiredTable.afterStop(configuration, live: table).services == [unmanaged])
    }
}
