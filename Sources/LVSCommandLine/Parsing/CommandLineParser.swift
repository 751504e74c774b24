import IPVSKit

/// Turns one command line into a `Command`, or the error ipvsadm would give for it.
///
/// Steps, in ipvsadm's order (the order decides which message a bad line gets):
/// 1. the first switch must be a command (else "Try ... -h", 255); `-h`/`-v` end here;
/// 2. the other switches left to right, each value checked at once; popt's own errors
///    (255) and a second command (`invalid option`) stop the scan;
/// 3. `--set`'s three values, then any positional argument left over;
/// 4. `-b` against the final scheduler;
/// 5. the command-by-option matrix, then the semantic checks; then defaults.
public struct CommandLineParser: Sendable {
    /// argv[0] as typed; it appears in the "Try ... -h" message.
    public var programName: String
    public var resolver: NameResolver

    public init(programName: String, resolver: NameResolver) {
        self.programName = programName
        self.resolver = resolver
    }

    /// Parses the arguments after argv[0]. No arguments at all is `-L` with names.
    public func parse(_ arguments: [String]) throws(CommandLineError) -> Command {
        if arguments.isEmpty { return .list(ListRequest()) }
        var scanner = PoptScanner(arguments)
        guard case .option(let first, let firstValue)? = scanner.nextEvent(), case .command(let kind) = first.role
        else {
            throw .tryHelp(programName: programName)
        }
        var state = ParseState(command: kind)
        switch kind {
        case .help: return .help
        case .version: return .version
        case .startDaemon:
            state.daemonState = try Self.daemonState(firstValue, else: "illegal start-daemon parameter specified")
        // sic: ipvsadm's stop message says start_daemon.
        case .stopDaemon: state.daemonState = try Self.daemonState(firstValue, else: "illegal start_daemon specified")
        default: break
        }

        while let event = scanner.nextEvent() {
            switch event {
            case .error(let problem):
                throw CommandLineError(.optionSyntax, "\(scanner.lastConsumed): \(problem.rawValue)")
            case .option(let spec, let value):
                if case .command = spec.role { throw .invalid("invalid option `\(scanner.lastConsumed)'") }
                try state.apply(spec.role, value: value, resolver: resolver)
            }
        }

        var leftovers = scanner.leftovers[...]
        if kind == .setTimeouts {
            guard leftovers.count >= 3 else { throw .invalid("--set option requires 3 timeout values") }
            let values = try leftovers.prefix(3).map { (text: String) throws(CommandLineError) -> UInt32 in
                guard let n = NumberText.number(text, in: 0...2_678_400), let value = UInt32(exactly: n) else {
                    throw .invalid("invalid timeout value `\(text)' specified")
                }
                return value
            }
            state.timeouts = Timeouts(tcp: values[0], tcpFin: values[1], udp: values[2])
            leftovers = leftovers.dropFirst(3)
        }
        if let stray = leftovers.first { throw .invalid("unexpected argument \(stray)") }

        if let text = state.schedulerFlagsText {
            state.schedulerFlags = try SchedulerFlagsText.parse(text, scheduler: state.scheduler ?? "wlc")
        }
        try MatrixCheck.check(state)
        try SemanticChecks.check(&state)
        return try CommandBuilder.build(state)
    }

    private static func daemonState(_ value: String?, else message: String) throws(CommandLineError) -> SyncDaemonState
    {
        switch value {
        case "master": .master
        case "backup": .backup
        default: throw .invalid(message)
        }
    }
}
