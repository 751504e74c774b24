/// How a switch takes its value, as popt sees it.
public enum ValueKind: Hashable, Sendable {
    /// A flag (`-n`). `--long=value` is refused ("option does not take an argument").
    case none
    /// The value is attached (`-p600`, `--persistent=600`) or the next argument, whatever
    /// it looks like (`-f -5` gives the fwmark "-5").
    case required
    /// Like `.required`, but a next argument starting with `-` is not taken (`-p -t ...`).
    case optional
    /// No value of its own, but the command takes three positional arguments (`--set`).
    case threePositionals
}

/// What a switch does once recognised.
public enum SwitchRole: Hashable, Sendable {
    case command(CommandKind)
    case option(OptionKey)
}

/// Every option that is not a command; several spell the same tracked option.
public enum OptionKey: Int, Hashable, Sendable, CaseIterable {
    case tcpService, udpService, sctpService, fwmarkService, ipv6
    case scheduler, persistent, netmask, realServer
    case gatewaying, ipip, masquerading, weight, upperThreshold, lowerThreshold
    case connection, numeric, timeout, daemon, stats, rate, thresholds, persistentConnections
    case tunnelInfo, noSort, sort, exact, onePacket, persistenceEngine, schedulerFlags
    case multicastInterface, syncID, syncMaxLength, multicastGroup, multicastPort, multicastTTL
    case tunnelType, tunnelPort, tunnelNoChecksum, tunnelChecksum, tunnelRemoteChecksum
    /// lvsadm's `--json` (not ipvsadm's).
    case json

    /// The matrix row this option counts as; nil for `-6` and `--sort`, which may repeat
    /// and which no command refuses.
    public var tracked: TrackedOption? {
        switch self {
        case .tcpService, .udpService, .sctpService, .fwmarkService: .serviceAddress
        case .ipv6, .sort: nil
        case .scheduler: .scheduler
        case .persistent: .persistent
        case .netmask: .netmask
        case .realServer: .realServer
        case .gatewaying, .ipip, .masquerading: .forwardingMethod
        case .weight: .weight
        case .upperThreshold: .upperThreshold
        case .lowerThreshold: .lowerThreshold
        case .connection: .connection
        case .numeric: .numeric
        case .timeout: .timeout
        case .daemon: .daemon
        case .stats: .stats
        case .rate: .rate
        case .thresholds: .thresholds
        case .persistentConnections: .persistentConnections
        case .tunnelInfo: .tunnelInfo
        case .noSort: .noSort
        case .exact: .exact
        case .onePacket: .onePacket
        case .persistenceEngine: .persistenceEngine
        case .schedulerFlags: .schedulerFlags
        case .multicastInterface: .multicastInterface
        case .syncID: .syncID
        case .syncMaxLength: .syncMaxLength
        case .multicastGroup: .multicastGroup
        case .multicastPort: .multicastPort
        case .multicastTTL: .multicastTTL
        case .tunnelType: .tunnelType
        case .tunnelPort: .tunnelPort
        case .tunnelNoChecksum: .tunnelNoChecksum
        case .tunnelChecksum: .tunnelChecksum
        case .tunnelRemoteChecksum: .tunnelRemoteChecksum
        case .json: .json
        }
    }
}

/// Where a switch appears in the help text.
public enum HelpSection: Hashable, Sendable, CaseIterable {
    case commands, virtualService, options, daemonOptions
}

/// The help text of one switch: the left column and the description lines.
public struct HelpEntry: Hashable, Sendable {
    public let section: HelpSection
    /// The left column, e.g. `--scheduler    -s scheduler`; padded by the help builder.
    public let syntax: String
    /// One or more lines; the later ones are indented under the first.
    public let description: [String]
}

/// One entry of the option table: its spellings, its value and its meaning.
public struct Switch: Hashable, Sendable {
    public let shortNames: [Character]
    public let longName: String
    public let value: ValueKind
    public let role: SwitchRole
    public let help: HelpEntry?
    /// An lvsadm extension, unknown to ipvsadm: kept out of `-h` (it has no help entry).
    public let isLvsadmOnly: Bool

    init(
        _ shortNames: String, _ longName: String, _ value: ValueKind, _ role: SwitchRole, help: HelpEntry? = nil,
        lvsadmOnly: Bool = false
    ) {
        self.shortNames = Array(shortNames)
        self.longName = longName
        self.value = value
        self.role = role
        self.help = help
        self.isLvsadmOnly = lvsadmOnly
    }

    /// The value kind popt uses when scanning: `--set` reads its values as leftovers.
    var scanValue: ValueKind { value == .threePositionals ? .none : value }
}
