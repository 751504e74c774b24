import IPVSKit
import LVSDaemon
import LVSHealth
import Testing

/// `Director.view()`: the kernel's table read afresh with its counters, and lvsadmd's view
/// of each managed real server and check, as /metrics and the status page show them.
@Suite struct DirectorViewTests {
    @Test func aFailedServerIsDownAtWeightZeroWithItsFailuresCounted() throws {
        let bench = Bench(table: IPVSTable())
        let configuration = try config(webConfig)
        bench.kernel.edit { $0 = healthyTable(configuration) }
        try bench.director.start()
        bench.feed(pass, 2, to: 11)
        let refused = ProbeOutcome.failed(.connectionRefused)
        for _ in 0..<3 {
            bench.clock = bench.clock + .seconds(1)
            bench.director.record(
                ProbeResult(target: bench.target(12), outcome: refused, at: bench.clock, duration: .milliseconds(2)))
        }
        bench.director.reconcile(cause: .health)
        var statistics = Statistics()
        statistics.inBytes = UInt64.max
        bench.kernel.client.servicesTable[0].statistics = statistics

        let view = try #require(bench.director.view())
        #expect(view.listed.first { $0.entry.service.id == web }?.entry.statistics.inBytes == UInt64.max)
        #expect(view.listed.contains { $0.entry.service.id == unmanaged.service.id })
        let failed = try #require(view.managed(server(12), of: web))
        #expect(failed.health == .down)
        #expect(!failed.healthy)
        #expect(failed.wantedWeight == 0)
        #expect(failed.configuredWeight == 1)
        #expect(failed.source == "connect")
        #expect(view.managed(server(11), of: web)?.health == .up)
        #expect(view.managed(server(99), of: web)?.health == .sorry)
        let check = try #require(view.checks.first { $0.target == bench.target(12) })
        #expect(check.state == .down)
        #expect(check.record.failures == ["connection_refused": 3])
        #expect(check.record.timedRuns == 3)
        #expect(check.record.latencySum == .milliseconds(6))
        #expect(view.counters.transitions == 2)
        #expect(view.counters.tableWrites >= 1)
    }

    @Test func anUnreadableKernelGivesNoViewAndIsCounted() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.kernel.client.readErrors[.listServices] = 1
        #expect(bench.director.view() == nil)
        #expect(bench.director.counters.failedReads == 1)
        #expect(!bench.director.counters.lastReadSucceeded)
    }

    @Test func theConfiguredNameIsOnTheServiceAndEachOfItsServersSorryIncluded() throws {
        let named = try config(webConfig + "name -t 10.0.0.100:80 shop\n")
        let bench = Bench(table: healthyTable(named))
        bench.director = bench.makeDirector(named)
        try bench.director.start()
        let view = try #require(bench.director.view())
        #expect(view.names == [web: "shop"])
        let servers = view.managed.filter { $0.service == web }
        #expect(servers.count == 3)
        #expect(servers.allSatisfy { $0.name == "shop" })
    }
}
