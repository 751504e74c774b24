import IPVSKit
import IPVSTesting
import Testing

/// Make before break, over seeded random pairs of tables: at every prefix of a plan, and
/// of the plan that undoes part of it, no service present at both ends has fewer usable
/// real servers than at either end, and no service of the target, once there, goes away.
@Suite struct MakeBeforeBreakTests {
    /// Half the pairs are a reload's edit of the first table (most services kept), half
    /// two unrelated tables (most services replaced).
    static func pair(seed: UInt64) -> (IPVSTable, IPVSTable) {
        var random = SeededRandom(state: 0x9E37_79B9_7F4A_7C15 &* (seed + 1))
        let live = RandomTables.table(&random, services: Int.random(in: 1...40, using: &random))
        let desired =
            seed % 2 == 0
            ? RandomTables.edited(live, &random)
            : RandomTables.table(&random, services: Int.random(in: 1...40, using: &random))
        return (live, desired)
    }

    @Test(arguments: 0..<300)
    func everyPrefixOfAPlanKeepsCapacity(seed: UInt64) {
        let (live, desired) = Self.pair(seed: seed)
        let plan = TablePlanner.plan(from: live, to: desired)
        #expect(PlanSimulation.firstBreak(from: live, plan: plan, to: desired) == nil, "seed \(seed)")
    }

    /// After a batch cut short, or one with refused writes, the writes that succeeded are
    /// undone newest first; that plan must not break either.
    @Test(arguments: 0..<300)
    func everyPrefixOfAnUndoKeepsCapacity(seed: UInt64) {
        let (live, desired) = Self.pair(seed: seed)
        let plan = TablePlanner.plan(from: live, to: desired)
        var random = SeededRandom(state: seed &+ 77)
        let cut = Int.random(in: 0...plan.count, using: &random)
        // Edits and additions of real servers may be refused on their own (a bad
        // scheduler, a full table); whatever else came before the cut succeeded.
        let succeeded = plan.prefix(cut).filter { request in
            switch request {
            case .editService, .editRealServer, .addRealServer: Int.random(in: 0..<5, using: &random) != 0
            default: true
            }
        }
        let reached = PlanSimulation.applied(Array(succeeded), to: live)
        let undo = TablePlanner.inverse(of: Array(succeeded), live: live)
        #expect(PlanSimulation.firstBreak(from: reached, plan: undo, to: live) == nil, "seed \(seed), cut \(cut)")
    }

    /// The invariant check itself catches a plan that removes before it adds.
    @Test func aRemoveBeforeAddPlanIsCaught() {
        let service = RandomTables.service(port: 80)
        let live = IPVSTable(services: [TableService(service, realServers: [RandomTables.server(1)])])
        let desired = IPVSTable(services: [TableService(service, realServers: [RandomTables.server(2)])])
        let breaking: [IPVSRequest] = [
            .deleteRealServer(RandomTables.server(1).id, service: service.id),
            .addRealServer(RandomTables.server(2), service: service.id),
        ]
        #expect(PlanSimulation.firstBreak(from: live, plan: breaking, to: desired) != nil)
        #expect(PlanSimulation.firstBreak(from: live, plan: breaking.reversed(), to: desired) == nil)
        #expect(TablePlanner.plan(from: live, to: desired) == breaking.reversed())
    }
}
