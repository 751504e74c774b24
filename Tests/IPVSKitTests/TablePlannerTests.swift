import IPVSTesting
import Testing

@testable import IPVSKit

private func svc(_ port: UInt16, _ scheduler: String = "wlc") -> VirtualService {
    VirtualService(id: .address(.tcp, .v4(IPv4Address(10, 0, 0, 1)), port: port), scheduler: scheduler)
}

private func rs(_ last: UInt8, weight: UInt32 = 1, _ forwarding: ForwardingMethod = .masquerade) -> RealServer {
    RealServer(address: .v4(IPv4Address(192, 168, 0, last)), port: 80, forwarding: forwarding, weight: weight)
}

private func applied(_ requests: [IPVSRequest], to start: IPVSTable) -> IPVSTable {
    PlanSimulation.applied(requests, to: start)
}

private func normalised(_ table: IPVSTable) -> [String] { PlanSimulation.normalised(table) }

private func randomTable(_ random: inout SeededRandom, services: Int) -> IPVSTable {
    RandomTables.table(&random, services: services)
}

@Suite struct TablePlannerTests {
    @Test func identicalTablesNeedNoWrite() {
        var live = IPVSTable(services: [TableService(svc(80), realServers: [rs(1, .directRoute), rs(2)])])
        // What the kernel reports but nobody sets: `hashed`, and "local" for a -g server
        // on the director's own address; a non-persistent service's netmask.
        live.services[0].service.flags.insert(.hashed)
        live.services[0].service.netmask = .ipv4(IPv4Address(255, 255, 255, 0))
        live.services[0].realServers[0].forwarding = .local
        let desired = IPVSTable(services: [TableService(svc(80), realServers: [rs(2), rs(1, .directRoute)])])
        #expect(TablePlanner.plan(from: live, to: desired) == [])
    }

    @Test func schedulerAndWeightAreEditedInPlace() {
        let live = IPVSTable(services: [TableService(svc(80, "rr"), realServers: [rs(1, weight: 1)])])
        let desired = IPVSTable(services: [TableService(svc(80, "wlc"), realServers: [rs(1, weight: 5)])])
        #expect(
            TablePlanner.plan(from: live, to: desired) == [
                .editService(svc(80, "wlc")), .editRealServer(rs(1, weight: 5), service: svc(80).id),
            ])
    }

    @Test func additionsAndEditsFirstThenLoweredWeightsThenRemovals() {
        let live = IPVSTable(services: [
            TableService(svc(80), realServers: [rs(1), rs(2)]), TableService(svc(81), realServers: [rs(1)]),
        ])
        let desired = IPVSTable(services: [
            TableService(svc(80, "rr"), realServers: [rs(1, weight: 0), rs(3)]),
            TableService(svc(82), realServers: [rs(4), rs(5)]),
        ])
        #expect(
            TablePlanner.plan(from: live, to: desired) == [
                .editService(svc(80, "rr")),
                .addRealServer(rs(3), service: svc(80).id),
                .addService(svc(82)),
                .addRealServer(rs(4), service: svc(82).id),
                .addRealServer(rs(5), service: svc(82).id),
                .editRealServer(rs(1, weight: 0), service: svc(80).id),
                .deleteRealServer(rs(2).id, service: svc(80).id),
                .deleteService(svc(81).id),
            ])
    }

    @Test func persistenceTimeoutCountsOnlyWhenPersistent() {
        var a = svc(80)
        var b = svc(80)
        b.timeout = 300
        #expect(a.hasSameSettings(as: b))
        a.flags.insert(.persistent)
        b.flags.insert(.persistent)
        #expect(!a.hasSameSettings(as: b))
    }

    @Test func timeoutsZeroLeavesAValueAlone() {
        let live = IPVSTable(timeouts: Timeouts(tcp: 900, tcpFin: 120, udp: 300))
        #expect(TablePlanner.plan(from: live, to: IPVSTable(timeouts: Timeouts(tcp: 900, tcpFin: 0, udp: 0))) == [])
        let change = Timeouts(tcp: 0, tcpFin: 60, udp: 0)
        #expect(TablePlanner.plan(from: live, to: IPVSTable(timeouts: change)) == [.setTimeouts(change)])
        #expect(
            TablePlanner.inverse(of: [.setTimeouts(change)], live: live) == [
                .setTimeouts(Timeouts(tcp: 900, tcpFin: 120, udp: 300))
            ])
    }

    @Test func aChangedDaemonIsRestartedAndUndoneInOrder() {
        let old = SyncDaemon(state: .master, multicastInterface: "eth0", syncID: 1, maxLength: 1472)
        let new = SyncDaemon(state: .master, multicastInterface: "eth1", syncID: 1)
        let live = IPVSTable(daemons: [old])
        #expect(TablePlanner.plan(from: live, to: IPVSTable(daemons: [old])) == [])
        // Unset optional fields take the kernel's values.
        var loose = old
        loose.maxLength = nil
        #expect(TablePlanner.plan(from: live, to: IPVSTable(daemons: [loose])) == [])
        let plan = TablePlanner.plan(from: live, to: IPVSTable(daemons: [new]))
        #expect(plan == [.stopDaemon(.master), .startDaemon(new)])
        #expect(TablePlanner.inverse(of: plan, live: live) == [.stopDaemon(.master), .startDaemon(old)])
    }

    @Test func aRemovedServiceComesBackWithItsServersInKernelOrder() {
        // Kernel order is newest first: rs(2) was added after rs(1).
        let live = IPVSTable(services: [TableService(svc(80), realServers: [rs(2), rs(1, weight: 3)])])
        let undo = TablePlanner.inverse(of: [.deleteService(svc(80).id)], live: live)
        #expect(
            undo == [
                .addService(svc(80)), .addRealServer(rs(1, weight: 3), service: svc(80).id),
                .addRealServer(rs(2), service: svc(80).id),
            ])
        #expect(applied(undo, to: IPVSTable()) == live)
    }

    /// Past `ServerLookup.linearLimit` real servers the planner finds them by dictionary;
    /// the plan must be the same as with the linear search.
    @Test(arguments: [ServerLookup.linearLimit / 2, ServerLookup.linearLimit * 3])
    func aLongListOfRealServersIsMatchedByID(count: Int) {
        let servers = (1...count).map { rs(UInt8($0), weight: 2) }
        let live = IPVSTable(services: [TableService(svc(80), realServers: servers.reversed())])
        var wanted = servers
        wanted[3].weight = 7
        wanted.remove(at: 5)
        wanted.append(rs(250))
        let desired = IPVSTable(services: [TableService(svc(80), realServers: wanted)])
        #expect(
            TablePlanner.plan(from: live, to: desired) == [
                .editRealServer(wanted[3], service: svc(80).id),
                .addRealServer(rs(250), service: svc(80).id),
                .deleteRealServer(servers[5].id, service: svc(80).id),
            ])
        #expect(TablePlanner.plan(from: desired, to: desired) == [])
    }

    /// Not from a kernel, but planned as before: a service listed twice and wanted once
    /// is not removed; one listed twice and not wanted is removed for each listing.
    @Test func aServiceListedTwiceIsJudgedByItsID() {
        let live = IPVSTable(services: [
            TableService(svc(80)), TableService(svc(81)), TableService(svc(80)), TableService(svc(81)),
        ])
        let desired = IPVSTable(services: [TableService(svc(80))])
        #expect(TablePlanner.plan(from: live, to: desired) == [.deleteService(svc(81).id), .deleteService(svc(81).id)])
    }

    /// The index finds what the linear search finds, the first of two with one id included.
    @Test func anIndexedTableFindsWhatTheTableFinds() {
        var random = SeededRandom(state: 42)
        var table = randomTable(&random, services: 30)
        table.services.append(TableService(table.services[3].service, realServers: [rs(9)]))
        let indexed = IndexedTable(table)
        for port in UInt16(0)...61 {
            let id = svc(port).id
            #expect(indexed.service(id) == table.service(id))
            for last in UInt8(0)...9 {
                #expect(
                    indexed.realServer(rs(last).id, of: id)
                        == table.service(id)?.realServers.first { $0.id == rs(last).id })
            }
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func randomPlansReachTheTargetAndTheirInverseComesBack(seed: UInt64) {
        var random = SeededRandom(state: 0x9E37_79B9_7F4A_7C15 &* seed)
        let a = randomTable(&random, services: 40)
        let b = randomTable(&random, services: 40)
        let plan = TablePlanner.plan(from: a, to: b)
        let reached = applied(plan, to: a)
        #expect(normalised(reached) == normalised(b))
        #expect(TablePlanner.plan(from: reached, to: b) == [])
        #expect(TablePlanner.plan(from: b, to: b) == [])
        // Undoing any prefix (as after a failure midway) gives back exactly a.
        let cut = Int.random(in: 0...plan.count, using: &random)
        let done = Array(plan.prefix(cut))
        #expect(normalised(applied(TablePlanner.inverse(of: done, live: a), to: applied(done, to: a))) == normalised(a))
    }
}
