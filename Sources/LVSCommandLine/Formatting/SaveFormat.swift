import IPVSKit

/// `-S` output: the table as `ipvsadm -R` input, one `-A` line per service followed by
/// one `-a` line per real server.
///
/// Like ipvsadm it never writes timeouts, daemons, or the netmask of a non-persistent
/// service; unlike ipvsadm it keeps thresholds and large fwmarks (`IpvsadmDeviation`).
public enum SaveFormat {
    /// The rules for every service, always in ipvsadm's sorted order (`-S` has no
    /// `--nosort`). An empty table gives "".
    public static func rules(_ services: [ListedService], numeric: Bool, resolver: any NameResolver) -> String {
        Listing.sortedServices(services).map { listed in
            let servers = ListingOrder.sortedRealServers(listed.realServers)
            return serviceRule(listed.entry.service, numeric: numeric, resolver: resolver)
                + servers.map {
                    realServerRule($0.server, of: listed.entry.service.id, numeric: numeric, resolver: resolver)
                }
                .joined()
        }.joined()
    }

    /// `-A -t 10.0.0.1:80 -s wlc -p 360 -M 255.255.255.0 --pe sip -o -b flag-1`, with its
    /// newline; each option only when it applies, in this order.
    static func serviceRule(_ service: VirtualService, numeric: Bool, resolver: any NameResolver) -> String {
        var line = "-A " + serviceOption(service.id, numeric: numeric, resolver: resolver) + " -s " + service.scheduler
        if service.flags.contains(.persistent) {
            line += " -p \(service.timeout)"
            if let mask = ServiceAttributes.persistenceMask(service) { line += " -M " + mask }
        }
        // Unlike `-L`, the engine is written whether or not the service is persistent.
        if let engine = ServiceAttributes.persistenceEngine(service) { line += " --pe " + engine }
        if service.flags.contains(.onePacket) { line += " -o" }
        if ServiceAttributes.hasSchedulerFlags(service) {
            line += " -b " + ServiceAttributes.schedulerFlagList(service)
        }
        return line + "\n"
    }

    /// `-a -t 10.0.0.1:80 -r 10.0.0.10:80 -m -w 1`, then thresholds (lvsadm only) and
    /// tunnel options, with its newline. The weight is always written, even the default.
    static func realServerRule(_ server: RealServer, of service: ServiceID, numeric: Bool, resolver: any NameResolver)
        -> String
    {
        let address = AddressText.describe(
            server.address, port: server.port, protocol: ServiceAttributes.namingProtocol(service), numeric: numeric,
            resolver: resolver)
        return "-a " + serviceOption(service, numeric: numeric, resolver: resolver) + " -r " + address + " "
            + forwardingOption(server.forwarding) + " -w " + PrintfPadding.signed(server.weight)
            + IpvsadmDeviation.savedThresholds(server) + tunnelOptions(server) + "\n"
    }

    /// `-t addr`, `-u addr`, `--sctp-service addr`, `-f mark`, `-f mark -6`. Addresses
    /// are never cut to the listing's column widths, only to the 59-byte buffer.
    static func serviceOption(_ id: ServiceID, numeric: Bool, resolver: any NameResolver) -> String {
        switch id {
        case .firewallMark(let mark, let family):
            let option = "-f " + IpvsadmDeviation.firewallMarkText(mark)
            return family == .inet6 ? option + " -6" : option
        case .address(let proto, let address, let port):
            let text = AddressText.describe(address, port: port, protocol: proto, numeric: numeric, resolver: resolver)
            return protocolOption(proto) + " " + text
        }
    }

    /// ipvsadm's option for a protocol; it has none for protocols other than TCP, UDP and
    /// SCTP and prints the placeholder `--xxx-service`, which no ipvsadm accepts.
    static func protocolOption(_ proto: IPProtocol) -> String {
        switch proto {
        case .tcp: "-t"
        case .udp: "-u"
        case .sctp: "--sctp-service"
        default: "--xxx-service"
        }
    }

    /// `-m`, `-i`, or `-g` (direct routing, and also a local node, which has no option of
    /// its own); `(null)`, as glibc prints ipvsadm's null pointer, for anything else.
    static func forwardingOption(_ method: ForwardingMethod) -> String {
        switch method {
        case .masquerade: "-m"
        case .tunnel: "-i"
        case .local, .directRoute: "-g"
        default: "(null)"
        }
    }

    /// ` --tun-type ipip`, ` --tun-type gue --tun-port P --tun-csum`, ` --tun-type gre
    /// --tun-nocsum` for a tunnelled server (the checksum option is always written for gue
    /// and gre, `--tun-nocsum` when no flag is set); "" for other methods.
    static func tunnelOptions(_ server: RealServer) -> String {
        guard server.forwarding == .tunnel else { return "" }
        switch server.tunnelType {
        case .ipip: return " --tun-type ipip"
        case .gue: return " --tun-type gue --tun-port \(server.tunnelPort) " + checksumOption(server.tunnelFlags)
        case .gre: return " --tun-type gre " + checksumOption(server.tunnelFlags)
        default: return ""
        }
    }

    /// The checksum option for the flags; remote checksum wins should both come back
    /// (the kernel refuses that combination).
    static func checksumOption(_ flags: TunnelFlags) -> String {
        if flags.contains(.remoteChecksum) { return "--tun-remcsum" }
        if flags.contains(.checksum) { return "--tun-csum" }
        return "--tun-nocsum"
    }
}
