import IPVSKit

/// Everything a command line has said so far. Options are applied left to right, and
/// some readings depend on what came earlier (a port name needs the protocol, `-r`
/// without a port takes the service's), so this mirrors the order ipvsadm fills its
/// structures in.
struct ParseState {
    var command: CommandKind
    /// The tracked options given so far (each at most once).
    var given: SmallEnumSet<TrackedOption> = []

    // MARK: Service
    /// Set by `-t`/`-u`/`--sctp-service`, and to TCP by `-f`; port names are looked up
    /// for it.
    var serviceProtocol: IPProtocol?
    var serviceAddress: IPAddress?
    var servicePort: UInt16 = 0
    /// Non-zero once `-f` is given.
    var firewallMark: UInt32 = 0
    /// `-6` after `-f`.
    var firewallMarkIPv6 = false
    var scheduler: String?
    var persistent = false
    /// Persistence timeout; 360 s when `-p` comes without a value.
    var persistenceTimeout: UInt32 = 0
    /// The netmask as ipvsadm keeps it: an IPv4 mask, or a prefix length once the service
    /// is IPv6 (reading an IPv6 service resets it to 128).
    var netmask: UInt32 = 0xffff_ffff
    var onePacket = false
    var persistenceEngine: String?
    /// `-b` as typed; read after all options, against the final scheduler.
    var schedulerFlagsText: String?
    var schedulerFlags: ServiceFlags = []

    // MARK: Real server
    var serverEndpoint: Endpoint?
    var forwarding: ForwardingMethod = .directRoute
    var weight: UInt32 = 1
    var upperThreshold: UInt32 = 0
    var lowerThreshold: UInt32 = 0
    var tunnelType: TunnelType = .ipip
    var tunnelPort: UInt16 = 0
    var tunnelFlags: TunnelFlags = []

    // MARK: Listing
    var flags: SmallEnumSet<TrackedOption> = []

    // MARK: Daemon
    var daemonState: SyncDaemonState?
    var multicastInterface: String?
    var syncID: UInt32 = 0
    var syncMaxLength: UInt16?
    var multicastGroup: IPAddress?
    var multicastPort: UInt16?
    var multicastTTL: UInt8?

    // MARK: --set
    var timeouts = Timeouts(tcp: 0, tcpFin: 0, udp: 0)

    init(command: CommandKind) {
        self.command = command
    }

    /// The service's address family: the address's, or for a mark INET unless `-6`.
    var serviceFamily: AddressFamily {
        if firewallMark != 0 { return firewallMarkIPv6 ? .inet6 : .inet }
        return serviceAddress?.family ?? .inet
    }

    /// The service as the kernel identifies it, once one was given.
    var serviceID: ServiceID? {
        if firewallMark != 0 { return .firewallMark(firewallMark, family: serviceFamily) }
        guard let serviceAddress, let serviceProtocol else { return nil }
        return .address(serviceProtocol, serviceAddress, port: servicePort)
    }

    var netmaskValue: Netmask {
        serviceFamily == .inet6 ? .ipv6(prefixLength: netmask) : .ipv4(IPv4Address(netmask))
    }

    func has(_ option: TrackedOption) -> Bool { given.contains(option) }
}
