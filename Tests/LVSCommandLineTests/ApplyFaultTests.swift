import IPVSKit
import IPVSTesting
import Testing

@testable import LVSCommandLine

/// apply when the exchange with the kernel breaks (`perform` throws, as on ENOBUFS or
/// EINTR) after the kernel carried out part of a batch. The kernel's part is stated by
/// the test: the requests it carried out, played on the table with `PlanSimulation`.
@Suite struct ApplyFaultTests {
    let web = tcp(v4(10, 0, 0, 1), 80)
    let old = tcp(v4(10, 0, 0, 1), 81)
    let journalPath = "/var/lib/lvsadm/drain"
    func server(_ last: UInt8, weight: UInt32 = 1) -> RealServer {
        RealServer(address: v4(192, 168, 0, last), port: 80, forwarding: .masquerade, weight: weight)
    }

    /// web with .1 (weight 1) and .3 (weight 5); :81 with .9.
    var start: IPVSTable {
        IPVSTable(services: [
            TableService(VirtualService(id: web, scheduler: "wlc"), realServers: [server(1), server(3, weight: 5)]),
            TableService(VirtualService(id: old, scheduler: "rr"), realServers: [server(9)]),
        ])
    }
    /// .1 raised to 2, .3 replaced by .2, :81 removed. The plan: raise .1, add .2, remove
    /// .3 (with a drain: .3 to weight 0, removed after the drain), remove :81.
    let rules = """
        -A -t 10.0.0.1:80 -s wlc
        -a -t 10.0.0.1:80 -r 192.168.0.1:80 -m -w 2
        -a -t 10.0.0.1:80 -r 192.168.0.2:80 -m -w 1

        """

    /// The scripted kernel: `table`, stated on the client whenever it changes.
    final class Kernel {
        let client = ScriptedIPVSClient()
        var table: IPVSTable {
            didSet { state() }
        }
        init(_ table: IPVSTable) {
            self.table = table
            state()
        }
        func state() { script(client, table.services.map { ($0.service, $0.realServers) }) }
        /// Carries out `requests`.
        func carry(_ requests: some Sequence<IPVSRequest>) {
            table = PlanSimulation.applied(Array(requests), to: table)
        }
    }

    static let noBuffers = IPVSError(
        errno: Errno.ENOBUFS, operation: .addRealServer,
        origin: .local(detail: "receiving replies: No buffer space available"))
    static let interrupted = IPVSError(
        errno: 4, operation: .editRealServer, origin: .local(detail: "receiving replies: Interrupted system call"))

    // MARK: The first batch breaks

    @Test(arguments: [false, true])
    func aFirstBatchBrokenMidwayIsUndoneFromWhatTheKernelDid(drain: Bool) {
        let kernel = Kernel(start)
        kernel.client.beforePerform = { call, requests in
            if call == 0 {
                // The first three requests reached the kernel, then the answers were lost.
                kernel.carry(requests.prefix(3))
                throw Self.noBuffers
            }
            kernel.carry(requests)
        }
        let host = MemoryHost()
        let arguments = drain ? ["apply", "--drain", "30"] : ["apply"]
        let result = runApply(arguments, client: kernel.client, host: host, input: rules)

        #expect(result.status == 1)
        #expect(result.stderr == "sending the changes: No buffer space available\nnothing was changed\n")
        #expect(PlanSimulation.normalised(kernel.table) == PlanSimulation.normalised(start))
        #expect(host.files[journalPath] == nil)
        #expect(kernel.client.batches.count == 2)
        let web = self.web
        if drain {
            #expect(
                kernel.client.batches.first == [
                    .editRealServer(server(1, weight: 2), service: web), .addRealServer(server(2), service: web),
                    .editRealServer(server(3, weight: 0), service: web), .deleteService(old),
                ])
            // Back from what the kernel did, capacity first: .3's weight, then .1's, then .2.
            #expect(
                kernel.client.batches.last == [
                    .editRealServer(server(3, weight: 5), service: web), .editRealServer(server(1), service: web),
                    .deleteRealServer(server(2).id, service: web),
                ])
        } else {
            #expect(
                kernel.client.batches.last == [
                    .addRealServer(server(3, weight: 5), service: web), .editRealServer(server(1), service: web),
                    .deleteRealServer(server(2).id, service: web),
                ])
        }
    }

    @Test func aBrokenBatchLeavesAnUnfinishedDrainRecordedAsItWas() {
        // An earlier apply was killed while draining .3 (at weight 0, deadline in the
        // journal); the journal also names :81's .9, which this plan removes with its
        // service, so the journal this apply writes differs from the one it must restore.
        var table = start
        table.services[0].realServers[1].weight = 0
        let kernel = Kernel(table)
        let journal = Array(
            "# lvsadm drain journal\n1000020 -d -t 10.0.0.1:80 -r 192.168.0.3:80\n1000020 -d -t 10.0.0.1:81 -r 192.168.0.9:80\n"
                .utf8)
        let host = MemoryHost()
        host.files[journalPath] = journal
        kernel.client.beforePerform = { call, requests in
            if call == 0 {
                kernel.carry(requests.prefix(1))
                throw Self.interrupted
            }
            kernel.carry(requests)
        }
        let result = runApply(["apply"], client: kernel.client, host: host, input: rules)
        #expect(result.status == 1)
        #expect(result.stderr == "sending the changes: Interrupted system call\nnothing was changed\n")
        #expect(PlanSimulation.normalised(kernel.table) == PlanSimulation.normalised(table))
        #expect(host.files[journalPath] == journal)
    }

    // MARK: A later batch breaks

    /// The kernel refuses the last write; the undo of the others breaks after its first
    /// request: the table is read again and brought back from there.
    @Test(arguments: [false, true])
    func anUndoBrokenMidwayIsFinishedFromWhatTheKernelDid(drain: Bool) {
        let kernel = Kernel(start)
        kernel.client.beforePerform = { call, requests in
            switch call {
            case 0:
                kernel.carry(requests.dropLast())
                kernel.client.queuedAnswers = requests.indices.map { $0 == requests.count - 1 ? Errno.EPERM : nil }
            case 1:
                kernel.carry(requests.prefix(1))
                throw Self.interrupted
            default:
                kernel.carry(requests)
            }
        }
        let host = MemoryHost()
        let arguments = drain ? ["apply", "--drain", "30"] : ["apply"]
        let result = runApply(arguments, client: kernel.client, host: host, input: rules)

        #expect(result.status == 1)
        #expect(result.stderr == "-D -t 10.0.0.1:81: Permission denied (you must be root)\nnothing was changed\n")
        #expect(kernel.client.batches.count == 3)
        #expect(PlanSimulation.normalised(kernel.table) == PlanSimulation.normalised(start))
        #expect(host.files[journalPath] == nil)
    }

    /// Undoing breaks and the table cannot be read back either: status 3, and the message
    /// says the table is not as it was.
    @Test func aBrokenExchangeThatCannotBeUndoneSaysSo() {
        let kernel = Kernel(start)
        kernel.client.beforePerform = { call, requests in
            if call == 0 {
                kernel.carry(requests.prefix(2))
                kernel.client.readErrors[.listServices] = Errno.ENOMEM
                throw Self.noBuffers
            }
        }
        let result = runApply(["apply"], client: kernel.client, input: rules)
        #expect(result.status == 3)
        #expect(
            result.stderr == """
                sending the changes: No buffer space available
                undoing failed: Memory allocation problem; the table is not as it was

                """)
        #expect(kernel.client.batches.count == 1)
    }

    /// The removals after a drain: the first batch stands (the drain is done), the
    /// servers not removed stay at weight 0 and in the journal, for the next apply.
    @Test func aBrokenRemovalAfterTheDrainKeepsTheJournal() {
        let kernel = Kernel(start)
        kernel.client.beforePerform = { call, requests in
            if call == 1 { throw Self.noBuffers }
            kernel.carry(requests)
        }
        let host = MemoryHost()
        let result = runApply(["apply", "--drain", "30"], client: kernel.client, host: host, input: rules)
        #expect(result.status == 3)
        #expect(
            result.stderr
                == "removing drained servers: No buffer space available\nthe drained servers stay at weight 0\n")
        #expect(kernel.client.batches.count == 2)
        #expect(host.text(journalPath) == "# lvsadm drain journal\n1000030 -d -t 10.0.0.1:80 -r 192.168.0.3:80\n")

        // The next apply, without --drain, finishes the drain (its deadline is passed).
        kernel.client.beforePerform = { _, requests in kernel.carry(requests) }
        host.clock += 60
        let next = runApply(["apply"], client: kernel.client, host: host, input: rules)
        #expect(next.status == 0)
        #expect(kernel.client.batches.last == [.deleteRealServer(server(3).id, service: web)])
        #expect(host.files[journalPath] == nil)
    }
}
