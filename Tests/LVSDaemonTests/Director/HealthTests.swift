import IPVSKit
import LVSDaemon
import LVSHealth
import Testing

@Suite struct HealthTests {
    @Test func aFailedServerIsQuiescedAfterFallFailuresAndTheTransitionIsLogged() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.feed(timeout, 2, to: 11)
        #expect(!bench.director.hasPendingChanges)
        bench.feed(timeout, 1, to: 11)
        #expect(bench.director.hasPendingChanges)
        let write = try #require(bench.director.reconcile(cause: .health))
        #expect(
            write.requests == [
                .editRealServer(
                    RealServer(address: v4(10, 0, 0, 11), port: 80, forwarding: .masquerade, weight: 0), service: web)
            ])
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 0)
        #expect(
            bench.log.lines.contains(
                "notice: TCP 10.0.0.100:80 real server 10.0.0.11:80: unknown -> down (connect check): connect timeout after 1.0 s (3 failures in a row)"
            ))
        #expect(bench.log.lines.contains("notice: table: 1 change (health)"))
        #expect(bench.transitions.count == 1)
    }

    @Test func onFailureRemoveTakesTheServerOut() throws {
        let text = webConfig.replacingOccurrences(
            of: "check -t 10.0.0.100:80 connect", with: "check -t 10.0.0.100:80 connect on-failure=remove")
        let bench = Bench(table: healthyTable(try config(text)))
        bench.director = bench.makeDirector(try config(text))
        try bench.director.start()
        bench.feed(timeout, 3, to: 11)
        bench.director.reconcile(cause: .health)
        #expect(!bench.kernel.table.has(server(11), in: web))
        #expect(bench.kernel.table.weight(of: server(12), in: web) == 1)
    }

    @Test func riseBringsTheServerBackAtItsConfiguredWeight() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.feed(timeout, 3, to: 11)
        bench.director.reconcile(cause: .health)
        bench.feed(pass, 1, to: 11)
        #expect(!bench.director.hasPendingChanges)
        bench.feed(pass, 1, to: 11)
        bench.director.reconcile(cause: .health)
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 2)
    }

    @Test func theSorryServerComesInBelowQuorumAndGoesAtQuorum() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.feed(timeout, 3, to: 11)
        bench.director.reconcile(cause: .health)
        #expect(!bench.kernel.table.has(server(99), in: web))
        bench.feed(timeout, 3, to: 12)
        bench.director.reconcile(cause: .health)
        #expect(bench.kernel.table.weight(of: server(99), in: web) == 1)
        bench.feed(pass, 2, to: 12)
        bench.director.reconcile(cause: .health)
        #expect(!bench.kernel.table.has(server(99), in: web))
        #expect(bench.kernel.table.weight(of: server(12), in: web) == 1)
    }

    @Test func aBurstOfTransitionsIsOnePlanInOneBatch() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.feed(timeout, 3, to: 11)
        bench.feed(timeout, 3, to: 12)
        bench.director.reconcile(cause: .health)
        #expect(bench.kernel.batches.count == 1)
        #expect(bench.kernel.batches[0].count == 3)  // two weights to 0, the sorry server in
    }

    @Test func aWriteTheKernelRefusesIsLoggedAndPlannedAgainLater() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.feed(timeout, 3, to: 11)
        bench.kernel.client.queuedAnswers = [12]  // ENOMEM
        bench.kernel.client.beforePerform = nil  // refused: the table stays
        let write = try #require(bench.director.reconcile(cause: .health))
        #expect(write.failures == 1)
        #expect(bench.log.lines.contains { $0.hasPrefix("error:   -e -t 10.0.0.100:80 -r 10.0.0.11:80 -m -w 0") })
        let again = try #require(bench.director.reconcile(cause: .drift))
        #expect(again.requests == write.requests)
    }
}
