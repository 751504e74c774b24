/// Whether a live value already is what is wanted, looking only at what can be set and
/// what the kernel keeps: a difference here is a write, anything else never is.
extension VirtualService {
    /// Scheduler, flags (without `hashed`, which the kernel sets on every listed service),
    /// persistence engine, and the timeout and netmask of a persistent service (a
    /// non-persistent one has no use for them, and `-S` does not show them).
    public func hasSameSettings(as other: VirtualService) -> Bool {
        guard id == other.id, scheduler == other.scheduler,
            flags.subtracting(.hashed) == other.flags.subtracting(.hashed),
            Self.engine(persistenceEngine) == Self.engine(other.persistenceEngine)
        else { return false }
        guard flags.contains(.persistent) else { return true }
        return timeout == other.timeout && netmask == other.netmask
    }

    /// The kernel may report an empty engine name for none.
    private static func engine(_ name: String?) -> String? {
        guard let name, !name.isEmpty else { return nil }
        return name
    }
}

extension RealServer {
    /// Forwarding (direct routing and "local", which the kernel reports for an address of
    /// the director's own, are the same request), weight, thresholds, and the tunnel
    /// options that apply to the tunnel type.
    public func hasSameSettings(as other: RealServer) -> Bool {
        guard id == other.id, Self.method(forwarding) == Self.method(other.forwarding), weight == other.weight,
            upperThreshold == other.upperThreshold, lowerThreshold == other.lowerThreshold
        else { return false }
        guard forwarding == .tunnel else { return true }
        guard tunnelType == other.tunnelType else { return false }
        switch tunnelType {
        case .gue: return tunnelPort == other.tunnelPort && tunnelFlags == other.tunnelFlags
        case .gre: return tunnelFlags == other.tunnelFlags
        default: return true
        }
    }

    private static func method(_ method: ForwardingMethod) -> ForwardingMethod {
        method == .local ? .directRoute : method
    }
}

extension Timeouts {
    /// These timeouts with each 0 ("leave as it is") replaced by the current value.
    public func applied(to current: Timeouts) -> Timeouts {
        Timeouts(
            tcp: tcp == 0 ? current.tcp : tcp, tcpFin: tcpFin == 0 ? current.tcpFin : tcpFin,
            udp: udp == 0 ? current.udp : udp)
    }
}

extension SyncDaemon {
    /// Same role, interface and sync id, and the same value for every optional field this
    /// (wanted) daemon sets; a field left unset takes whatever the kernel chose.
    public func isSatisfied(by live: SyncDaemon) -> Bool {
        state == live.state && multicastInterface == live.multicastInterface && syncID == live.syncID
            && (maxLength == nil || maxLength == live.maxLength) && (group == nil || group == live.group)
            && (port == nil || port == live.port) && (ttl == nil || ttl == live.ttl)
    }
}
