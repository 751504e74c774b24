import ArgumentParser
import LVSDaemon

/// `lvsadmd ctl`: one request to a running lvsadmd over its control socket.
struct CtlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ctl", abstract: "Talk to a running lvsadmd.",
        subcommands: [Status.self, Reload.self, MaintenanceCommand.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each managed real server: weight, state, since when.")
        /// lvsadmd's `--socket`, given before or after `ctl`.
        @ParentCommand var daemon: LvsadmdCommand
        func run() throws { try CtlCommand.send(["status"], daemon.socket) }
    }

    struct Reload: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-read the configuration (as SIGHUP), and say how it went.")
        /// lvsadmd's `--socket`, given before or after `ctl`.
        @ParentCommand var daemon: LvsadmdCommand
        func run() throws { try CtlCommand.send(["reload"], daemon.socket) }
    }

    struct MaintenanceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "maintenance",
            abstract: "Drain a real server to weight 0 (on), or give it back to its checks (off).",
            discussion: """
                ADDRESS alone drains every real server on that host; ADDRESS:PORT that real \
                server in every service; with a service option, in that service only. Health \
                never overrides maintenance, and it is kept across restarts.
                """)

        enum Switch: String, ExpressibleByArgument { case on, off }

        @Argument(help: "on or off") var state: Switch
        @Argument(
            help: ArgumentHelp("The real server: ADDRESS or ADDRESS:PORT ([IPv6]:PORT).", valueName: "address[:port]"))
        var server: String
        @Option(name: [.customShort("t"), .customLong("tcp-service")], help: "Only in this TCP service.")
        var tcpService: String?
        @Option(name: [.customShort("u"), .customLong("udp-service")], help: "Only in this UDP service.")
        var udpService: String?
        @Option(name: .customLong("sctp-service"), help: "Only in this SCTP service.") var sctpService: String?
        @Option(name: [.customShort("f"), .customLong("fwmark-service")], help: "Only in this firewall-mark service.")
        var fwmarkService: String?
        @Flag(name: [.customShort("6"), .customLong("ipv6")], help: "The firewall-mark service is IPv6.") var ipv6 =
            false
        /// lvsadmd's `--socket`, given before or after `ctl`.
        @ParentCommand var daemon: LvsadmdCommand

        func validate() throws {
            let given = [tcpService, udpService, sctpService, fwmarkService].compactMap { $0 }
            guard given.count <= 1 else { throw ValidationError("give at most one service") }
            if ipv6 && fwmarkService == nil { throw ValidationError("-6 goes with -f") }
        }

        /// As ipvsadm options, which the daemon reads as a `-D` line would.
        var serviceWords: [String] {
            if let tcpService { return ["-t", tcpService] }
            if let udpService { return ["-u", udpService] }
            if let sctpService { return ["--sctp-service", sctpService] }
            if let fwmarkService { return ["-f", fwmarkService] + (ipv6 ? ["-6"] : []) }
            return []
        }

        func run() throws {
            try CtlCommand.send(["maintenance", state.rawValue, server] + serviceWords, daemon.socket)
        }
    }

    /// Prints the reply on standard output when done, on standard error (status 1) when refused.
    static func send(_ words: [String], _ path: String) throws {
        let reply: ControlReply
        do {
            reply = try ControlClient.send(words, to: path)
        } catch {
            throw CleanExit.message(error.message, status: 2)
        }
        if reply.succeeded {
            print(reply.text, terminator: "")
        } else {
            throw CleanExit.message(reply.text.hasSuffix("\n") ? String(reply.text.dropLast()) : reply.text, status: 1)
        }
    }
}

/// A message for standard error and an exit status, thrown to the top (`main.swift`).
enum CleanExit: Error {
    case message(String, status: Int32)
}
