/// The connection timeouts the kernel applies (`--set`); in seconds, 0 on input means
/// "leave as it is".
public struct Timeouts: Hashable, Sendable {
    public var tcp: UInt32
    public var tcpFin: UInt32
    public var udp: UInt32
    public init(tcp: UInt32, tcpFin: UInt32, udp: UInt32) {
        self.tcp = tcp
        self.tcpFin = tcpFin
        self.udp = udp
    }
}

/// What the kernel says about itself (`IPVS_CMD_GET_INFO`).
public struct IPVSInfo: Hashable, Sendable {
    /// Version code, `0x010201` for 1.2.1.
    public var version: UInt32
    /// Number of buckets of the connection hash table.
    public var connectionTableSize: UInt32
    public init(version: UInt32, connectionTableSize: UInt32) {
        self.version = version
        self.connectionTableSize = connectionTableSize
    }

    public var major: UInt32 { version >> 16 }
    public var minor: UInt32 { version >> 8 & 0xff }
    public var patch: UInt32 { version & 0xff }
}

/// The role of a connection-sync daemon (`IP_VS_STATE_*`).
public struct SyncDaemonState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// `IP_VS_STATE_MASTER`: sends connection state.
    public static let master = SyncDaemonState(rawValue: 1)
    /// `IP_VS_STATE_BACKUP`: receives it.
    public static let backup = SyncDaemonState(rawValue: 2)

    public var description: String {
        switch self {
        case .master: "master"
        case .backup: "backup"
        default: "state\(rawValue)"
        }
    }
}

/// A connection-sync daemon. Optional fields are sent only when set (the kernel picks
/// defaults); the kernel's listing always fills them in.
public struct SyncDaemon: Hashable, Sendable {
    public var state: SyncDaemonState
    public var multicastInterface: String
    public var syncID: UInt32
    public var maxLength: UInt16?
    /// IPv4 or IPv6 multicast group.
    public var group: IPAddress?
    public var port: UInt16?
    public var ttl: UInt8?

    public init(
        state: SyncDaemonState, multicastInterface: String, syncID: UInt32 = 0, maxLength: UInt16? = nil,
        group: IPAddress? = nil, port: UInt16? = nil, ttl: UInt8? = nil
    ) {
        self.state = state
        self.multicastInterface = multicastInterface
        self.syncID = syncID
        self.maxLength = maxLength
        self.group = group
        self.port = port
        self.ttl = ttl
    }
}
