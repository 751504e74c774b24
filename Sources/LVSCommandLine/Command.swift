import IPVSKit

/// One parsed command line: what to do, with every default filled in.
public enum Command: Hashable, Sendable {
    /// `-A`
    case addService(VirtualService)
    /// `-E`: a full replacement; whatever is not given goes back to its default.
    case editService(VirtualService)
    /// `-D`
    case deleteService(ServiceID)
    /// `-C`
    case flush
    /// `-a`
    case addRealServer(RealServer, service: ServiceID)
    /// `-e`: a full replacement, like `-E`.
    case editRealServer(RealServer, service: ServiceID)
    /// `-d`
    case deleteRealServer(RealServerID, service: ServiceID)
    /// `-L`, `-l`, or no arguments at all.
    case list(ListRequest)
    /// `-Z`: one service's counters, or all with nil.
    case zero(ServiceID?)
    /// `--set tcp tcpfin udp`
    case setTimeouts(Timeouts)
    /// `--start-daemon master|backup`
    case startDaemon(SyncDaemon)
    /// `--stop-daemon master|backup`
    case stopDaemon(SyncDaemonState)
    /// `-S`; `--json` for lvsadm's JSON document instead of rules.
    case save(numeric: Bool, format: OutputFormat = .text)
    /// `-R`: commands from standard input, one per line.
    case restore
    /// `-h`
    case help
    /// `-v`
    case version

    /// The single kernel change this command makes, if it is a write.
    public var request: IPVSRequest? {
        switch self {
        case .addService(let service): .addService(service)
        case .editService(let service): .editService(service)
        case .deleteService(let id): .deleteService(id)
        case .flush: .flush
        case .addRealServer(let server, let service): .addRealServer(server, service: service)
        case .editRealServer(let server, let service): .editRealServer(server, service: service)
        case .deleteRealServer(let server, let service): .deleteRealServer(server, service: service)
        case .zero(let id): .zero(id)
        case .setTimeouts(let timeouts): .setTimeouts(timeouts)
        case .startDaemon(let daemon): .startDaemon(daemon)
        case .stopDaemon(let state): .stopDaemon(state)
        case .list, .save, .restore, .help, .version: nil
        }
    }
}

/// How a listing or a save is written: ipvsadm's text, or lvsadm's JSON document
/// (`--json`, Docs/json.md).
public enum OutputFormat: Hashable, Sendable {
    case text
    case json
}

/// What `-L` shows, decided at parse time with ipvsadm's dispatch and precedence rules.
public struct ListRequest: Hashable, Sendable {
    /// What is listed: `-c` first, then a given service, then `--timeout`, `--daemon`,
    /// else the whole table.
    public enum Target: Hashable, Sendable {
        case table
        case service(ServiceID)
        case connections
        case timeouts
        case daemons
    }

    public var target: Target
    /// -n, the column style (`--stats` > `--rate` > ...), --exact, --nosort.
    public var options: ListingOptions
    /// `--json`: one JSON document instead of ipvsadm's text.
    public var format: OutputFormat

    public init(target: Target = .table, options: ListingOptions = ListingOptions(), format: OutputFormat = .text) {
        self.target = target
        self.options = options
        self.format = format
    }
}
