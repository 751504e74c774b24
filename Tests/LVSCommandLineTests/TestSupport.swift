import IPVSKit
import IPVSTesting
import LVSCommandLine

/// A name resolver answering from fixed tables, like a machine with a known /etc/hosts
/// and /etc/services.
struct TableResolver: NameResolver {
    var hosts: [String: IPv4Address] = [
        "localhost": IPv4Address(127, 0, 0, 1),
        "web.example.test": IPv4Address(10, 0, 0, 1),
    ]
    var services: [String: [IPProtocol: UInt16]] = [
        "http": [.tcp: 80, .udp: 80, .sctp: 80],
        "domain": [.tcp: 53, .udp: 53],
        "http-alt": [.tcp: 8080],
    ]

    func ipv4Address(ofHost name: String) -> IPv4Address? { hosts[name] }
    func port(ofService name: String, protocol: IPProtocol) -> UInt16? { services[name]?[`protocol`] }
    func hostName(of address: IPAddress) -> String? {
        hosts.first { IPAddress.v4($0.value) == address }?.key
    }
    func serviceName(ofPort port: UInt16, protocol: IPProtocol) -> String? {
        services.first { $0.value[`protocol`] == port }?.key
    }
}

/// Parses a command line written as one string (split at blanks).
func parse(_ line: String, program: String = "ipvsadm") throws(CommandLineError) -> Command {
    let parser = CommandLineParser(programName: program, resolver: TableResolver())
    return try parser.parse(line.split(separator: " ").map(String.init))
}

/// The error a command line gets, or nil if it parses.
func parseError(_ line: String) -> CommandLineError? {
    do {
        _ = try parse(line)
        return nil
    } catch {
        return error
    }
}

/// One run of the program against a scripted client.
struct Run {
    var status: Int32
    var output: CapturedOutput
    var stdout: String { output.standardOutput }
    var stderr: String { output.standardError }
}

func run(
    _ arguments: [String], client: ScriptedIPVSClient = ScriptedIPVSClient(), input: String = "",
    connectError: (any Error)? = nil, program: String = "ipvsadm"
) -> Run {
    let output = CapturedOutput()
    let status = Program(
        programName: program, resolver: TableResolver(), output: output, input: ChunkedInput(input),
        connect: {
            if let connectError { throw connectError }
            return client
        }
    ).run(arguments)
    return Run(status: status, output: output)
}

func run(_ line: String, client: ScriptedIPVSClient = ScriptedIPVSClient(), input: String = "") -> Run {
    run(line.split(separator: " ").map(String.init), client: client, input: input)
}

func v4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> IPAddress { .v4(IPv4Address(a, b, c, d)) }

func tcp(_ address: IPAddress, _ port: UInt16) -> ServiceID { .address(.tcp, address, port: port) }
