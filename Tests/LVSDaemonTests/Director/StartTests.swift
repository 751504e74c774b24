import IPVSKit
import LVSDaemon
import LVSHealth
import Testing

@Suite struct StartTests {
    @Test func aHealthyTableFoundAtStartIsKeptAndNothingIsWritten() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        let found = bench.kernel.table
        #expect(try bench.director.start() == nil)
        #expect(bench.kernel.batches.isEmpty)
        #expect(bench.kernel.table == found)
    }

    @Test func aServerFoundAtWeightZeroStaysThereUntilItsCheckDecides() throws {
        var table = healthyTable(try config(webConfig))
        table.services[0].realServers[1].weight = 0
        let bench = Bench(table: table)
        try bench.director.start()
        // as-found: 10.0.0.12 was drained when found, so it is not healthy yet; 10.0.0.11
        // still is, so the sorry server (quorum 1) stays out.
        #expect(bench.kernel.batches.isEmpty)
        #expect(bench.kernel.table.weight(of: server(12), in: web) == 0)
    }

    @Test func aServiceMissingAtStartIsAddedAndTheOthersAreLeftAlone() throws {
        let bench = Bench(table: IPVSTable(services: [unmanaged]))
        try bench.director.start()
        #expect(bench.kernel.batches.count == 1)
        // Not found, so not yet healthy (as-found): quiesced, and the sorry server is in.
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 0)
        #expect(bench.kernel.table.weight(of: server(99), in: web) == 1)
        #expect(bench.kernel.table.service(unmanaged.service.id) == unmanaged)
    }

    @Test func initialDownTakesServersOutOfTrafficUntilTheyPass() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        bench.director = bench.makeDirector(
            try config(webConfig.replacingOccurrences(of: "initial=as-found", with: "initial=down")))
        try bench.director.start()
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 0)
        #expect(bench.kernel.table.weight(of: server(12), in: web) == 0)
        #expect(bench.kernel.table.has(server(99), in: web))
    }

    @Test func anUnreadableKernelStopsTheStart() throws {
        let bench = Bench(table: IPVSTable())
        bench.kernel.client.readErrors[.listServices] = 97  // EAFNOSUPPORT: no IPVS
        #expect(throws: (any Error).self) { try bench.director.start() }
        #expect(bench.kernel.batches.isEmpty)
    }
}
