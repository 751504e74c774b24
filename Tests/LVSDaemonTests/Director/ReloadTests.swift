import IPVSKit
import LVSDaemon
import LVSHealth
import Testing

@Suite struct ReloadTests {
    @Test func reloadingTheSameChecksKeepsTheirStatesLogsNoTransitionAndWritesNothing() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.feed(timeout, 3, to: 11)
        bench.director.reconcile(cause: .health)
        let batches = bench.kernel.batches.count
        let transitions = bench.transitions.count
        let transitionLines = bench.log.lines.filter { $0.contains("(connect check)") }
        #expect(transitionLines.count == 1)
        // A comment and a new line change nothing that is checked.
        #expect(bench.director.reload(try config("# edited\n" + webConfig)) == nil)
        #expect(bench.kernel.batches.count == batches)
        #expect(bench.transitions.count == transitions)
        #expect(bench.log.lines.filter { $0.contains("(connect check)") } == transitionLines)
        #expect(!bench.log.lines.contains { $0.hasPrefix("notice: table:") && $0.contains("(reload)") })
        #expect(bench.director.health[bench.target(11)]?.state == .down)
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 0)
    }

    @Test func renamingAServiceWritesNothingAndTheViewHasTheNewName() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        let batches = bench.kernel.batches.count
        bench.director.reload(try config(webConfig + "name -t 10.0.0.100:80 shop\n"))
        #expect(bench.kernel.batches.count == batches)
        #expect(bench.director.view()?.names == [web: "shop"])
        bench.director.reload(try config(webConfig + "name -t 10.0.0.100:80 \"shop front\"\n"))
        #expect(bench.kernel.batches.count == batches)
        #expect(bench.director.view()?.managed.map(\.name) == ["shop front", "shop front", "shop front"])
    }

    @Test func reloadAddsANewServiceAndRemovesOneNoLongerConfigured() throws {
        let both = try config(webConfig + mailLines)
        let bench = Bench(table: healthyTable(both))
        bench.director = bench.makeDirector(both)
        try bench.director.start()
        #expect(bench.kernel.batches.isEmpty)

        let write = try #require(bench.director.reload(try config(webConfig)))
        #expect(write.requests == [.deleteService(mail)])
        #expect(bench.kernel.table.service(mail) == nil)
        #expect(bench.kernel.table.service(unmanaged.service.id) == unmanaged)

        let back = try #require(bench.director.reload(both))
        #expect(back.requests.first == .addService(both.services[1].service))
        // Not found at this reload, so not healthy until its check says so: quiesced.
        #expect(bench.kernel.table.weight(of: server(31, 25), in: mail) == 0)
    }

    /// An equal configuration is not even compared with the kernel: a server deleted by
    /// hand stays deleted until the drift check, which repairs it.
    @Test func anEqualConfigurationReadsAndWritesNothing() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.kernel.edit { $0.services[0].realServers.removeAll { $0.id == server(12) } }
        #expect(bench.director.reload(try config(webConfig)) == nil)
        #expect(bench.kernel.batches.isEmpty)
        #expect(bench.log.lines.contains { $0.contains("reloaded:") && $0.hasSuffix(", unchanged") })
        bench.director.reconcile(cause: .drift)
        #expect(bench.kernel.table.weight(of: server(12), in: web) != nil)
    }

    @Test func aChangedCheckStartsOverFromItsInitialSetting() throws {
        let bench = Bench(table: healthyTable(try config(webConfig)))
        try bench.director.start()
        bench.feed(timeout, 3, to: 11)
        bench.director.reconcile(cause: .health)
        bench.director.reload(try config(webConfig.replacingOccurrences(of: "fall=3", with: "fall=4")))
        #expect(bench.director.health[bench.target(11)]?.state == .unknown)
    }

    /// A reload reads and writes only the services it changes: the others keep their
    /// configuration and their checks' states, so what they should be is as before.
    @Test func aChangeToOneServiceReadsAndWritesThatServiceAlone() throws {
        let both = try config(webConfig + "\n" + mailLines)
        let bench = Bench(table: healthyTable(both))
        bench.director = bench.makeDirector(both)
        try bench.director.start()
        bench.feed(timeout, 3, to: 11)
        bench.director.reconcile(cause: .health)
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 0)
        // Drift in a service the reload leaves as it was waits for the drift check.
        bench.kernel.edit { $0.services[0].realServers.removeAll { $0.id == server(12) } }
        let readsBefore = bench.kernel.client.reads.count

        let write = try #require(
            bench.director.reload(
                try config(webConfig + "\n" + mailLines.replacingOccurrences(of: "-m\n", with: "-m -w 3\n"))))
        var edited = both.services[1].servers[0].server
        edited.weight = 3
        #expect(write.requests == [.editRealServer(edited, service: mail)])
        let reads = bench.kernel.client.reads.dropFirst(readsBefore)
        #expect(!reads.contains(.listServices))
        #expect(Set(reads) == [.getService, .listRealServers])
        #expect(bench.director.health[bench.target(11)]?.state == .down)
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 0)
        #expect(!bench.kernel.table.has(server(12), in: web))

        bench.director.reconcile(cause: .drift)
        #expect(bench.kernel.table.weight(of: server(12), in: web) == 1)
        #expect(bench.kernel.table.weight(of: server(31, 25), in: mail) == 3)
    }

    /// A service dropped at one reload whose removal was refused is removed at the next,
    /// though that reload changes another service only.
    @Test func aServiceStillToBeRemovedIsReadAndRemovedAtTheNextReload() throws {
        let both = try config(webConfig + "\n" + mailLines)
        let bench = Bench(table: healthyTable(both))
        bench.director = bench.makeDirector(both)
        try bench.director.start()
        // Refused: the stand-in's table is not changed by that batch.
        let applies = bench.kernel.client.beforePerform
        bench.kernel.client.beforePerform = nil
        bench.kernel.client.queuedAnswers = [Errno.ENOMEM]
        let refused = try #require(bench.director.reload(try config(webConfig)))
        bench.kernel.client.beforePerform = applies
        #expect(refused.failures == 1)
        #expect(bench.kernel.table.service(mail) != nil)

        let write = try #require(
            bench.director.reload(try config(webConfig.replacingOccurrences(of: "-w 2", with: "-w 4"))))
        #expect(write.requests.contains(.deleteService(mail)))
        #expect(bench.kernel.table.service(mail) == nil)
        #expect(bench.kernel.table.weight(of: server(11), in: web) == 4)
        #expect(bench.kernel.table.service(unmanaged.service.id) == unmanaged)
    }
}
