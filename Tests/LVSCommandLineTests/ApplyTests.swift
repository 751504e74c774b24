import IPVSKit
import IPVSTesting
import Testing

@testable import LVSCommandLine

/// `lvsadm apply` and `lvsadm diff` against a scripted table.
@Suite struct ApplyTests {
    let web = tcp(v4(10, 0, 0, 1), 80)
    func service(_ scheduler: String = "wlc") -> VirtualService {
        VirtualService(id: tcp(v4(10, 0, 0, 1), 80), scheduler: scheduler)
    }
    func server(_ last: UInt8, weight: UInt32 = 1) -> RealServer {
        RealServer(address: v4(192, 168, 0, last), port: 80, forwarding: .masquerade, weight: weight)
    }

    let rules = """
        -A -t 10.0.0.1:80 -s wlc
        -a -t 10.0.0.1:80 -r 192.168.0.1:80 -m -w 1
        -a -t 10.0.0.1:80 -r 192.168.0.2:80 -m -w 1

        """

    // MARK: Reading the desired state

    func read(_ text: String) throws(DesiredStateError) -> DesiredState {
        try DesiredStateReader(parser: CommandLineParser(programName: "lvsadm", resolver: TableResolver()))
            .read(Array(text.utf8))
    }

    /// The last line without LF follows -R's rule (two trailing blanks drop it), whichever
    /// way its line is read.
    @Test func aLastLineEndingInTwoBlanksIsDropped() throws {
        let state = try read("-A -t 10.0.0.1:80 -s wlc\n-A -t 10.0.0.1:81 -s wlc  ")
        #expect(state.table.services.map(\.service.id) == [web])
        let kept = try read("-A -t 10.0.0.1:80 -s wlc\n-A -t 10.0.0.1:81 -s wlc")
        #expect(kept.table.services.count == 2)
        #expect(kept.line(of: .service(kept.table.services[1].service.id)) == 2)
    }

    @Test func saveFormatBecomesATableWithLines() throws {
        let state = try read("# rules\n" + rules + "--set 10 0 0\n")
        #expect(state.table.services == [TableService(service(), realServers: [server(1), server(2)])])
        #expect(state.table.timeouts == Timeouts(tcp: 10, tcpFin: 0, udp: 0))
        #expect(state.table.daemons == nil)
        #expect(state.line(of: .service(web)) == 2)
        #expect(state.line(of: .realServer(server(2).id, service: web)) == 4)
        #expect(state.line(of: .timeouts) == 5)
    }

    @Test(arguments: [
        ("-a -t 10.0.0.1:80 -r 192.168.0.1\n", "line 1: service TCP 10.0.0.1:80 is not defined by an earlier -A line"),
        ("-A -t 10.0.0.1:80\n\n-A -t 10.0.0.1:80\n", "line 3: service TCP 10.0.0.1:80 is already defined on line 1"),
        (
            "-A -t 10.0.0.1:80\n-D -t 10.0.0.1:80\n",
            "line 2: -D does not describe state: a desired state has only -A, -a, --set and --start-daemon lines"
        ),
        ("-A -t 10.0.0.1:80\n-A -t 10.0.0.1:81 -s\n", "line 2: -s: missing argument"),
        // Lines the save-format fast path reads count like any other.
        (
            "-A -t 10.0.0.1:80 -s wlc\n\n-a -t 10.0.0.1:80 -r 192.168.0.1:80 -m -w 1\n-a -t 10.0.0.1:80 -r 192.168.0.1:80 -g -w 2\n",
            "line 4: real server 192.168.0.1:80 of service TCP 10.0.0.1:80 is already defined on line 3"
        ),
        (
            "-A -t 10.0.0.1:80 -s wlc\n-a -t 10.0.0.1:80 -r 192.168.0.1:80 -m -w 1\n-A -t 10.0.0.1:80 -s rr",
            "line 3: service TCP 10.0.0.1:80 is already defined on line 1"
        ),
        ("-A -t 10.0.0.1:80 -s wlc\n-A -t 10.0.0.1:81 -s wlc -p 0\n", "line 2: invalid timeout value `0' specified"),
    ])
    func badInputNamesItsLine(text: String, message: String) {
        #expect(throws: DesiredStateError.self) { try read(text) }
        do {
            _ = try read(text)
        } catch {
            #expect(error.text == message)
        }
    }

    // MARK: diff

    @Test func diffOfTheLiveTableIsEmpty() {
        let client = ScriptedIPVSClient()
        script(client, [(service(), [server(2), server(1)])])
        let result = runApply(["diff"], client: client, input: rules)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(client.requests == [])
    }

    @Test func diffPrintsRestorableLinesAndExitsOne() throws {
        let client = ScriptedIPVSClient()
        script(client, [(service("rr"), [server(1, weight: 3), server(3)])])
        let result = runApply(["diff", "-"], client: client, input: rules)
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                -E -t 10.0.0.1:80 -s wlc
                -a -t 10.0.0.1:80 -r 192.168.0.2:80 -m -w 1
                -e -t 10.0.0.1:80 -r 192.168.0.1:80 -m -w 1
                -d -t 10.0.0.1:80 -r 192.168.0.3:80

                """)
        #expect(client.requests == [])
        // Each line parses back to the request planned.
        let planned = TablePlanner.plan(
            from: IPVSTable(services: [TableService(service("rr"), realServers: [server(1, weight: 3), server(3)])]),
            to: try read(rules).table)
        let reparsed = try result.stdout.split(separator: "\n").map { try parse(String($0)).request }
        #expect(reparsed == planned)
    }

    @Test func dryRunIsDiffAndReadsAFile() {
        let client = ScriptedIPVSClient()
        let host = MemoryHost()
        host.files["/etc/ipvsadm.rules"] = Array(rules.utf8)
        let result = runApply(["apply", "--dry-run", "/etc/ipvsadm.rules"], client: client, host: host)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("-A -t 10.0.0.1:80 -s wlc\n"))
        #expect(client.requests == [])
        #expect(host.locks == [])
    }

    @Test func usageErrorsExitTwo() {
        let result = runApply(["diff", "--drain", "5"], client: ScriptedIPVSClient())
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("lvsadm diff: unknown option `--drain'\nUsage: lvsadm diff"))
        let missing = runApply(["apply", "/nonexistent"], client: ScriptedIPVSClient())
        #expect(missing.status == 2)
        #expect(missing.stderr == "/nonexistent: No such file or directory\n")
    }

    // MARK: apply

    @Test func anEmptyInputIsRefused() {
        let client = ScriptedIPVSClient()
        script(client, [(service(), [server(1)])])
        let result = runApply(["apply"], client: client, input: "# nothing\n\n")
        #expect(result.status == 2)
        #expect(result.stderr == "the input has no rules (to remove every service, use -C)\n")
        #expect(client.batches == [])
    }

    @Test func unchangedInputMakesNoWrite() {
        let client = ScriptedIPVSClient()
        script(client, [(service(), [server(2), server(1)])])
        let host = MemoryHost()
        host.variables["LVSADM_LOCK_FILE"] = "/tmp/test.lock"
        let result = runApply(["apply"], client: client, host: host, input: rules)
        #expect(result.status == 0)
        #expect(client.batches == [])
        #expect(host.locks == ["/tmp/test.lock"])
    }

    @Test func changesGoInOneBatch() {
        let client = ScriptedIPVSClient()
        let result = runApply(["apply"], client: client, input: rules)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(
            client.batches == [
                [
                    .addService(service()), .addRealServer(server(1), service: web),
                    .addRealServer(server(2), service: web),
                ]
            ])
    }

    @Test func aFailedWriteIsReportedByLineAndEverythingIsUndone() {
        let client = ScriptedIPVSClient()
        let old = VirtualService(id: tcp(v4(10, 0, 0, 1), 81), scheduler: "rr")
        script(client, [(old, [server(9)]), (service(), [server(1, weight: 4)])])
        client.answer = { request in
            if case .addService(let s) = request, s.scheduler == "nosuch" { return Errno.ENOENT }
            return nil
        }
        let input = rules + "-A -t 10.0.0.1:82 -s nosuch\n"
        let result = runApply(["apply"], client: client, input: input)
        #expect(result.status == 1)
        #expect(result.stderr == "line 4: Scheduler or persistence engine not found\nnothing was changed\n")
        let id82 = tcp(v4(10, 0, 0, 1), 82)
        #expect(client.batches.count == 2)
        // Make before break: the weight lowered and the service removed come last.
        #expect(
            client.batches.first == [
                .addRealServer(server(2), service: web),
                .addService(VirtualService(id: id82, scheduler: "nosuch")),
                .editRealServer(server(1), service: web),
                .deleteService(old.id),
            ])
        // Undone newest first, the failed add left out: again what was taken away comes
        // back before what was added goes.
        #expect(
            client.batches.last == [
                .addService(old), .addRealServer(server(9), service: old.id),
                .editRealServer(server(1, weight: 4), service: web),
                .deleteRealServer(server(2).id, service: web),
            ])
    }

    @Test func aRemovalSomeoneElseMadeMeanwhileIsNotAFailure() {
        let client = ScriptedIPVSClient()
        let gone = VirtualService(id: tcp(v4(10, 0, 0, 1), 81))
        script(client, [(gone, []), (service(), [server(1), server(2), server(3)])])
        client.answer = { request in
            switch request {
            case .deleteService: Errno.ESRCH
            case .deleteRealServer: Errno.ENOENT
            default: nil
            }
        }
        let result = runApply(["apply"], client: client, input: rules)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(client.batches.count == 1)
    }

    @Test func aBrokenExchangeGoesBackToTheSnapshot() {
        struct Broken: Error {}
        let client = ScriptedIPVSClient()
        client.performFailure = Broken()
        let result = runApply(["apply"], client: client, input: rules)
        // The scripted table still reads empty, which is the snapshot: nothing to undo.
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("sending the changes: Broken()"))
    }

    // MARK: drain

    @Test func drainSetsWeightZeroWaitsForIdleThenDeletes() {
        let client = ScriptedIPVSClient()
        script(client, [(service(), [server(1), server(2), server(3, weight: 5)])])
        client.realServersTable[web]?[2].connections.active = 4
        let host = MemoryHost()
        host.variables["LVSADM_STATE_DIR"] = "/state"
        var journalDuringDrain: String?
        host.onSleep = {
            journalDuringDrain = host.text("/state/drain")
            // The connections end after the second look.
            if host.sleeps.count == 2 { client.realServersTable[web]?[2].connections.active = 0 }
        }
        let result = runApply(["apply", "--drain", "30"], client: client, host: host, input: rules)
        #expect(result.status == 0)
        #expect(
            client.batches == [
                [.editRealServer(server(3, weight: 0), service: web)],
                [.deleteRealServer(server(3).id, service: web)],
            ])
        #expect(host.sleeps == [1, 1])
        #expect(journalDuringDrain == "# lvsadm drain journal\n1000030 -d -t 10.0.0.1:80 -r 192.168.0.3:80\n")
        #expect(host.files["/state/drain"] == nil)
    }

    @Test func drainEndsAtItsDeadline() {
        let client = ScriptedIPVSClient()
        script(client, [(service(), [server(1), server(2), server(3)])])
        client.realServersTable[web]?[2].connections.active = 4
        let host = MemoryHost()
        let result = runApply(["apply", "--drain", "2"], client: client, host: host, input: rules)
        #expect(result.status == 0)
        #expect(host.sleeps == [1, 1])
        #expect(client.requests.last == .deleteRealServer(server(3).id, service: web))
    }

    @Test func aDrainCutShortIsFinishedByTheNextApply() {
        // A crash left server 3 at weight 0 with its deadline passed.
        let client = ScriptedIPVSClient()
        script(client, [(service(), [server(1), server(2), server(3, weight: 0)])])
        client.realServersTable[web]?[2].connections.active = 4
        let host = MemoryHost()
        host.files["/var/lib/lvsadm/drain"] = Array(
            "# lvsadm drain journal\n999990 -d -t 10.0.0.1:80 -r 192.168.0.3:80\n".utf8)
        let result = runApply(["apply"], client: client, host: host, input: rules)
        #expect(result.status == 0)
        #expect(client.batches == [[.deleteRealServer(server(3).id, service: web)]])
        #expect(host.sleeps == [])
        #expect(host.files["/var/lib/lvsadm/drain"] == nil)
    }

    @Test func aDrainedServerWantedBackGetsItsWeightBack() {
        let client = ScriptedIPVSClient()
        script(client, [(service(), [server(1), server(2, weight: 0)])])
        let host = MemoryHost()
        host.files["/var/lib/lvsadm/drain"] = Array("2000000 -d -t 10.0.0.1:80 -r 192.168.0.2:80\n".utf8)
        let result = runApply(["apply"], client: client, host: host, input: rules)
        #expect(result.status == 0)
        #expect(client.batches == [[.editRealServer(server(2), service: web)]])
        #expect(host.files["/var/lib/lvsadm/drain"] == nil)
    }

    @Test func ipvsadmGrammarIsUntouched() {
        // `apply` is only special as the first argument.
        #expect(parseError("-A apply") != nil)
        #expect(runApply(["-h"], client: ScriptedIPVSClient()).stdout == HelpText.render(programName: "lvsadm"))
    }
}
