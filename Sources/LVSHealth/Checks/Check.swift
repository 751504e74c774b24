import IPVSKit

/// A check as configured for a real server: what to probe, where, and when. The address and
/// port default to the real server's; either may be set apart (a health port, a management
/// address).
public struct Check: Hashable, Sendable {
    public var kind: CheckKind
    public var timing: CheckTiming
    public var initial: InitialHealth
    /// nil: the real server's address.
    public var address: IPAddress?
    /// nil: the real server's port.
    public var port: UInt16?

    public init(
        kind: CheckKind, timing: CheckTiming = CheckTiming(), initial: InitialHealth = .asFound,
        address: IPAddress? = nil, port: UInt16? = nil
    ) {
        self.kind = kind
        self.timing = timing
        self.initial = initial
        self.address = address
        self.port = port
    }

    /// The probe target this check makes for `server`.
    public func target(for server: RealServer) -> ProbeTarget {
        ProbeTarget(
            kind: kind, address: address ?? server.address, port: port ?? server.port, timing: timing,
            initial: initial)
    }
}

/// One thing a probe checks: everything that decides its result and its state. Two real
/// servers (of one service or of many) whose checks make the same target share one probe
/// and one state, so a backend behind ten VIPs is checked once per interval, not ten times.
public struct ProbeTarget: Hashable, Sendable, CustomStringConvertible {
    public var kind: CheckKind
    public var address: IPAddress
    public var port: UInt16
    public var timing: CheckTiming
    public var initial: InitialHealth

    public init(kind: CheckKind, address: IPAddress, port: UInt16, timing: CheckTiming, initial: InitialHealth) {
        self.kind = kind
        self.address = address
        self.port = port
        self.timing = timing
        self.initial = initial
    }

    public var endpoint: RealServerID { RealServerID(address: address, port: port) }

    /// The address and port alone: they tell targets apart but for the rare server
    /// checked two ways, and hashing every setting of a check cost more than the rest of
    /// looking it up. Equality still compares everything.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(address)
        hasher.combine(port)
    }

    public var description: String { "\(kind.name) \(endpoint)" }
}
