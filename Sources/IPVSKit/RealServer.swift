/// How a real server is reached (`IP_VS_CONN_F_*` under `IP_VS_CONN_F_FWD_MASK`).
public struct ForwardingMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `IP_VS_CONN_F_MASQ`: NAT (`-m`).
    public static let masquerade = ForwardingMethod(rawValue: 0)
    /// `IP_VS_CONN_F_LOCALNODE`: the director itself serves.
    public static let local = ForwardingMethod(rawValue: 1)
    /// `IP_VS_CONN_F_TUNNEL`: IP tunnelling (`-i`).
    public static let tunnel = ForwardingMethod(rawValue: 2)
    /// `IP_VS_CONN_F_DROUTE`: direct routing, "gatewaying" (`-g`).
    public static let directRoute = ForwardingMethod(rawValue: 3)
    /// `IP_VS_CONN_F_BYPASS`: cache bypass; the kernel never reports it for a real server.
    public static let bypass = ForwardingMethod(rawValue: 4)

    public var description: String {
        switch self {
        case .masquerade: "Masq"
        case .local: "Local"
        case .tunnel: "Tunnel"
        case .directRoute: "Route"
        case .bypass: "Bypass"
        default: "fwd\(rawValue)"
        }
    }
}

/// Encapsulation of a tunnelled real server (`IP_VS_CONN_F_TUNNEL_TYPE_*`).
public struct TunnelType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `IP_VS_CONN_F_TUNNEL_TYPE_IPIP`
    public static let ipip = TunnelType(rawValue: 0)
    /// `IP_VS_CONN_F_TUNNEL_TYPE_GUE`: needs a tunnel port.
    public static let gue = TunnelType(rawValue: 1)
    /// `IP_VS_CONN_F_TUNNEL_TYPE_GRE`
    public static let gre = TunnelType(rawValue: 2)

    public var description: String {
        switch self {
        case .ipip: "ipip"
        case .gue: "gue"
        case .gre: "gre"
        default: "tun\(rawValue)"
        }
    }
}

/// Tunnel checksum options (`IP_VS_TUNNEL_ENCAP_FLAG_*`); empty means no checksum.
public struct TunnelFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM` is the empty set.
    public static let noChecksum: TunnelFlags = []
    /// `IP_VS_TUNNEL_ENCAP_FLAG_CSUM`
    public static let checksum = TunnelFlags(rawValue: 1 << 0)
    /// `IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM`
    public static let remoteChecksum = TunnelFlags(rawValue: 1 << 1)
}

/// A real server's configuration: what `-a`/`-e` set.
public struct RealServer: Hashable, Sendable {
    public var address: IPAddress
    public var port: UInt16
    public var forwarding: ForwardingMethod
    /// 0 takes no new connections; the kernel keeps it to `Int32.max`.
    public var weight: UInt32
    /// Upper connection threshold; 0 means none.
    public var upperThreshold: UInt32
    /// Lower connection threshold; 0 means none.
    public var lowerThreshold: UInt32
    public var tunnelType: TunnelType
    /// Destination port of a GUE tunnel (0 for the others).
    public var tunnelPort: UInt16
    public var tunnelFlags: TunnelFlags

    public init(
        address: IPAddress, port: UInt16, forwarding: ForwardingMethod = .directRoute, weight: UInt32 = 1,
        upperThreshold: UInt32 = 0, lowerThreshold: UInt32 = 0, tunnelType: TunnelType = .ipip,
        tunnelPort: UInt16 = 0, tunnelFlags: TunnelFlags = []
    ) {
        self.address = address
        self.port = port
        self.forwarding = forwarding
        self.weight = weight
        self.upperThreshold = upperThreshold
        self.lowerThreshold = lowerThreshold
        self.tunnelType = tunnelType
        self.tunnelPort = tunnelPort
        self.tunnelFlags = tunnelFlags
    }
}

/// The key of a real server within its service.
public struct RealServerID: Hashable, Sendable, CustomStringConvertible {
    public var address: IPAddress
    public var port: UInt16
    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }

    public var description: String {
        if case .v6(let a) = address { return "[\(a)]:\(port)" }
        return "\(address):\(port)"
    }
}

extension RealServer {
    public var id: RealServerID { RealServerID(address: address, port: port) }
}

/// Connection counts the kernel keeps per real server (read only).
public struct ConnectionCounts: Hashable, Sendable {
    public var active: UInt32
    public var inactive: UInt32
    /// Persistence templates pointing at the server.
    public var persistent: UInt32
    public init(active: UInt32 = 0, inactive: UInt32 = 0, persistent: UInt32 = 0) {
        self.active = active
        self.inactive = inactive
        self.persistent = persistent
    }
}

/// A real server as listed by the kernel.
public struct RealServerEntry: Hashable, Sendable {
    public var server: RealServer
    public var connections: ConnectionCounts
    public var statistics: Statistics
    public init(
        server: RealServer, connections: ConnectionCounts = ConnectionCounts(), statistics: Statistics = Statistics()
    ) {
        self.server = server
        self.connections = connections
        self.statistics = statistics
    }
}
