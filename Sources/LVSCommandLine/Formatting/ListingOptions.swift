import IPVSKit

/// Which columns a `-L` listing shows. ipvsadm uses exactly one; see
/// `ListingStyle.init(stats:rate:thresholds:persistentConnections:tunnelInfo:)`.
public enum ListingStyle: Hashable, Sendable, CaseIterable {
    /// Scheduler, flags; forwarding method, weight, connection counts.
    case plain
    /// `--stats`: traffic totals.
    case stats
    /// `--rate`: traffic rates.
    case rate
    /// `--thresholds`: upper and lower connection thresholds.
    case thresholds
    /// `--persistent-conn`: weight and persistence templates per real server.
    case persistentConnections
    /// `--tun-info`: like `plain` with a tunnel column.
    case tunnelInfo

    /// The style ipvsadm picks when several options are given (no error for combining
    /// them): `--stats` > `--rate` > `--thresholds` > `--persistent-conn` > `--tun-info`.
    public init(stats: Bool, rate: Bool, thresholds: Bool, persistentConnections: Bool, tunnelInfo: Bool) {
        if stats {
            self = .stats
        } else if rate {
            self = .rate
        } else if thresholds {
            self = .thresholds
        } else if persistentConnections {
            self = .persistentConnections
        } else if tunnelInfo {
            self = .tunnelInfo
        } else {
            self = .plain
        }
    }
}

/// How `-L` (and `-S`) output is produced, built by the parser from the command line.
public struct ListingOptions: Hashable, Sendable {
    /// `-n`: numbers instead of host and service names.
    public var numeric: Bool
    public var style: ListingStyle
    /// `--exact`: full counters in `--stats`/`--rate` instead of K/M/G/T.
    public var exact: Bool
    /// `false` for `--nosort`: services and real servers stay in kernel order.
    public var sorted: Bool

    public init(numeric: Bool = false, style: ListingStyle = .plain, exact: Bool = false, sorted: Bool = true) {
        self.numeric = numeric
        self.style = style
        self.exact = exact
        self.sorted = sorted
    }
}

/// A service with its real servers, as one listing block.
public struct ListedService: Hashable, Sendable {
    public var entry: ServiceEntry
    /// In kernel order (newest first); the formatters sort when asked to.
    public var realServers: [RealServerEntry]

    public init(_ entry: ServiceEntry, realServers: [RealServerEntry]) {
        self.entry = entry
        self.realServers = realServers
    }
}
