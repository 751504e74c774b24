import IPVSKit
import LVSDaemon
import LVSHealth
import Testing

@Suite struct StopTests {
    @Test func stopLeavesTheTableAsItIs() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.feed(timeout, 3, to: 11)
        bench.director.reconcile(cause: .health)
        let before = bench.kernel.table
        let batches = bench.kernel.batches.count
        #expect(bench.director.stop() == nil)
        #expect(bench.kernel.batches.count == batches)
        #expect(bench.kernel.table == before)
    }

    @Test func stopRemovesTheServicesWithRemoveOnStopAndOnlyThem() throws {
        // The web service with on-stop=remove, next to the mail service without it.
        let removing = try config(
            webConfig.replacingOccurrences(of: "initial=as-found", with: "initial=as-found on-stop=remove"))
        var both = removing
        both.services += try config(mailLines).services
        let bench = Bench(table: healthyTable(both))
        bench.director = bench.makeDirector(both)
        try bench.director.start()
        let write = try #require(bench.director.stop())
        #expect(write.requests == [.deleteService(web)])
        #expect(bench.kernel.table.service(mail) != nil)
        #expect(bench.kernel.table.service(unmanaged.service.id) == unmanaged)
    }
}
