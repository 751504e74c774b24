/// A transport protocol number as IPVS knows it (`IPPROTO_*`).
public struct IPProtocol: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// `IPPROTO_TCP`
    public static let tcp = IPProtocol(rawValue: 6)
    /// `IPPROTO_UDP`
    public static let udp = IPProtocol(rawValue: 17)
    /// `IPPROTO_SCTP`
    public static let sctp = IPProtocol(rawValue: 132)

    public var description: String {
        switch self {
        case .tcp: "TCP"
        case .udp: "UDP"
        case .sctp: "SCTP"
        default: "proto\(rawValue)"
        }
    }
}

/// What identifies a virtual service to the kernel: protocol, address and port, or a
/// firewall mark of an address family.
public enum ServiceID: Hashable, Sendable, CustomStringConvertible {
    case address(IPProtocol, IPAddress, port: UInt16)
    case firewallMark(UInt32, family: AddressFamily)

    public var family: AddressFamily {
        switch self {
        case .address(_, let address, _): address.family
        case .firewallMark(_, let family): family
        }
    }

    public var description: String {
        switch self {
        case .address(let proto, .v6(let a), let port): "\(proto) [\(a)]:\(port)"
        case .address(let proto, let a, let port): "\(proto) \(a):\(port)"
        case .firewallMark(let mark, let family): family == .inet6 ? "FWM \(mark) IPv6" : "FWM \(mark)"
        }
    }
}

/// Service flags (`IP_VS_SVC_F_*`), as the kernel's `struct ip_vs_flags` carries them.
public struct ServiceFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `IP_VS_SVC_F_PERSISTENT`
    public static let persistent = ServiceFlags(rawValue: 0x0001)
    /// `IP_VS_SVC_F_HASHED`: set by the kernel on every listed service; never sent.
    public static let hashed = ServiceFlags(rawValue: 0x0002)
    /// `IP_VS_SVC_F_ONEPACKET`: one-packet scheduling (UDP).
    public static let onePacket = ServiceFlags(rawValue: 0x0004)
    /// `IP_VS_SVC_F_SCHED1`
    public static let scheduler1 = ServiceFlags(rawValue: 0x0008)
    /// `IP_VS_SVC_F_SCHED2`
    public static let scheduler2 = ServiceFlags(rawValue: 0x0010)
    /// `IP_VS_SVC_F_SCHED3`
    public static let scheduler3 = ServiceFlags(rawValue: 0x0020)

    /// `IP_VS_SVC_F_SCHED_SH_FALLBACK`: sh skips an unavailable server.
    public static let shFallback = scheduler1
    /// `IP_VS_SVC_F_SCHED_SH_PORT`: sh hashes the source port too.
    public static let shPort = scheduler2
    /// mh's fallback (same bit as `IP_VS_SVC_F_SCHED1`).
    public static let mhFallback = scheduler1
    /// mh's port hashing (same bit as `IP_VS_SVC_F_SCHED2`).
    public static let mhPort = scheduler2

    public static let schedulerFlags: ServiceFlags = [.scheduler1, .scheduler2, .scheduler3]
}

/// The persistence granularity: an IPv4 mask (any 32 bits; the kernel does not require it to
/// be contiguous) or an IPv6 prefix length.
public enum Netmask: Hashable, Sendable, CustomStringConvertible {
    case ipv4(IPv4Address)
    case ipv6(prefixLength: UInt32)

    /// One host: 255.255.255.255 or /128.
    public static func host(_ family: AddressFamily) -> Netmask {
        family == .inet6 ? .ipv6(prefixLength: 128) : .ipv4(IPv4Address(0xffff_ffff))
    }

    public var description: String {
        switch self {
        case .ipv4(let mask): mask.description
        case .ipv6(let length): String(length)
        }
    }
}

/// A virtual service's configuration: what `-A`/`-E` set.
public struct VirtualService: Hashable, Sendable {
    public var id: ServiceID
    /// Scheduler module name without the `ip_vs_` prefix (`wlc`); the kernel reports `none`
    /// for a service without one.
    public var scheduler: String
    public var flags: ServiceFlags
    /// Persistence timeout in seconds (meaningful with `.persistent`).
    public var timeout: UInt32
    public var netmask: Netmask
    /// Persistence engine (`sip`), if any.
    public var persistenceEngine: String?

    public init(
        id: ServiceID, scheduler: String = "wlc", flags: ServiceFlags = [], timeout: UInt32 = 0,
        netmask: Netmask? = nil, persistenceEngine: String? = nil
    ) {
        self.id = id
        self.scheduler = scheduler
        self.flags = flags
        self.timeout = timeout
        self.netmask = netmask ?? .host(id.family)
        self.persistenceEngine = persistenceEngine
    }
}

/// A service as listed by the kernel: its configuration and its counters.
public struct ServiceEntry: Hashable, Sendable {
    public var service: VirtualService
    public var statistics: Statistics
    public init(service: VirtualService, statistics: Statistics = Statistics()) {
        self.service = service
        self.statistics = statistics
    }
}
