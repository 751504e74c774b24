import IPVSKit
import LVSDaemon
import LVSHealth
import Testing

@Suite struct DriftTests {
    @Test func aRealServerDeletedByHandComesBackAndTheRepairIsLogged() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.kernel.edit { $0.services[0].realServers.removeAll { $0.id == server(12) } }
        let write = try #require(bench.director.reconcile(cause: .drift))
        #expect(
            write.requests == [
                .addRealServer(
                    RealServer(address: v4(10, 0, 0, 12), port: 80, forwarding: .masquerade, weight: 1), service: web)
            ])
        #expect(bench.kernel.table.weight(of: server(12), in: web) == 1)
        #expect(bench.log.lines.contains("warning:   repaired drift: -a -t 10.0.0.100:80 -r 10.0.0.12:80 -m -w 1"))
    }

    @Test func aWeightChangedAndAServerAddedByHandArePutBack() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.kernel.edit {
            $0.services[0].realServers[0].weight = 7
            $0.services[0].realServers.append(RealServer(address: v4(10, 0, 0, 13), port: 80, forwarding: .masquerade))
        }
        bench.director.reconcile(cause: .drift)
        #expect(bench.kernel.table == healthyTable(try config(webConfig)))
    }

    @Test func aDeletedManagedServiceComesBackWhole() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.kernel.edit { $0.services.removeAll { $0.service.id == web } }
        bench.director.reconcile(cause: .drift)
        // The servers' health was as found at start (up): they come back at their weights.
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 2)
        #expect(bench.kernel.table.weight(of: server(12), in: web) == 1)
    }

    @Test func noDriftNoWrite() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        #expect(bench.director.reconcile(cause: .drift) == nil)
        #expect(bench.kernel.batches.isEmpty)
    }
}
