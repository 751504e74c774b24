import IPVSKit
import Testing

@testable import LVSCommandLine

/// `--json` is lvsadm's: it goes with `-L` (every listing) and `-S`, and changes nothing
/// for a command line without it.
@Suite struct JSONOptionParsingTests {
    @Test func listAndSaveTakeIt() throws {
        #expect(try parse("-L --json") == .list(ListRequest(format: .json)))
        #expect(try parse("-S --json") == .save(numeric: false, format: .json))
        #expect(try parse("-Sn --json") == .save(numeric: true, format: .json))
        #expect(
            try parse("-L -c --json")
                == .list(ListRequest(target: .connections, format: .json)))
        #expect(
            try parse("-L --json --stats -n")
                == .list(ListRequest(options: ListingOptions(numeric: true, style: .stats), format: .json)))
        #expect(
            try parse("-l -t 10.0.0.1:80 --json")
                == .list(ListRequest(target: .service(tcp(v4(10, 0, 0, 1), 80)), format: .json)))
        #expect(try parse("-L --timeout --json") == .list(ListRequest(target: .timeouts, format: .json)))
    }

    @Test func withoutItEverythingIsText() throws {
        #expect(try parse("-L -n") == .list(ListRequest(options: ListingOptions(numeric: true))))
        #expect(try parse("-S") == .save(numeric: false, format: .text))
        #expect(try parse("") == .list(ListRequest()))
    }

    @Test(arguments: [
        ("-A -t 10.0.0.1:80 --json", "add-service"),
        ("-E -t 10.0.0.1:80 --json", "edit-service"),
        ("-D -t 10.0.0.1:80 --json", "delete-service"),
        ("-C --json", "flush"),
        ("-a -t 10.0.0.1:80 -r 10.0.0.2 --json", "add-server"),
        ("-e -t 10.0.0.1:80 -r 10.0.0.2 --json", "edit-server"),
        ("-d -t 10.0.0.1:80 -r 10.0.0.2 --json", "delete-server"),
        ("-Z --json", "zero"),
        ("--set 1 2 3 --json", "set"),
        ("--start-daemon master --json", "start-daemon"),
        ("--stop-daemon master --json", "stop-daemon"),
        ("-R --json", "restore"),
    ])
    func otherCommandsRefuseIt(line: String, command: String) {
        let error = parseError(line)
        #expect(error == CommandLineError(.invalid, "Illegal 'json' option with the '\(command)' command"))
        #expect(error?.exitStatus == 2)
    }

    @Test func itIsAFlagGivenOnce() {
        #expect(
            parseError("-L --json=yes")
                == CommandLineError(.optionSyntax, "--json=yes: option does not take an argument"))
        #expect(parseError("-L --json --json") == CommandLineError(.invalid, "multiple 'json' options specified"))
        #expect(parseError("--json -L")?.kind == .tryHelp)
    }

    /// ipvsadm's rows come first, so a line ipvsadm refuses keeps ipvsadm's message even
    /// with --json on it.
    @Test func ipvsadmsMessagesComeFirst() {
        #expect(
            parseError("-A -t 10.0.0.1:80 -n --json")
                == CommandLineError(.invalid, "Illegal 'numeric' option with the 'add-service' command"))
    }

    @Test func helpIsStillIpvsadms() {
        let help = HelpText.render(programName: "ipvsadm")
        #expect(!help.contains("json") && !help.contains("netns"))
        #expect(help == HelpTextTests.golden)
    }
}
