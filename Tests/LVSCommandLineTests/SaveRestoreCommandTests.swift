import IPVSKit
import IPVSTesting
import Testing

@testable import LVSCommandLine

/// lvsadm-save and lvsadm-restore (and the ipvsadm- names): one binary, argv[0] decides.
@Suite struct SaveRestoreCommandTests {
    func invoke(_ name: String, _ arguments: [String], client: ScriptedIPVSClient, input: String = "") -> Run {
        let output = CapturedOutput()
        let status = Program(
            programName: name, resolver: TableResolver(), output: output, input: ChunkedInput(input),
            connect: { client }
        ).run(arguments)
        return Run(status: status, output: output)
    }

    @Test func namesDecide() {
        #expect(Invocation(programName: "/usr/sbin/lvsadm-save") == .save)
        #expect(Invocation(programName: "ipvsadm-restore") == .restore)
        #expect(Invocation(programName: "/sbin/ipvsadm") == .commandLine)
        #expect(Invocation(programName: "lvsadm") == .commandLine)
    }

    @Test func saveWritesTheRules() {
        let client = ScriptedIPVSClient()
        client.servicesTable = [ServiceEntry(service: VirtualService(id: tcp(v4(10, 0, 0, 1), 80), scheduler: "rr"))]
        let result = invoke("lvsadm-save", ["-n"], client: client)
        #expect(result.status == 0)
        #expect(result.stdout == "-A -t 10.0.0.1:80 -s rr\n")
    }

    @Test func saveRefusesOtherOptionsWithItsUsage() {
        let result = invoke("/sbin/ipvsadm-save", ["-x"], client: ScriptedIPVSClient())
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("ipvsadm-save: Script to save the IPVS table to stdout.\n"))
        #expect(result.stdout == "")
    }

    @Test func restoreDropsCommentsClearsThenRestores() {
        let client = ScriptedIPVSClient()
        let result = invoke(
            "lvsadm-restore", [], client: client,
            input: "# saved\n-A -t 10.0.0.1:80 -s rr\n#-C\n-a -t 10.0.0.1:80 -r 10.0.0.2 -m\n\n")
        #expect(result.status == 0)
        let id = tcp(v4(10, 0, 0, 1), 80)
        #expect(
            client.requests == [
                .flush, .addService(VirtualService(id: id, scheduler: "rr")),
                .addRealServer(RealServer(address: v4(10, 0, 0, 2), port: 80, forwarding: .masquerade), service: id),
            ])
    }

    @Test func restoreEndsWithTheRestoresStatus() {
        let client = ScriptedIPVSClient()
        client.queuedAnswers = [nil, Errno.EEXIST]
        let result = invoke("ipvsadm-restore", [], client: client, input: "-A -t 10.0.0.1:80")
        #expect(result.status == 255)
        #expect(result.stderr == "line 1: Service already exists\n")
    }
}
