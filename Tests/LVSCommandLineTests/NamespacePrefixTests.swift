import IPVSKit
import IPVSTesting
import Testing

@testable import LVSCommandLine

/// `--netns NAME` in front of any command line: stripped before any other dispatch, and
/// the namespace entered before the kernel is reached.
@Suite struct NamespacePrefixTests {
    /// What happened, in order: "enter PATH" and "connect".
    final class Events {
        var log: [String] = []
    }

    func invoke(
        _ arguments: [String], program: String = "lvsadm", client: ScriptedIPVSClient = ScriptedIPVSClient(),
        input: String = "", enterFails: String? = nil, events: Events = Events()
    ) -> Run {
        let output = CapturedOutput()
        let status = Program(
            programName: program, resolver: TableResolver(), output: output, input: ChunkedInput(input),
            connect: {
                events.log.append("connect")
                return client
            },
            enterNamespace: { path throws(NamespaceFailure) in
                events.log.append("enter \(path)")
                if let enterFails { throw NamespaceFailure(reason: enterFails) }
            }
        ).run(arguments)
        return Run(status: status, output: output)
    }

    @Test func bothSpellingsAreStrippedWhenFirst() throws {
        let spaced = try NamespacePrefix.split(["--netns", "blue", "-L", "-n"])
        #expect(spaced.prefix == NamespacePrefix(name: "blue"))
        #expect(spaced.rest == ["-L", "-n"])
        let joined = try NamespacePrefix.split(["--netns=blue", "-S"])
        #expect(joined.prefix == NamespacePrefix(name: "blue"))
        #expect(joined.rest == ["-S"])
        let alone = try NamespacePrefix.split(["--netns", "blue"])
        #expect(alone.rest == [])
    }

    @Test func elsewhereItIsLeftToTheGrammar() throws {
        let later = try NamespacePrefix.split(["-L", "--netns", "blue"])
        #expect(later.prefix == nil)
        #expect(later.rest == ["-L", "--netns", "blue"])
        // Only the exact option: a longer name is not it.
        #expect(try NamespacePrefix.split(["--netnsx", "blue"]).prefix == nil)
        #expect(try NamespacePrefix.split([]).prefix == nil)
    }

    @Test func namesAreUnderRunNetnsAndPathsAreTakenAsGiven() {
        #expect(NamespacePrefix(name: "blue").path == "/run/netns/blue")
        #expect(NamespacePrefix(name: "/proc/42/ns/net").path == "/proc/42/ns/net")
        #expect(NamespacePrefix(name: "./ns").path == "./ns")
    }

    @Test(arguments: [["--netns"], ["--netns="], ["--netns", ""]])
    func aMissingNameIsAUsageError(arguments: [String]) {
        let events = Events()
        let result = invoke(arguments, events: events)
        #expect(result.status == 255)
        #expect(result.stderr.hasPrefix("--netns: "))
        #expect(events.log.isEmpty)
    }

    @Test func theNamespaceIsEnteredBeforeTheKernelIsReached() {
        let events = Events()
        let client = ScriptedIPVSClient()
        let result = invoke(["--netns", "blue", "-A", "-t", "10.0.0.1:80"], client: client, events: events)
        #expect(result.status == 0)
        #expect(events.log == ["enter /run/netns/blue", "connect"])
        #expect(client.requests == [.addService(VirtualService(id: tcp(v4(10, 0, 0, 1), 80)))])
    }

    @Test func aNamespaceThatCannotBeEnteredTouchesNoTable() {
        let events = Events()
        let client = ScriptedIPVSClient()
        let result = invoke(
            ["--netns=gone", "-C"], client: client, enterFails: "No such file or directory", events: events)
        #expect(result.status == 2)
        #expect(
            result.stderr == "Cannot enter network namespace \"gone\" (/run/netns/gone): No such file or directory\n")
        #expect(result.stdout == "")
        #expect(events.log == ["enter /run/netns/gone"])
        #expect(client.requests.isEmpty && client.reads.isEmpty)
    }

    @Test func withoutThePrefixNothingIsEntered() {
        let events = Events()
        let result = invoke(["-C"], events: events)
        #expect(result.status == 0)
        #expect(events.log == ["connect"])
    }

    @Test func laterInTheLineItIsIpvsadmsUnknownOption() {
        let events = Events()
        let result = invoke(["-L", "--netns", "blue"], events: events)
        #expect(result.status == 255)
        #expect(result.stderr == "--netns: unknown option\n")
        #expect(events.log.isEmpty)
    }

    @Test func restoreReadsItsLinesInsideTheNamespace() {
        let events = Events()
        let client = ScriptedIPVSClient()
        let result = invoke(["--netns", "blue", "-R"], client: client, input: "-A -t 10.0.0.1:80\n", events: events)
        #expect(result.status == 0)
        #expect(events.log == ["enter /run/netns/blue", "connect"])
        #expect(client.requests.count == 1)
    }

    @Test func theRestoreWrapperTakesThePrefixToo() {
        let events = Events()
        let client = ScriptedIPVSClient()
        let result = invoke(
            ["--netns", "blue"], program: "/usr/sbin/lvsadm-restore", client: client, input: "#x\n-A -t 10.0.0.1:80\n",
            events: events)
        #expect(result.status == 0)
        #expect(events.log.first == "enter /run/netns/blue")
        #expect(client.requests == [.flush, .addService(VirtualService(id: tcp(v4(10, 0, 0, 1), 80)))])
    }

    @Test func theSaveWrapperTakesThePrefixToo() {
        let events = Events()
        let client = ScriptedIPVSClient()
        client.servicesTable = [ServiceEntry(service: VirtualService(id: tcp(v4(10, 0, 0, 1), 80), scheduler: "rr"))]
        let result = invoke(["--netns", "blue", "-n"], program: "lvsadm-save", client: client, events: events)
        #expect(result.status == 0)
        #expect(result.stdout == "-A -t 10.0.0.1:80 -s rr\n")
        #expect(events.log.first == "enter /run/netns/blue")
    }
}
