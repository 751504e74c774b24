import IPVSKit
import IPVSTesting
import Testing

@testable import LVSCommandLine

/// `--json` end to end (parser, executor, document) against committed documents, and the
/// way back: a `rules` document decodes to the values it was written from.
@Suite struct JSONDocumentTests {
    @Test(arguments: [
        ("-S --json", "save"),
        ("-S -n --json", "save"),
        ("-L --json", "list"),
        ("-L -n --json", "list"),
        ("-L --stats --json", "list-stats"),
        ("-L --json --rate --exact", "list-rate"),
        ("-L --json --nosort", "list-nosort"),
        ("-L -t 10.0.0.1:80 --json --stats", "list-one-service"),
        ("-L -c --json", "connections"),
        ("-L --timeout --json", "timeouts"),
        ("-L --daemon --json", "daemons"),
    ])
    func documentsMatchTheCommittedOnes(line: String, golden: String) {
        let result = run(line, client: JSONFixtures.client())
        #expect(result.status == 0)
        #expect(result.stderr == "")
        JSONGolden.check(result.stdout, named: golden)
    }

    @Test func anEmptyTableIsAnEmptyList() {
        let result = run("-S --json")
        #expect(result.stdout == "{\n  \"version\": 1,\n  \"document\": \"rules\",\n  \"services\": []\n}\n")
    }

    /// save -> JSON -> decode gives the configuration back: what `apply` will rely on.
    @Test func rulesDecodeToTheSavedConfiguration() throws {
        let text = run("-S --json", client: JSONFixtures.client()).stdout
        let decoded = try JSONDocument.services(from: text)
        let expected = Listing.sortedServices(JSONFixtures.services).map { listed in
            var service = listed.entry.service
            service.flags.remove(.hashed)
            return ListedService(
                ServiceEntry(service: service),
                realServers: ListingOrder.sortedRealServers(listed.realServers).map {
                    RealServerEntry(server: $0.server)
                })
        }
        #expect(decoded == expected)
        // And writing what was read gives the same text.
        #expect(JSONDocument.rules(decoded) == text)
    }

    /// A listing with --stats decodes to the configuration, counts and totals (64 bits).
    @Test func listingsDecodeWithTheirCounters() throws {
        let text = run("-L --stats --json --nosort", client: JSONFixtures.client()).stdout
        let decoded = try JSONDocument.services(from: text)
        let expected = JSONFixtures.services.map { listed in
            func totals(_ s: Statistics) -> Statistics {
                var t = Statistics()
                (t.connections, t.inPackets, t.outPackets, t.inBytes, t.outBytes) =
                    (s.connections, s.inPackets, s.outPackets, s.inBytes, s.outBytes)
                return t
            }
            var service = listed.entry.service
            service.flags.remove(.hashed)
            return ListedService(
                ServiceEntry(service: service, statistics: totals(listed.entry.statistics)),
                realServers: listed.realServers.map {
                    RealServerEntry(server: $0.server, connections: $0.connections, statistics: totals($0.statistics))
                })
        }
        #expect(decoded == expected)
        #expect(decoded.first?.entry.statistics.connections == JSONFixtures.beyondDouble)
        #expect(decoded.first?.entry.statistics.inPackets == UInt64.max)
    }

    @Test func rateListingsDecodeTheirRates() throws {
        let decoded = try JSONDocument.services(from: run("-L --rate --json", client: JSONFixtures.client()).stdout)
        let web = decoded.first { $0.entry.service.id == JSONFixtures.web }
        #expect(web?.entry.statistics.connectionRate == 6)
        #expect(web?.entry.statistics.outByteRate == 10)
        #expect(web?.entry.statistics.connections == 0)
    }

    /// A document failing half way prints nothing on stdout, with the text listing's
    /// message and status.
    @Test func aFailedReadPrintsNoDocument() {
        let client = JSONFixtures.client()
        client.readErrors[.listRealServers] = Errno.EPERM
        for line in ["-L --json", "-S --json"] {
            let result = run(line, client: client)
            #expect(result.status == 1)
            #expect(result.stdout == "")
            #expect(result.stderr == run(line.replacingOccurrences(of: " --json", with: ""), client: client).stderr)
        }
        client.readErrors = [.listConnections: Errno.ENOENT]
        let connections = run("-L -c --json", client: client)
        #expect(connections.status == 1 && connections.stdout == "")
        #expect(connections.stderr == "cannot open file /proc/net/ip_vs_conn\n")
    }

    @Test func aMissingServiceIsTheTextListingsError() {
        let json = run("-L -t 10.9.9.9:80 --json", client: JSONFixtures.client())
        let text = run("-L -t 10.9.9.9:80", client: JSONFixtures.client())
        #expect(json.status == text.status && json.stderr == text.stderr)
        #expect(json.stdout == "")
    }
}
