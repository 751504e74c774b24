import IPVSKit

/// `-S` output: the table as `ipvsadm -R` input, one `-A` line per service followed by
/// one `-a` line per real server.
///
/// Like ipvsadm it never writes timeouts, daemons, or the netmask of a non-persistent
/// service; unlike ipvsadm it keeps thresholds and large fwmarks (`IpvsadmDeviation`).
public enum SaveFormat {
    /// One service's rules (its real servers sorted), appended to `buffer`.
    static func appendRules(
        _ listed: ListedService, numeric: Bool, resolver: any NameResolver, to buffer: inout TextBuffer
    ) {
        appendServiceRule(listed.entry.service, numeric: numeric, resolver: resolver, to: &buffer)
        for server in ListingOrder.sortedRealServers(listed.realServers) {
            appendRealServerRule(
                server.server, of: listed.entry.service.id, numeric: numeric, resolver: resolver, to: &buffer)
        }
    }

    /// `-A -t 10.0.0.1:80 -s wlc -p 360 -M 255.255.255.0 --pe sip -o -b flag-1`, with its
    /// newline; each option only when it applies, in this order.
    static func serviceRule(_ service: VirtualService, numeric: Bool, resolver: any NameResolver) -> String {
        var buffer = TextBuffer()
        appendServiceRule(service, numeric: numeric, resolver: resolver, to: &buffer)
        return buffer.text
    }

    static func appendServiceRule(
        _ service: VirtualService, numeric: Bool, resolver: any NameResolver, to buffer: inout TextBuffer
    ) {
        buffer.append("-A " as StaticString)
        appendServiceOption(service.id, numeric: numeric, resolver: resolver, to: &buffer)
        buffer.append(" -s " as StaticString)
        buffer.append(service.scheduler)
        if service.flags.contains(.persistent) {
            buffer.append(" -p " as StaticString)
            buffer.append(decimal: service.timeout)
            if let mask = ServiceAttributes.persistenceMask(service) {
                buffer.append(" -M " as StaticString)
                buffer.append(mask)
            }
        }
        // Unlike `-L`, the engine is written whether or not the service is persistent.
        if let engine = ServiceAttributes.persistenceEngine(service) {
            buffer.append(" --pe " as StaticString)
            buffer.append(engine)
        }
        if service.flags.contains(.onePacket) { buffer.append(" -o" as StaticString) }
        if ServiceAttributes.hasSchedulerFlags(service) {
            buffer.append(" -b " as StaticString)
            buffer.append(ServiceAttributes.schedulerFlagList(service))
        }
        buffer.append(byte: UInt8(ascii: "\n"))
    }

    /// `-a -t 10.0.0.1:80 -r 10.0.0.10:80 -m -w 1`, then thresholds (lvsadm only) and
    /// tunnel options, with its newline. The weight is always written, even the default.
    static func realServerRule(_ server: RealServer, of service: ServiceID, numeric: Bool, resolver: any NameResolver)
        -> String
    {
        var buffer = TextBuffer()
        appendRealServerRule(server, of: service, numeric: numeric, resolver: resolver, to: &buffer)
        return buffer.text
    }

    static func appendRealServerRule(
        _ server: RealServer, of service: ServiceID, numeric: Bool, resolver: any NameResolver,
        to buffer: inout TextBuffer
    ) {
        buffer.append("-a " as StaticString)
        appendServiceOption(service, numeric: numeric, resolver: resolver, to: &buffer)
        buffer.append(" -r " as StaticString)
        AddressText.append(
            server.address, port: server.port, protocol: ServiceAttributes.namingProtocol(service), numeric: numeric,
            resolver: resolver, to: &buffer)
        buffer.append(byte: UInt8(ascii: " "))
        buffer.append(forwardingOption(server.forwarding))
        buffer.append(" -w " as StaticString)
        buffer.append(signed: server.weight)
        if server.upperThreshold != 0 || server.lowerThreshold != 0 {
            buffer.append(IpvsadmDeviation.savedThresholds(server))
        }
        if server.forwarding == .tunnel { buffer.append(tunnelOptions(server)) }
        buffer.append(byte: UInt8(ascii: "\n"))
    }

    /// `-t addr`, `-u addr`, `--sctp-service addr`, `-f mark`, `-f mark -6`. Addresses
    /// are never cut to the listing's column widths, only to the 59-byte buffer.
    static func serviceOption(_ id: ServiceID, numeric: Bool, resolver: any NameResolver) -> String {
        var buffer = TextBuffer()
        appendServiceOption(id, numeric: numeric, resolver: resolver, to: &buffer)
        return buffer.text
    }

    static func appendServiceOption(
        _ id: ServiceID, numeric: Bool, resolver: any NameResolver, to buffer: inout TextBuffer
    ) {
        switch id {
        case .firewallMark(let mark, let family):
            buffer.append("-f " as StaticString)
            buffer.append(IpvsadmDeviation.firewallMarkText(mark))
            if family == .inet6 { buffer.append(" -6" as StaticString) }
        case .address(let proto, let address, let port):
            buffer.append(protocolOption(proto))
            buffer.append(byte: UInt8(ascii: " "))
            AddressText.append(address, port: port, protocol: proto, numeric: numeric, resolver: resolver, to: &buffer)
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
