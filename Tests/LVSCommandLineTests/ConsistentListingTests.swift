import IPVSKit
import IPVSTesting
import LVSCommandLine
import Testing

/// `-S` and `-L` read the table with `consistentListing`: a table that someone else edits
/// during the read (scripted with `beforeRead`) is read again, never printed torn.
@Suite struct ConsistentListingTests {
    let a = tcp(v4(10, 0, 0, 1), 80)
    let b = tcp(v4(10, 0, 0, 2), 80)
    let c = tcp(v4(10, 0, 0, 3), 80)

    func server(_ last: UInt8) -> RealServerEntry {
        RealServerEntry(server: RealServer(address: v4(172, 16, 0, last), port: 8080, forwarding: .masquerade))
    }

    func table(_ ids: [ServiceID]) -> ScriptedIPVSClient {
        let client = ScriptedIPVSClient()
        client.servicesTable = ids.map { ServiceEntry(service: VirtualService(id: $0)) }
        for (index, id) in ids.enumerated() {
            client.realServersTable[id] = [server(UInt8(truncatingIfNeeded: index + 1))]
        }
        return client
    }

    @Test func aQuietTableCostsOneExtraServiceDump() {
        let client = table([a, b])
        let result = run("-S -n", client: client)
        #expect(result.status == 0)
        #expect(
            result.stdout == "-A -t 10.0.0.1:80 -s wlc\n-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w 1\n"
                + "-A -t 10.0.0.2:80 -s wlc\n-a -t 10.0.0.2:80 -r 172.16.0.2:8080 -m -w 1\n")
        #expect(
            client.reads.filter { $0 != .info } == [.listServices, .listRealServers, .listRealServers, .listServices])
    }

    @Test func aServiceDumpShowingOneTwiceIsReadAgain() {
        let client = table([a, b])
        let torn = [client.servicesTable[0], client.servicesTable[0]]
        let whole = client.servicesTable
        client.servicesTable = torn
        var dumps = 0
        client.beforeRead = { operation in
            guard operation == .listServices else { return }
            dumps += 1
            if dumps == 2 { client.servicesTable = whole }
        }
        let result = run("-S -n", client: client)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 4)
        #expect(
            client.reads.filter { $0 != .info } == [
                .listServices, .listServices, .listRealServers, .listRealServers, .listServices,
            ])
    }

    /// Services a and b; c (with one real server) is added at the front of the service
    /// dump during the first real-server read, so the pass under way misses it.
    private func gainingAServiceDuringTheFirstRealServerRead() -> ScriptedIPVSClient {
        let client = table([a, b])
        let added = ServiceEntry(service: VirtualService(id: c))
        client.realServersTable[c] = [server(9)]
        var destReads = 0
        client.beforeRead = { operation in
            guard operation == .listRealServers else { return }
            destReads += 1
            if destReads == 1 { client.servicesTable.insert(added, at: 0) }
        }
        return client
    }

    @Test func aServiceAddedDuringTheReadStartsAnotherPass() {
        let client = gainingAServiceDuringTheFirstRealServerRead()
        let result = run("-S -n", client: client)
        #expect(result.status == 0)
        // The first pass (a, b) is thrown away; the second shows all three, once each.
        #expect(result.stdout.split(separator: "\n").count == 6)
        #expect(result.stdout.components(separatedBy: "-A -t 10.0.0.1:80").count == 2)
        #expect(client.reads.filter { $0 == .listServices }.count == 4)
    }

    /// `-S --json` is what `apply` takes back, and `-L --json` what programs parse: both
    /// read as the text listings do.
    @Test(arguments: ["-S --json", "-L -n --json"])
    func jsonDocumentsAreReadAgainAfterATear(line: String) {
        let client = gainingAServiceDuringTheFirstRealServerRead()
        let result = run(line, client: client)
        #expect(result.status == 0)
        #expect(result.stdout.components(separatedBy: "\"10.0.0.1\"").count == 2)
        #expect(result.stdout.components(separatedBy: "\"10.0.0.3\"").count == 2)
        #expect(client.reads.filter { $0 == .listServices }.count == 4)
    }

    @Test func aChangedCounterIsNoTear() {
        let client = table([a])
        client.beforeRead = { operation in
            if operation == .listServices { client.servicesTable[0].statistics.connections += 1 }
        }
        let result = run("-L -n --stats", client: client)
        #expect(result.status == 0)
        #expect(client.reads.filter { $0 == .listServices }.count == 2)
    }

    @Test func aMultiPartRealServerDumpIsReadUntilTwoAgree() {
        let client = table([a])
        client.multiPartRealServerDumps = [a]
        var destReads = 0
        client.beforeRead = { operation in
            guard operation == .listRealServers else { return }
            destReads += 1
            // The first read missed a real server that the later ones show.
            client.realServersTable[a] = destReads == 1 ? [server(1)] : [server(2), server(1)]
        }
        let result = run("-S -n", client: client)
        #expect(result.status == 0)
        #expect(result.stdout.contains("172.16.0.2:8080"))
        #expect(destReads == 3)
    }

    @Test func aTableThatNeverSettlesFailsWithoutPrinting() {
        let client = table([a])
        var serial: UInt8 = 0
        client.beforeRead = { operation in
            guard operation == .listServices else { return }
            serial &+= 1
            client.servicesTable = [ServiceEntry(service: VirtualService(id: tcp(v4(10, 1, 0, serial), 80)))]
        }
        let result = run("-S -n", client: client)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("kept changing"))
    }

    @Test func aFailedRealServerReadPrintsWhatCameBefore() {
        let client = table([a, b])
        var destReads = 0
        client.beforeRead = { operation in
            guard operation == .listRealServers else { return }
            destReads += 1
            if destReads == 2 { client.readErrors[.listRealServers] = Errno.ENOMEM }
        }
        let result = run("-S -n", client: client)
        #expect(result.status == 1)
        #expect(result.stdout == "-A -t 10.0.0.1:80 -s wlc\n-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w 1\n")
        #expect(result.stderr == "Memory allocation problem\n")
    }

    @Test func aListingLongerThanOnePieceIsWrittenWhole() {
        // About 220 KB of -S text: several 64 KiB pieces of ListingText.
        let ids = (0..<3000).map { tcp(v4(10, 2, UInt8($0 / 256), UInt8($0 % 256)), 80) }
        let client = table(ids)
        let result = run("-S -n", client: client)
        let listed = client.servicesTable.map {
            ListedService($0, realServers: client.realServersTable[$0.service.id] ?? [])
        }
        #expect(result.status == 0)
        #expect(result.stdout.utf8.count > 3 * 64 * 1024)
        #expect(result.stdout == SaveFormat.rules(listed, numeric: true, resolver: TableResolver()))
    }
}
