import IPVSKit

/// The words of lvsadm's JSON documents for the model's coded values, both ways: a value
/// with no name (a code the kernel may add later) gets a spelled-out number, so every
/// value round-trips.
public enum JSONNames {
    // MARK: Protocols
    public static func protocolName(_ proto: IPProtocol) -> String {
        switch proto {
        case .tcp: "tcp"
        case .udp: "udp"
        case .sctp: "sctp"
        default: String(proto.rawValue)
        }
    }

    static func protocolValue(_ name: String) -> IPProtocol? {
        switch name {
        case "tcp": .tcp
        case "udp": .udp
        case "sctp": .sctp
        default: UInt16(name).map(IPProtocol.init(rawValue:))
        }
    }

    // MARK: Families
    public static func familyName(_ family: AddressFamily) -> String {
        switch family {
        case .inet: "inet"
        case .inet6: "inet6"
        default: String(family.rawValue)
        }
    }

    static func familyValue(_ name: String) -> AddressFamily? {
        switch name {
        case "inet": .inet
        case "inet6": .inet6
        default: UInt16(name).map(AddressFamily.init(rawValue:))
        }
    }

    // MARK: Forwarding methods
    static let forwardingNames: [(ForwardingMethod, String)] = [
        (.masquerade, "masq"), (.directRoute, "route"), (.tunnel, "tunnel"), (.local, "local"), (.bypass, "bypass"),
    ]

    public static func forwardingName(_ method: ForwardingMethod) -> String {
        forwardingNames.first { $0.0 == method }?.1 ?? String(method.rawValue)
    }

    static func forwardingValue(_ name: String) -> ForwardingMethod? {
        forwardingNames.first { $0.1 == name }?.0 ?? UInt32(name).map(ForwardingMethod.init(rawValue:))
    }

    // MARK: Tunnels
    static let tunnelTypeNames: [(TunnelType, String)] = [(.ipip, "ipip"), (.gue, "gue"), (.gre, "gre")]

    static func tunnelTypeName(_ type: TunnelType) -> String {
        tunnelTypeNames.first { $0.0 == type }?.1 ?? String(type.rawValue)
    }

    static func tunnelTypeValue(_ name: String) -> TunnelType? {
        tunnelTypeNames.first { $0.1 == name }?.0 ?? UInt8(name).map(TunnelType.init(rawValue:))
    }

    static let tunnelFlagNames: [(TunnelFlags, String)] = [
        (.checksum, "checksum"), (.remoteChecksum, "remote-checksum"),
    ]

    static func tunnelFlagList(_ flags: TunnelFlags) -> [String] {
        bitNames(flags.rawValue, named: tunnelFlagNames.map { ($0.0.rawValue, $0.1) })
    }

    static func tunnelFlagValue(_ name: String) -> TunnelFlags? {
        bitValue(name, named: tunnelFlagNames.map { ($0.0.rawValue, $0.1) }).map(TunnelFlags.init(rawValue:))
    }

    // MARK: Service flags
    /// `persistent`, `one-packet`, then the scheduler flags in the words `-b`
    /// takes for the scheduler: `sh-fallback`, `sh-port` for sh, `mh-...` for mh,
    /// `flag-1`..`flag-3` otherwise (and for sh's and mh's unnamed third flag). `hashed`
    /// has no name: documents never carry it (see `JSONDocument.serviceObject`).
    static func serviceFlagNames(scheduler: String) -> [(UInt32, String)] {
        let prefix: String? = scheduler == "sh" || scheduler == "mh" ? scheduler : nil
        return [
            (ServiceFlags.persistent.rawValue, "persistent"), (ServiceFlags.onePacket.rawValue, "one-packet"),
            (ServiceFlags.scheduler1.rawValue, prefix.map { "\($0)-fallback" } ?? "flag-1"),
            (ServiceFlags.scheduler2.rawValue, prefix.map { "\($0)-port" } ?? "flag-2"),
            (ServiceFlags.scheduler3.rawValue, "flag-3"),
        ]
    }

    public static func serviceFlagList(_ flags: ServiceFlags, scheduler: String) -> [String] {
        bitNames(flags.rawValue, named: serviceFlagNames(scheduler: scheduler))
    }

    /// Any scheduler's spelling is read, whatever the scheduler: the bits are the same.
    static func serviceFlagValue(_ name: String) -> ServiceFlags? {
        let every =
            serviceFlagNames(scheduler: "") + serviceFlagNames(scheduler: "sh") + serviceFlagNames(scheduler: "mh")
        return bitValue(name, named: every).map(ServiceFlags.init(rawValue:))
    }

    // MARK: Sync daemons
    static func daemonStateName(_ state: SyncDaemonState) -> String {
        switch state {
        case .master: "master"
        case .backup: "backup"
        default: String(state.rawValue)
        }
    }

    // MARK: Bits
    /// The names of the set bits, low bit first; a bit without a name is `bit-N`.
    static func bitNames<T: FixedWidthInteger & UnsignedInteger>(_ raw: T, named names: [(T, String)]) -> [String] {
        (0..<T.bitWidth).compactMap { index -> String? in
            let bit: T = 1 << index
            guard raw & bit != 0 else { return nil }
            return names.first { $0.0 == bit }?.1 ?? "bit-\(index)"
        }
    }

    static func bitValue<T: FixedWidthInteger & UnsignedInteger>(_ name: String, named names: [(T, String)]) -> T? {
        if let bit = names.first(where: { $0.1 == name })?.0 { return bit }
        guard name.hasPrefix("bit-"), let index = Int(name.dropFirst(4)), (0..<T.bitWidth).contains(index) else {
            return nil
        }
        return 1 << index
    }
}
