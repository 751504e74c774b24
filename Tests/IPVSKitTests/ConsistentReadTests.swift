import Testing

@testable import IPVSKit

/// A client whose service dump changes from one read to the next, as a table being edited
/// by someone else would; it states the dumps, it does not model the kernel.
private final class ChangingDumps: IPVSClient {
    var dumps: [[ServiceEntry]]
    var serverDumps: () -> [RealServerEntry] = { [] }
    var reads = 0
    /// How many of `reads` asked for ids only, and whether any asked for counters.
    var idReads = 0
    var statisticsAsked: [Bool] = []

    init(_ dumps: [[ServiceEntry]]) { self.dumps = dumps }

    func services(statistics: Bool) throws -> [ServiceEntry] {
        statisticsAsked.append(statistics)
        return nextDump()
    }
    func serviceIDs() throws -> [ServiceID] {
        idReads += 1
        return nextDump().map(\.service.id)
    }
    func realServerDump(of service: ServiceID, statistics: Bool) throws -> DumpRead<RealServerEntry> {
        statisticsAsked.append(statistics)
        return DumpRead(entries: serverDumps(), isWhole: false)  // it cannot tell
    }

    func info() throws -> IPVSInfo { IPVSInfo(version: 0x010201, connectionTableSize: 4096) }
    private func nextDump() -> [ServiceEntry] {
        defer { reads += 1 }
        return dumps[min(reads, dumps.count - 1)]
    }
    func service(_ id: ServiceID) throws -> ServiceEntry { throw IPVSError(errno: Errno.ESRCH, operation: .getService) }
    func timeouts() throws -> Timeouts { Timeouts(tcp: 900, tcpFin: 120, udp: 300) }
    func daemons() throws -> [SyncDaemon] { [] }
    func connections() throws -> [ConnectionEntry] { [] }
    func perform(_ requests: [IPVSRequest]) throws -> [IPVSError?] { requests.map { _ in nil } }
}

@Suite struct ConsistentReadTests {
    let a = ServiceEntry(service: VirtualService(id: .firewallMark(1, family: .inet)))
    let b = ServiceEntry(service: VirtualService(id: .firewallMark(2, family: .inet)))

    @Test func twoAgreeingReadsAreEnough() throws {
        let client = ChangingDumps([[a, b]])
        #expect(try client.consistentTable().services.count == 2)
        #expect(client.reads == 2)
    }

    @Test func aTornDumpIsReadAgain() throws {
        // The second dump shows `a` twice (resumed by index after an insertion).
        let client = ChangingDumps([[a], [a, a], [a, b], [a, b]])
        #expect(try client.consistentTable().services.map(\.service.id) == [a.service.id, b.service.id])
        #expect(client.reads == 4)
    }

    @Test func aDuplicateSeenTwiceIsNeverAccepted() {
        let client = ChangingDumps([[a, a]])
        #expect(throws: TornReadError.self) { try client.consistentTable(attempts: 3) }
    }

    /// A setting changed between the pass and the check moves no index: the read stands,
    /// with the settings of the pass (as `-S` prints them), and is not made again.
    @Test func aChangedSettingIsNotATear() throws {
        var edited = b
        edited.service.scheduler = "rr"
        let client = ChangingDumps([[a, b], [a, edited]])
        #expect(try client.consistentTable().service(b.service.id)?.service.scheduler == b.service.scheduler)
        #expect(client.reads == 2)
    }

    @Test func aMissedRealServerIsReadAgain() throws {
        let client = ChangingDumps([[a]])
        let server = RealServer(address: .v4(IPv4Address(10, 0, 0, 2)), port: 80)
        // The first real-server dump of `a` misses the server; later ones show it. This
        // client cannot say a dump came whole, so each is read until two agree; the
        // service dump is read twice, as always.
        var dumps = [[RealServerEntry](), [RealServerEntry(server: server)], [RealServerEntry(server: server)]]
        client.serverDumps = { dumps.isEmpty ? [RealServerEntry(server: server)] : dumps.removeFirst() }
        #expect(try client.consistentTable().services.first?.realServers == [server])
        #expect(client.reads == 2)
        #expect(dumps.isEmpty)
    }

    @Test func countersDoNotMakeReadsDisagree() throws {
        var busy = a
        busy.statistics.connections = 7
        let client = ChangingDumps([[a], [busy]])
        #expect(try client.consistentTable().services.count == 1)
    }

    @Test func aListingThatKeepsItsEntriesChecksByIDsOnly() throws {
        let client = ChangingDumps([[a, b]])
        var seen: [ServiceID] = []
        let read = try client.consistentListing(
            statistics: false, order: { $0 }, restart: {}, each: { entry, _ in seen.append(entry.service.id) })
        #expect(seen == [a.service.id, b.service.id])
        #expect(client.reads == 2 && client.idReads == 1)
        #expect(read.passes == 1)
        // The service dump, then each service's real servers, read twice as this client
        // cannot say a dump came whole: never with counters.
        #expect(client.statisticsAsked == [false, false, false, false, false])
    }

    @Test func anIDsOnlyCheckThatDisagreesStartsAnotherPass() throws {
        let client = ChangingDumps([[a], [a, b], [a, b], [a, b]])
        var restarts = 0
        let read = try client.consistentListing(order: { $0 }, restart: { restarts += 1 }, each: { _, _ in })
        #expect(read.passes == 2 && restarts == 1)
        #expect(client.idReads == 2)
    }
}
