import IPVSKit
import IPVSTesting
import Testing

@testable import LVSCommandLine

/// The order apply writes in, as `diff`, `apply --dry-run` and the batches sent show it:
/// capacity in before capacity out, with and without a drain.
@Suite struct ApplyOrderTests {
    let vip = tcp(v4(10, 0, 0, 100), 80)
    func server(_ last: UInt8, weight: UInt32 = 1) -> RealServer {
        RealServer(address: v4(10, 0, 0, last), port: 80, forwarding: .masquerade, weight: weight)
    }

    /// Real servers .11 and .12 replaced by .13 and .14, the scheduler changed.
    func replacing() -> (ScriptedIPVSClient, String) {
        let client = ScriptedIPVSClient()
        script(client, [(VirtualService(id: vip, scheduler: "wlc"), [server(12), server(11)])])
        let rules = """
            -A -t 10.0.0.100:80 -s wrr
            -a -t 10.0.0.100:80 -r 10.0.0.13:80 -m -w 1
            -a -t 10.0.0.100:80 -r 10.0.0.14:80 -m -w 1

            """
        return (client, rules)
    }

    @Test func replacementsGoInBeforeTheOldServersGoOut() {
        let (client, rules) = replacing()
        let result = runApply(["diff"], client: client, input: rules)
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                -E -t 10.0.0.100:80 -s wrr
                -a -t 10.0.0.100:80 -r 10.0.0.13:80 -m -w 1
                -a -t 10.0.0.100:80 -r 10.0.0.14:80 -m -w 1
                -d -t 10.0.0.100:80 -r 10.0.0.12:80
                -d -t 10.0.0.100:80 -r 10.0.0.11:80

                """)
        // The scheduler change is named on standard error, just before its line.
        let note =
            "# -t 10.0.0.100:80: scheduler wlc -> wrr; the kernel refuses new connections to this "
            + "service for a moment while it switches\n"
        #expect(result.stderr == note)
        #expect(result.output.log.first.map { $0.0 == .standardError && $0.1 == note } == true)
        #expect(client.requests == [])
    }

    @Test func aDryRunDrainShowsTheWeightZeroStepAfterTheReplacements() {
        let (client, rules) = replacing()
        let host = MemoryHost()
        let result = runApply(["apply", "--dry-run", "--drain", "30"], client: client, host: host, input: rules)
        #expect(result.status == 1)
        let log = result.output.log.map { ($0.0 == .standardError ? "2> " : "") + $0.1 }.joined()
        #expect(
            log == """
                2> # -t 10.0.0.100:80: scheduler wlc -> wrr; the kernel refuses new connections to this service for a moment while it switches
                -E -t 10.0.0.100:80 -s wrr
                -a -t 10.0.0.100:80 -r 10.0.0.13:80 -m -w 1
                -a -t 10.0.0.100:80 -r 10.0.0.14:80 -m -w 1
                -e -t 10.0.0.100:80 -r 10.0.0.12:80 -m -w 0
                -e -t 10.0.0.100:80 -r 10.0.0.11:80 -m -w 0
                2> # then, once each has no active connection or its drain time is up:
                -d -t 10.0.0.100:80 -r 10.0.0.12:80
                -d -t 10.0.0.100:80 -r 10.0.0.11:80

                """)
        #expect(client.requests == [])
        #expect(host.files.isEmpty)
    }

    /// A drain left unfinished by an earlier apply is part of what apply would do.
    @Test func aDryRunShowsAnUnfinishedDrain() {
        let (client, rules) = replacing()
        let host = MemoryHost()
        host.files["/var/lib/lvsadm/drain"] = Array(
            "# lvsadm drain journal\n1000020 -d -t 10.0.0.100:80 -r 10.0.0.11:80\n".utf8)
        let result = runApply(["diff"], client: client, host: host, input: rules)
        #expect(
            result.stdout.hasSuffix(
                "-d -t 10.0.0.100:80 -r 10.0.0.12:80\n-e -t 10.0.0.100:80 -r 10.0.0.11:80 -m -w 0\n-d -t 10.0.0.100:80 -r 10.0.0.11:80\n"
            ))
        #expect(result.stderr.hasSuffix("# then, once each has no active connection or its drain time is up:\n"))
    }

    @Test func theSentBatchesFollowTheSameOrder() {
        let (client, rules) = replacing()
        let host = MemoryHost()
        let result = runApply(["apply", "--drain", "5"], client: client, host: host, input: rules)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let service = VirtualService(id: vip, scheduler: "wrr")
        #expect(
            client.batches == [
                [
                    .editService(service), .addRealServer(server(13), service: vip),
                    .addRealServer(server(14), service: vip), .editRealServer(server(12, weight: 0), service: vip),
                    .editRealServer(server(11, weight: 0), service: vip),
                ],
                [.deleteRealServer(server(12).id, service: vip), .deleteRealServer(server(11).id, service: vip)],
            ])
    }

    /// With a drain, over random reloads: the first batch and then the removals keep
    /// every service's capacity at every prefix, as the plan without a drain does.
    @Test(arguments: 0..<200)
    func aDrainedPlanKeepsCapacity(seed: UInt64) {
        var random = SeededRandom(state: 0xD1B5_4A32_D192_ED03 &* (seed + 1))
        let live = RandomTables.table(&random, services: Int.random(in: 1...30, using: &random))
        let desired = RandomTables.edited(live, &random)
        let plan = TablePlanner.plan(from: live, to: desired)
        let drain = DrainPlan(plan: plan, live: live, journal: DrainJournal(), drainSeconds: 30, now: 0)
        let removals = drain.draining.map { IPVSRequest.deleteRealServer($0.server, service: $0.service) }
        #expect(PlanSimulation.firstBreak(from: live, plan: drain.first + removals, to: desired) == nil, "seed \(seed)")
    }
}
