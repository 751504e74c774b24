/// The command-line grammar as data: every command and option of ipvsadm 1.31, its
/// spellings, how it takes a value, and its help text. Parsing, the help text and (through
/// `TrackedOption.rule(for:)`) the matrix check are all derived from here; a unit test checks
/// the table itself (unique names, a matrix row for every option and command).
///
/// The order is the help text's order. Options of lvsadm's own come last and have no help
/// entry: `-h` prints ipvsadm's text byte for byte (Docs/lvsadm.8 documents them).
public enum Grammar {
    private static func cmd(_ syntax: String, _ text: String...) -> HelpEntry {
        HelpEntry(section: .commands, syntax: syntax, description: text)
    }
    private static func svc(_ syntax: String, _ text: String...) -> HelpEntry {
        HelpEntry(section: .virtualService, syntax: syntax, description: text)
    }
    private static func opt(_ syntax: String, _ text: String...) -> HelpEntry {
        HelpEntry(section: .options, syntax: syntax, description: text)
    }
    private static func daemon(_ syntax: String, _ text: String...) -> HelpEntry {
        HelpEntry(section: .daemonOptions, syntax: syntax, description: text)
    }

    public static let switches: [Switch] = [
        // MARK: Commands
        Switch(
            "A", "add-service", .none, .command(.addService),
            help: cmd("--add-service     -A", "add virtual service with options")),
        Switch(
            "E", "edit-service", .none, .command(.editService),
            help: cmd("--edit-service    -E", "edit virtual service with options")),
        Switch(
            "D", "delete-service", .none, .command(.deleteService),
            help: cmd("--delete-service  -D", "delete virtual service")),
        Switch(
            "C", "clear", .none, .command(.flush),
            help: cmd("--clear           -C", "clear the whole table")),
        Switch(
            "R", "restore", .none, .command(.restore),
            help: cmd("--restore         -R", "restore rules from stdin")),
        Switch(
            "S", "save", .none, .command(.save),
            help: cmd("--save            -S", "save rules to stdout")),
        Switch(
            "a", "add-server", .none, .command(.addServer),
            help: cmd("--add-server      -a", "add real server with options")),
        Switch(
            "e", "edit-server", .none, .command(.editServer),
            help: cmd("--edit-server     -e", "edit real server with options")),
        Switch(
            "d", "delete-server", .none, .command(.deleteServer),
            help: cmd("--delete-server   -d", "delete real server")),
        Switch(
            "Ll", "list", .none, .command(.list),
            help: cmd("--list            -L|-l", "list the table")),
        Switch(
            "Z", "zero", .none, .command(.zero),
            help: cmd("--zero            -Z", "zero counters in a service or all services")),
        Switch(
            "", "set", .threePositionals, .command(.setTimeouts),
            help: cmd("--set tcp tcpfin udp", "set connection timeout values")),
        Switch(
            "", "start-daemon", .required, .command(.startDaemon),
            help: cmd("--start-daemon", "start connection sync daemon")),
        Switch(
            "", "stop-daemon", .required, .command(.stopDaemon),
            help: cmd("--stop-daemon", "stop connection sync daemon")),
        Switch(
            "h", "help", .none, .command(.help),
            help: cmd("--help            -h", "display this help message")),
        Switch("v", "version", .none, .command(.version)),

        // MARK: Virtual service
        Switch(
            "t", "tcp-service", .required, .service(.tcp),
            help: svc("--tcp-service|-t  service-address", "service-address is host[:port]")),
        Switch(
            "u", "udp-service", .required, .service(.udp),
            help: svc("--udp-service|-u  service-address", "service-address is host[:port]")),
        Switch(
            "", "sctp-service", .required, .service(.sctp),
            help: svc("--sctp-service    service-address", "service-address is host[:port]")),
        Switch(
            "f", "fwmark-service", .required, .service(.fwmark),
            help: svc("--fwmark-service|-f fwmark", "fwmark is an integer greater than zero")),

        // MARK: Options
        Switch("6", "ipv6", .none, .ipv6, help: opt("--ipv6         -6", "fwmark entry uses IPv6")),
        Switch(
            "s", "scheduler", .required, .option(.scheduler),
            help: opt(
                "--scheduler    -s scheduler", "one of rr|wrr|lc|wlc|lblc|lblcr|dh|sh|sed|nq|fo|ovf|mh,",
                "the default scheduler is wlc.")),
        Switch(
            "", "pe", .required, .option(.persistenceEngine),
            help: opt("--pe            engine", "alternate persistence engine may be sip,", "not set by default.")),
        Switch(
            "p", "persistent", .optional, .option(.persistent),
            help: opt("--persistent   -p [timeout]", "persistent service")),
        Switch(
            "M", "netmask", .required, .option(.netmask),
            help: opt("--netmask      -M netmask", "persistent granularity mask")),
        Switch(
            "r", "real-server", .required, .option(.realServer),
            help: opt("--real-server  -r server-address", "server-address is host (and port)")),
        Switch(
            "g", "gatewaying", .none, .forwarding(.directRoute),
            help: opt("--gatewaying   -g", "gatewaying (direct routing) (default)")),
        Switch(
            "i", "ipip", .none, .forwarding(.tunnel), help: opt("--ipip         -i", "ipip encapsulation (tunneling)")),
        Switch(
            "m", "masquerading", .none, .forwarding(.masquerade),
            help: opt("--masquerading -m", "masquerading (NAT)")),
        Switch(
            "", "tun-type", .required, .option(.tunnelType),
            help: opt("--tun-type      type", "one of ipip|gue|gre,", "the default tunnel type is ipip.")),
        Switch(
            "", "tun-port", .required, .option(.tunnelPort),
            help: opt("--tun-port      port", "tunnel destination port")),
        Switch(
            "", "tun-nocsum", .none, .option(.tunnelNoChecksum),
            help: opt("--tun-nocsum", "tunnel encapsulation without checksum")),
        Switch(
            "", "tun-csum", .none, .option(.tunnelChecksum),
            help: opt("--tun-csum", "tunnel encapsulation with checksum")),
        Switch(
            "", "tun-remcsum", .none, .option(.tunnelRemoteChecksum),
            help: opt("--tun-remcsum", "tunnel encapsulation with remote checksum")),
        Switch(
            "w", "weight", .required, .option(.weight), help: opt("--weight       -w weight", "capacity of real server")
        ),
        Switch(
            "x", "u-threshold", .required, .option(.upperThreshold),
            help: opt("--u-threshold  -x uthreshold", "upper threshold of connections")),
        Switch(
            "y", "l-threshold", .required, .option(.lowerThreshold),
            help: opt("--l-threshold  -y lthreshold", "lower threshold of connections")),
        Switch(
            "c", "connection", .none, .option(.connection),
            help: opt("--connection   -c", "output of current IPVS connections")),
        Switch("", "timeout", .none, .option(.timeout), help: opt("--timeout", "output of timeout (tcp tcpfin udp)")),
        Switch("", "daemon", .none, .option(.daemon), help: opt("--daemon", "output of daemon information")),
        Switch("", "stats", .none, .option(.stats), help: opt("--stats", "output of statistics information")),
        Switch("", "rate", .none, .option(.rate), help: opt("--rate", "output of rate information")),
        Switch("X", "exact", .none, .option(.exact), help: opt("--exact", "expand numbers (display exact values)")),
        Switch(
            "", "thresholds", .none, .option(.thresholds), help: opt("--thresholds", "output of thresholds information")
        ),
        Switch(
            "", "persistent-conn", .none, .option(.persistentConnections),
            help: opt("--persistent-conn", "output of persistent connection info")),
        Switch("", "tun-info", .none, .option(.tunnelInfo), help: opt("--tun-info", "output of tunnel information")),
        Switch(
            "", "nosort", .none, .option(.noSort),
            help: opt("--nosort", "disable sorting output of service/server entries")),
        Switch("", "sort", .none, .sort, help: opt("--sort", "does nothing, for backwards compatibility")),
        Switch("o", "ops", .none, .option(.onePacket), help: opt("--ops          -o", "one-packet scheduling")),
        Switch(
            "n", "numeric", .none, .option(.numeric),
            help: opt("--numeric      -n", "numeric output of addresses and ports")),
        Switch(
            "b", "sched-flags", .required, .option(.schedulerFlags),
            help: opt("--sched-flags  -b flags", "scheduler flags (comma-separated)")),

        // MARK: Daemon options
        Switch(
            "", "syncid", .required, .option(.syncID),
            help: daemon("--syncid sid", "syncid for connection sync (default=255)")),
        Switch(
            "", "sync-maxlen", .required, .option(.syncMaxLength),
            help: daemon("--sync-maxlen length", "Max sync message length (default=1472)")),
        Switch(
            "", "mcast-interface", .required, .option(.multicastInterface),
            help: daemon("--mcast-interface interface", "multicast interface for connection sync")),
        Switch(
            "", "mcast-group", .required, .option(.multicastGroup),
            help: daemon("--mcast-group address", "IPv4/IPv6 group (default=224.0.0.81)")),
        Switch(
            "", "mcast-port", .required, .option(.multicastPort),
            help: daemon("--mcast-port port", "UDP port (default=8848)")),
        Switch(
            "", "mcast-ttl", .required, .option(.multicastTTL),
            help: daemon("--mcast-ttl ttl", "Multicast TTL (default=1)")),

        // MARK: lvsadm's own options (not ipvsadm's: no help entry, so `-h` stays ipvsadm's)
        Switch("", "json", .none, .option(.json), lvsadmOnly: true),
    ]

    /// The switch spelled `-c` (one character of a cluster), if any.
    static func switchFor(short: Character) -> Switch? {
        guard let ascii = short.asciiValue, let index = shortIndex[Int(ascii)] else { return nil }
        return switches[index]
    }

    /// The switch spelled `--name` exactly (popt takes no abbreviations), if any.
    static func switchFor(long: Substring) -> Switch? {
        longIndex[String(long)].map { switches[$0] }
    }

    /// Index into `switches` by ASCII short name. `-R` looks up every option of every line,
    /// and a linear search comparing `Character`s would weigh on a long restore. The
    /// first switch with a name wins, as in a search from the start (`GrammarTableTests` keeps the
    /// names unique).
    private static let shortIndex: [Int?] = {
        var table = [Int?](repeating: nil, count: 128)
        for (index, entry) in switches.enumerated() {
            for name in entry.shortNames {
                if let ascii = name.asciiValue, table[Int(ascii)] == nil { table[Int(ascii)] = index }
            }
        }
        return table
    }()

    private static let longIndex: [String: Int] = {
        var table: [String: Int] = [:]
        for (index, entry) in switches.enumerated() where table[entry.longName] == nil {
            table[entry.longName] = index
        }
        return table
    }()
}
