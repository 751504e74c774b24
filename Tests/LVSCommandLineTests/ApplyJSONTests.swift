import IPVSKit
import IPVSTesting
import Testing

@testable import LVSCommandLine

/// `apply` and `diff` take the document `-S --json` prints, so save and apply round-trip.
@Suite struct ApplyJSONTests {
    let web = VirtualService(id: tcp(v4(10, 0, 0, 1), 80), scheduler: "rr")
    let dns = VirtualService(id: .address(.udp, v4(10, 0, 0, 1), port: 53), scheduler: "wlc")
    func server(_ last: UInt8, weight: UInt32 = 1) -> RealServer {
        RealServer(address: v4(192, 168, 0, last), port: 80, forwarding: .masquerade, weight: weight)
    }

    /// `-S --json` of the scripted table.
    func savedJSON(of services: [(VirtualService, [RealServer])]) -> String {
        let client = ScriptedIPVSClient()
        script(client, services)
        let saved = run("-S -n --json", client: client)
        #expect(saved.status == 0)
        return saved.stdout
    }

    @Test func theSavedDocumentIsAppliedOntoAnEmptyTable() {
        let document = savedJSON(of: [(web, [server(1, weight: 3), server(2)]), (dns, [])])
        let client = ScriptedIPVSClient()
        let result = runApply(["apply"], client: client, input: document)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            Set(client.requests) == [
                .addService(web), .addRealServer(server(1, weight: 3), service: web.id),
                .addRealServer(server(2), service: web.id), .addService(dns),
            ])
    }

    @Test func theSavedDocumentOfTheLiveTableMakesNoChange() {
        let table: [(VirtualService, [RealServer])] = [(web, [server(1, weight: 3), server(2)]), (dns, [])]
        let document = savedJSON(of: table)
        let client = ScriptedIPVSClient()
        script(client, table)
        let result = runApply(["diff"], client: client, input: "\n  " + document)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(client.requests == [])
    }

    @Test func aChangedWeightInTheDocumentIsAnEdit() {
        let document = savedJSON(of: [(web, [server(1, weight: 3)])])
        let client = ScriptedIPVSClient()
        script(client, [(web, [server(1)])])
        let result = runApply(["diff"], client: client, input: document)
        #expect(result.status == 1)
        #expect(result.stdout == "-e -t 10.0.0.1:80 -r 192.168.0.1:80 -m -w 3\n")
    }

    @Test(arguments: [
        ("{\"version\": 1, \"document\": \"rules\"", "line 1, column"),
        (
            "{\"version\": 1, \"document\": \"rules\", \"services\": [{\"fwmark\": 1}, {\"fwmark\": 1}]}",
            "services[1]: service FWM 1 is already defined by services[0]"
        ),
        (
            "{\"version\": 1, \"document\": \"rules\", \"services\": []}",
            "the input has no rules (to remove every service, use -C)"
        ),
    ])
    func badDocumentsAreRefusedBeforeAnyWrite(text: String, message: String) {
        let client = ScriptedIPVSClient()
        let result = runApply(["apply"], client: client, input: text)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(client.batches == [])
    }
}
