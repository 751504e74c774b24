/// Shell completion scripts, derived from the grammar table: the commands, the options
/// each command accepts (the matrix's non-illegal cells), the values of `-s`, `--tun-type`
/// and the daemon commands, and, after `-t`/`-u`/`--sctp-service`/`-f`, the virtual
/// services the kernel has right now (read with `-S -n` when the user presses Tab).
///
/// The scripts are committed under `Scripts/director/completion/`; a test regenerates them
/// and fails when they differ, so they cannot drift from the table.
public enum Completion {
    /// Every scheduler the kernel ships (`ip_vs_*` modules).
    public static let schedulers = [
        "rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh",
    ]
    static let tunnelTypes = ["ipip", "gue", "gre"]
    static let daemonStates = ["master", "backup"]
    /// lvsadm's own commands (not ipvsadm grammar, see `ApplyArguments`): they take a
    /// rules file and these options.
    static let subcommands: [(name: String, options: [String])] = ApplyArguments.Mode.allCases.map {
        ($0.rawValue, ApplyArguments.options(for: $0))
    }
    /// The prefix that runs a command in a network namespace (`NamespacePrefix`).
    static let namespaceSwitch = NamespacePrefix.option
    /// Program names the scripts complete.
    static let programs = ["lvsadm", "ipvsadm"]

    /// Every spelling of a switch: `-A --add-service`.
    static func spellings(_ item: Switch) -> [String] {
        item.shortNames.map { "-\($0)" } + ["--\(item.longName)"]
    }

    static var commandSwitches: [(CommandKind, Switch)] {
        Grammar.switches.compactMap { item in
            if case .command(let kind) = item.role { return (kind, item) }
            return nil
        }
    }

    /// The option spellings worth offering after a command: the tracked options the matrix
    /// does not refuse; `-6` (outside the matrix) where a service may be named, since it
    /// only means something after `-f`; `--sort` (a no-op) with the list command.
    static func options(for command: CommandKind) -> [String] {
        guard command.matrixColumn != nil else { return [] }
        return Grammar.switches.flatMap { item -> [String] in
            let offered: Bool
            switch item.role {
            case .command: return []
            case .ipv6: offered = TrackedOption.serviceAddress.rule(for: command) != .illegal
            case .sort: offered = command == .list
            default: offered = item.role.tracked.map { $0.rule(for: command) != .illegal } ?? true
            }
            return offered ? spellings(item) : []
        }
    }

    /// Spellings of the switches whose value is one of a fixed list.
    static let valueLists: [(switches: [String], values: [String])] = [
        (["-s", "--scheduler"], schedulers),
        (["--tun-type"], tunnelTypes),
        (["--start-daemon", "--stop-daemon"], daemonStates),
    ]

    /// Service switches and the flag `-S -n` writes for each kind of service.
    static let serviceSwitches: [(switches: [String], saveFlag: String)] = [
        (["-t", "--tcp-service"], "-t"), (["-u", "--udp-service"], "-u"),
        (["--sctp-service"], "--sctp-service"), (["-f", "--fwmark-service"], "-f"),
    ]

    /// Commands after which a service switch completes to the kernel's services.
    static let commandsNamingServices: [CommandKind] = [
        .addServer, .editServer, .deleteServer, .editService, .deleteService, .zero, .list,
    ]

    static func caseLabel(_ words: [String]) -> String { words.joined(separator: "|") }
    static func commandSpellings(_ kinds: [CommandKind]) -> [String] {
        commandSwitches.filter { kinds.contains($0.0) }.flatMap { spellings($0.1) }
    }
}
