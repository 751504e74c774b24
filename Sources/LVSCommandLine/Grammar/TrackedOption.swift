/// An option ipvsadm keeps track of: it may be given once, and the matrix says which
/// commands take it. Several switches share one (`-t`, `-u`, `--sctp-service` and `-f` are
/// all 'service-address'; `-g`, `-i`, `-m` are 'forwarding-method'): see `SwitchRole`.
///
/// The case order is the matrix's row order, which is also the order in which the matrix is
/// checked: the first failing row gives the message.
public enum TrackedOption: Int, CaseIterable, Hashable, Sendable {
    case numeric, connection, serviceAddress, scheduler, persistent, netmask, realServer
    case forwardingMethod, weight, upperThreshold, lowerThreshold, multicastInterface
    case timeout, daemon, stats, rate, thresholds, persistentConnections, noSort, syncID
    case exact, onePacket, persistenceEngine, schedulerFlags, multicastGroup, multicastPort
    case multicastTTL, syncMaxLength, tunnelInfo, tunnelType, tunnelPort, tunnelNoChecksum
    case tunnelChecksum, tunnelRemoteChecksum
    /// lvsadm's own options come after ipvsadm's rows, so that for any command line
    /// ipvsadm knows, the first failing row (and its message) is the same as ipvsadm's.
    case json
}

extension TrackedOption {
    /// One row of the matrix: the option's name in messages and its rule per command.
    struct Row {
        let name: String
        /// One cell per matrix column, ADD EDIT DEL FLUSH LIST ADDSRV DELSRV EDITSRV
        /// TIMEOUT STARTD STOPD RESTORE SAVE ZERO.
        let cells: String
    }

    /// ipvsadm's `optnames[]` and `commands_v_options`, transposed to one row per option.
    //                                     A E D C L a d e T S s R S Z
    var row: Row {
        switch self {
        case .numeric: Row(name: "numeric", cells: "x x x x . x x x x x x x . x")
        case .connection: Row(name: "connection", cells: "x x x x 1 x x x x x x x x x")
        case .serviceAddress: Row(name: "service-address", cells: "+ + + x 1 + + + x x x x x .")
        case .scheduler: Row(name: "scheduler", cells: ". . x x x x x x x x x x x x")
        case .persistent: Row(name: "persistent", cells: ". . x x x x x x x x x x x x")
        case .netmask: Row(name: "netmask", cells: ". . x x x x x x x x x x x x")
        case .realServer: Row(name: "real-server", cells: "x x x x x + + + x x x x x x")
        case .forwardingMethod: Row(name: "forwarding-method", cells: "x x x x x . x . x x x x x x")
        case .weight: Row(name: "weight", cells: "x x x x x . x . x x x x x x")
        case .upperThreshold: Row(name: "u-threshold", cells: "x x x x x . x . x x x x x x")
        case .lowerThreshold: Row(name: "l-threshold", cells: "x x x x x . x . x x x x x x")
        case .multicastInterface: Row(name: "mcast-interface", cells: "x x x x x x x x x . x x x x")
        case .timeout: Row(name: "timeout", cells: "x x x x 1 x x x x x x x x x")
        case .daemon: Row(name: "daemon", cells: "x x x x 1 x x x x x x x x x")
        case .stats: Row(name: "stats", cells: "x x x x . x x x x x x x x x")
        case .rate: Row(name: "rate", cells: "x x x x . x x x x x x x x x")
        case .thresholds: Row(name: "thresholds", cells: "x x x x . x x x x x x x x x")
        case .persistentConnections: Row(name: "persistent-conn", cells: "x x x x . x x x x x x x x x")
        case .noSort: Row(name: "nosort", cells: "x x x x . x x x x x x x x x")
        case .syncID: Row(name: "syncid", cells: "x x x x . x x x x . . x x x")
        case .exact: Row(name: "exact", cells: "x x x x . x x x x x x x x x")
        case .onePacket: Row(name: "ops", cells: ". . x x x x x x x x x x x x")
        case .persistenceEngine: Row(name: "pe", cells: ". . x x x x x x x x x x x x")
        case .schedulerFlags: Row(name: "sched-flags", cells: ". . x x x x x x x x x x x x")
        case .multicastGroup: Row(name: "mcast-group", cells: "x x x x x x x x x . x x x x")
        case .multicastPort: Row(name: "mcast-port", cells: "x x x x x x x x x . x x x x")
        case .multicastTTL: Row(name: "mcast-ttl", cells: "x x x x x x x x x . x x x x")
        case .syncMaxLength: Row(name: "sync-maxlen", cells: "x x x x x x x x x . x x x x")
        case .tunnelInfo: Row(name: "tun-info", cells: "x x x x . x x x x x x x x x")
        case .tunnelType: Row(name: "tun-type", cells: "x x x x x . x . x x x x x x")
        case .tunnelPort: Row(name: "tun-port", cells: "x x x x x . x . x x x x x x")
        case .tunnelNoChecksum: Row(name: "tun-nocsum", cells: "x x x x x . x . x x x x x x")
        case .tunnelChecksum: Row(name: "tun-csum", cells: "x x x x x . x . x x x x x x")
        case .tunnelRemoteChecksum: Row(name: "tun-remcsum", cells: "x x x x x . x . x x x x x x")
        // lvsadm only: -L (any listing) and -S.
        case .json: Row(name: "json", cells: "x x x x . x x x x x x x . x")
        }
    }

    /// The option's name in messages (`optnames[]`).
    public var messageName: String { row.name }

    /// What `command` says about this option; `.optional` for help and version, which
    /// stop parsing before the matrix is consulted.
    public func rule(for command: CommandKind) -> OptionRule {
        guard let column = command.matrixColumn else { return .optional }
        let rules = Self.matrix[rawValue]
        return column < rules.count ? rules[column] : .optional
    }

    /// The rows read once: every parsed line consults the matrix many times, and a restore
    /// of 12,000 lines would otherwise re-read these strings for each.
    private static let matrix: [[OptionRule]] = allCases.map { OptionRule.row($0.row.cells) ?? [] }
}
