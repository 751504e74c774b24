import IPVSKit

// The kernel numbers each attribute set in order from 1; a line per group of cases keeps
// that sequence as readable as in the header.
// swift-format-ignore: OneCasePerLine
/// The IPVS family's attributes in one place: which ids and types make up a service, a
/// real server, a daemon, statistics, info and timeouts, in both directions. The ids are
/// those of `linux/ip_vs.h` (stable kernel ABI); the byte orders follow the kernel's
/// `ip_vs_ctl.c`, noted where they are not host order.
enum IPVSSchema {
    /// `IPVS_CMD_ATTR_*`: the top level of a request or reply.
    enum Command: Int32, AttributeID {
        case service = 1, dest, daemon, timeoutTCP, timeoutTCPFin, timeoutUDP
    }

    /// `IPVS_SVC_ATTR_*`, inside `IPVS_CMD_ATTR_SERVICE`.
    enum Service: Int32, AttributeID {
        case af = 1, `protocol`, addr, port, fwmark, schedName, flags, timeout, netmask, stats, peName, stats64
    }

    /// `IPVS_DEST_ATTR_*`, inside `IPVS_CMD_ATTR_DEST`.
    enum Dest: Int32, AttributeID {
        case addr = 1, port, fwdMethod, weight, upperThreshold, lowerThreshold
        case activeConns, inactiveConns, persistConns, stats, addrFamily, stats64
        case tunType, tunPort, tunFlags
    }

    /// `IPVS_DAEMON_ATTR_*`, inside `IPVS_CMD_ATTR_DAEMON`.
    enum Daemon: Int32, AttributeID {
        case state = 1, mcastIfn, syncID, syncMaxLen, mcastGroup, mcastGroup6, mcastPort, mcastTTL
    }

    /// `IPVS_STATS_ATTR_*`, inside STATS and STATS64.
    enum Stats: Int32, AttributeID, CaseIterable {
        case conns = 1, inPkts, outPkts, inBytes, outBytes, cps, inPPS, outPPS, inBPS, outBPS, pad
    }

    /// `IPVS_INFO_ATTR_*`: the top level of the GET_INFO reply.
    enum Info: Int32, AttributeID {
        case version = 1, connTabSize
    }

    /// `IP_VS_SCHEDNAME_MAXLEN`, `IP_VS_PENAME_MAXLEN`, `IP_VS_IFNAME_MAXLEN`, with the NUL.
    static let nameMaxLength: UInt16 = 16

    // MARK: Validation policies for replies

    static let commandPolicy = AttributePolicy(
        "command",
        [
            (Command.service, .nested), (Command.dest, .nested), (Command.daemon, .nested),
            (Command.timeoutTCP, .u32), (Command.timeoutTCPFin, .u32), (Command.timeoutUDP, .u32),
        ])
    static let servicePolicy = AttributePolicy(
        "service",
        [
            (Service.af, .u16), (Service.protocol, .u16), (Service.addr, .binary(min: 4)), (Service.port, .u16),
            (Service.fwmark, .u32), (Service.schedName, .string(max: nameMaxLength)), (Service.flags, .binary(min: 8)),
            (Service.timeout, .u32), (Service.netmask, .u32), (Service.stats, .nested),
            (Service.peName, .string(max: nameMaxLength)), (Service.stats64, .nested),
        ])
    static let destPolicy = AttributePolicy(
        "dest",
        [
            (Dest.addr, .binary(min: 4)), (Dest.port, .u16), (Dest.fwdMethod, .u32), (Dest.weight, .u32),
            (Dest.upperThreshold, .u32), (Dest.lowerThreshold, .u32), (Dest.activeConns, .u32),
            (Dest.inactiveConns, .u32), (Dest.persistConns, .u32), (Dest.stats, .nested), (Dest.addrFamily, .u16),
            (Dest.stats64, .nested), (Dest.tunType, .u8), (Dest.tunPort, .u16), (Dest.tunFlags, .u16),
        ])
    static let daemonPolicy = AttributePolicy(
        "daemon",
        [
            (Daemon.state, .u32), (Daemon.mcastIfn, .string(max: nameMaxLength)), (Daemon.syncID, .u32),
            (Daemon.syncMaxLen, .u16), (Daemon.mcastGroup, .binary(min: 4)), (Daemon.mcastGroup6, .binary(min: 16)),
            (Daemon.mcastPort, .u16), (Daemon.mcastTTL, .u8),
        ])
    /// STATS: 32-bit counters and rates, 64-bit byte counts.
    static let stats32Policy = AttributePolicy(
        "stats",
        Stats.allCases.map { id in
            (id, id == .pad ? .binary(min: 0) : id == .inBytes || id == .outBytes ? .u64 : .u32)
        })
    /// STATS64: everything 64-bit.
    static let stats64Policy = AttributePolicy(
        "stats64",
        Stats.allCases.map { id in
            (id, id == .pad ? .binary(min: 0) : .u64)
        })
    static let infoPolicy = AttributePolicy("info", [(Info.version, .u32), (Info.connTabSize, .u32)])
}

// MARK: Encoding: model -> attributes

extension IPVSSchema {
    /// The service nest. `full` adds what NEW/SET_SERVICE need (`ip_vs_genl_parse_service`
    /// with `full_entry`); the other commands need only the identity.
    static func putService(_ id: ServiceID, _ service: VirtualService?, into m: MessageBuilder) {
        m.nest(Command.service) {
            m.put(Service.af, u16: id.family.rawValue)
            switch id {
            case .firewallMark(let mark, _):
                m.put(Service.fwmark, u32: mark)
            case .address(let proto, let address, let port):
                m.put(Service.protocol, u16: proto.rawValue)
                m.put(Service.addr, bytes: address.kernelBytes)
                m.put(Service.port, u16: port.bigEndian)  // __be16
            }
            guard let service else { return }
            m.put(Service.schedName, string: service.scheduler)
            if let engine = service.persistenceEngine { m.put(Service.peName, string: engine) }
            // struct ip_vs_flags { flags; mask }, host order. The full mask makes an edit
            // replace every flag; HASHED is the kernel's bookkeeping, never ours to set.
            let flags = service.flags.subtracting(.hashed).rawValue
            m.put(Service.flags, bytes: hostBytes(flags) + hostBytes(UInt32.max))
            m.put(Service.timeout, u32: service.timeout)
            m.put(Service.netmask, u32: netmaskValue(service.netmask))
        }
    }

    /// The kernel reads NETMASK with `nla_get_be32`: an IPv4 mask goes in network order;
    /// an IPv6 prefix length is used as the raw number the same read gives back.
    static func netmaskValue(_ netmask: Netmask) -> UInt32 {
        switch netmask {
        case .ipv4(let mask): mask.value.bigEndian
        case .ipv6(let length): length
        }
    }

    /// The dest nest. `server` (for NEW/SET_DEST) adds method, weight, thresholds and the
    /// tunnel settings; ADDR_FAMILY is always sent so that an IPv4 server of an IPv6
    /// service (tunnelling) is found again on delete.
    static func putDest(_ id: RealServerID, _ server: RealServer?, into m: MessageBuilder) {
        m.nest(Command.dest) {
            m.put(Dest.addrFamily, u16: id.address.family.rawValue)
            m.put(Dest.addr, bytes: id.address.kernelBytes)
            m.put(Dest.port, u16: id.port.bigEndian)  // __be16
            guard let server else { return }
            m.put(Dest.fwdMethod, u32: server.forwarding.rawValue)
            m.put(Dest.weight, u32: server.weight)
            m.put(Dest.upperThreshold, u32: server.upperThreshold)
            m.put(Dest.lowerThreshold, u32: server.lowerThreshold)
            m.put(Dest.tunType, u8: server.tunnelType.rawValue)
            m.put(Dest.tunPort, u16: server.tunnelPort.bigEndian)  // __be16
            m.put(Dest.tunFlags, u16: server.tunnelFlags.rawValue)
        }
    }

    /// The daemon nest of NEW_DAEMON: STATE, MCAST_IFN, SYNC_ID always; the rest only when
    /// set, so the kernel applies its defaults.
    static func putDaemon(_ daemon: SyncDaemon, into m: MessageBuilder) {
        m.nest(Command.daemon) {
            m.put(Daemon.state, u32: daemon.state.rawValue)
            m.put(Daemon.mcastIfn, string: daemon.multicastInterface)
            m.put(Daemon.syncID, u32: daemon.syncID)
            if let length = daemon.maxLength { m.put(Daemon.syncMaxLen, u16: length) }
            switch daemon.group {
            case .v4(let group): m.put(Daemon.mcastGroup, bytes: group.bytes)  // __be32
            case .v6(let group): m.put(Daemon.mcastGroup6, bytes: group.bytes)
            case nil: break
            }
            if let port = daemon.port { m.put(Daemon.mcastPort, u16: port) }  // host order
            if let ttl = daemon.ttl { m.put(Daemon.mcastTTL, u8: ttl) }
        }
    }

    /// DEL_DAEMON needs only the state (`ip_vs_genl_del_daemon`).
    static func putDaemonState(_ state: SyncDaemonState, into m: MessageBuilder) {
        m.nest(Command.daemon) { m.put(Daemon.state, u32: state.rawValue) }
    }

    /// SET_CONFIG: all three, 0 keeps the kernel's current value.
    static func putTimeouts(_ timeouts: Timeouts, into m: MessageBuilder) {
        m.put(Command.timeoutTCP, u32: timeouts.tcp)
        m.put(Command.timeoutTCPFin, u32: timeouts.tcpFin)
        m.put(Command.timeoutUDP, u32: timeouts.udp)
    }

    private static func hostBytes(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
}

// MARK: Decoding: attributes -> model

extension IPVSSchema {
    /// A service nest as the kernel fills it (`ip_vs_genl_fill_service`). The flags are
    /// `flags & mask` without HASHED, which the kernel sets on every service it holds, so
    /// that a listed service equals the `VirtualService` that was added.
    /// `statistics: false` leaves the counters at zero without reading them.
    static func serviceEntry(_ a: AttributeSet, statistics: Bool = true) throws(MalformedReply) -> ServiceEntry {
        let family = AddressFamily(rawValue: try a.require(a.u16(Service.af), Service.af))
        let id = try serviceID(a, family: family)
        let flagBytes = try a.require(a.bytes(Service.flags), Service.flags)
        let flags = hostUInt32(flagBytes, at: 0) & hostUInt32(flagBytes, at: 4)
        let netmask = try a.require(a.u32(Service.netmask), Service.netmask)
        let service = VirtualService(
            id: id, scheduler: try a.require(a.string(Service.schedName), Service.schedName),
            flags: ServiceFlags(rawValue: flags).subtracting(.hashed),
            timeout: try a.require(a.u32(Service.timeout), Service.timeout),
            netmask: family == .inet6 ? .ipv6(prefixLength: netmask) : .ipv4(IPv4Address(UInt32(bigEndian: netmask))),
            persistenceEngine: a.string(Service.peName))
        return ServiceEntry(
            service: service,
            statistics: statistics
                ? try Self.statistics(a, stats: Service.stats, stats64: Service.stats64) : Statistics())
    }

    /// A service nest's identity only: what a consistency check compares.
    static func serviceID(_ a: AttributeSet) throws(MalformedReply) -> ServiceID {
        try serviceID(a, family: AddressFamily(rawValue: try a.require(a.u16(Service.af), Service.af)))
    }

    private static func serviceID(_ a: AttributeSet, family: AddressFamily) throws(MalformedReply) -> ServiceID {
        if let mark = a.u32(Service.fwmark) { return .firewallMark(mark, family: family) }
        let proto = try a.require(a.u16(Service.protocol), Service.protocol)
        let address = try address(a.require(a.raw(Service.addr), Service.addr), family, "service")
        let port = try a.require(a.u16(Service.port), Service.port)
        return .address(IPProtocol(rawValue: proto), address, port: UInt16(bigEndian: port))
    }

    /// A dest nest (`ip_vs_genl_fill_dest`). ADDR_FAMILY is absent before 3.18 (the server
    /// then has the service's family), TUN_* before 5.2/5.3 (then 0). `statistics: false`
    /// leaves the counters at zero without reading them.
    static func realServerEntry(
        _ a: AttributeSet, serviceFamily: AddressFamily, statistics: Bool = true
    ) throws(MalformedReply) -> RealServerEntry {
        let family = a.u16(Dest.addrFamily).map(AddressFamily.init(rawValue:)) ?? serviceFamily
        let server = RealServer(
            address: try address(a.require(a.raw(Dest.addr), Dest.addr), family, "dest"),
            port: UInt16(bigEndian: try a.require(a.u16(Dest.port), Dest.port)),
            forwarding: ForwardingMethod(rawValue: try a.require(a.u32(Dest.fwdMethod), Dest.fwdMethod)),
            weight: try a.require(a.u32(Dest.weight), Dest.weight),
            upperThreshold: try a.require(a.u32(Dest.upperThreshold), Dest.upperThreshold),
            lowerThreshold: try a.require(a.u32(Dest.lowerThreshold), Dest.lowerThreshold),
            tunnelType: TunnelType(rawValue: a.u8(Dest.tunType) ?? 0),
            tunnelPort: UInt16(bigEndian: a.u16(Dest.tunPort) ?? 0),
            tunnelFlags: TunnelFlags(rawValue: a.u16(Dest.tunFlags) ?? 0))
        let connections = ConnectionCounts(
            active: try a.require(a.u32(Dest.activeConns), Dest.activeConns),
            inactive: try a.require(a.u32(Dest.inactiveConns), Dest.inactiveConns),
            persistent: try a.require(a.u32(Dest.persistConns), Dest.persistConns))
        return RealServerEntry(
            server: server, connections: connections,
            statistics: statistics ? try Self.statistics(a, stats: Dest.stats, stats64: Dest.stats64) : Statistics())
    }

    /// A daemon nest of the GET_DAEMON dump; the kernel fills in every optional field.
    static func daemon(_ a: AttributeSet) throws(MalformedReply) -> SyncDaemon {
        var group: IPAddress?
        if let bytes = a.bytes(Daemon.mcastGroup6) {
            group = try address(bytes, .inet6, "daemon")
        } else if let bytes = a.bytes(Daemon.mcastGroup) {
            group = try address(bytes, .inet, "daemon")
        }
        return SyncDaemon(
            state: SyncDaemonState(rawValue: try a.require(a.u32(Daemon.state), Daemon.state)),
            multicastInterface: try a.require(a.string(Daemon.mcastIfn), Daemon.mcastIfn),
            syncID: try a.require(a.u32(Daemon.syncID), Daemon.syncID),
            maxLength: a.u16(Daemon.syncMaxLen), group: group, port: a.u16(Daemon.mcastPort),
            ttl: a.u8(Daemon.mcastTTL))
    }

    /// STATS64 when the kernel sent it (4.1+), else STATS; every counter is kept at full
    /// width (ipvsadm truncates a real server's STATS64 to 32 bits; we do not).
    static func statistics(
        _ a: AttributeSet, stats: some AttributeID, stats64: some AttributeID
    ) throws(MalformedReply) -> Statistics {
        if let s = try a.nested(stats64, stats64Policy) {
            return counters(is64Bit: true) { s.u64($0) ?? 0 }
        }
        if let s = try a.nested(stats, stats32Policy) {
            return counters(is64Bit: false) { id in
                id == .inBytes || id == .outBytes ? s.u64(id) ?? 0 : UInt64(s.u32(id) ?? 0)
            }
        }
        return Statistics()
    }

    private static func counters(is64Bit: Bool, _ value: (Stats) -> UInt64) -> Statistics {
        Statistics(
            connections: value(.conns), inPackets: value(.inPkts), outPackets: value(.outPkts),
            inBytes: value(.inBytes), outBytes: value(.outBytes), connectionRate: value(.cps),
            inPacketRate: value(.inPPS), outPacketRate: value(.outPPS), inByteRate: value(.inBPS),
            outByteRate: value(.outBPS), is64Bit: is64Bit)
    }

    /// The GET_INFO reply's top level.
    static func info(_ a: AttributeSet) throws(MalformedReply) -> IPVSInfo {
        IPVSInfo(
            version: try a.require(a.u32(Info.version), Info.version),
            connectionTableSize: try a.require(a.u32(Info.connTabSize), Info.connTabSize))
    }

    /// The GET_CONFIG reply's top level; a protocol the kernel was built without is 0.
    static func timeouts(_ a: AttributeSet) -> Timeouts {
        Timeouts(
            tcp: a.u32(Command.timeoutTCP) ?? 0, tcpFin: a.u32(Command.timeoutTCPFin) ?? 0,
            udp: a.u32(Command.timeoutUDP) ?? 0)
    }

    /// `union nf_inet_addr` of `family`: 4 or 16 bytes in network order (at least).
    private static func address(_ bytes: UnsafeRawBufferPointer, _ family: AddressFamily, _ what: String)
        throws(MalformedReply) -> IPAddress
    {
        switch family {
        case .inet where bytes.count >= 4:
            return .v4(IPv4Address(UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self))))
        case .inet6 where bytes.count >= 16:
            return .v6(
                IPv6Address(
                    high: UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self)),
                    low: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))))
        default:
            throw MalformedReply(reason: "\(what): \(bytes.count)-byte address of family \(family)")
        }
    }

    private static func address(_ bytes: [UInt8], _ family: AddressFamily, _ what: String) throws(MalformedReply)
        -> IPAddress
    {
        guard let address = IPAddress(kernelBytes: bytes, family: family) else {
            throw MalformedReply(reason: "\(what): \(bytes.count)-byte address of family \(family)")
        }
        return address
    }

    private static func hostUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
    }
}
