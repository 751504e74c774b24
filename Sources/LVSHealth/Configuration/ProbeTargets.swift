import IPVSKit

/// A real server of a service: who uses a probe target.
public struct TargetUser: Hashable, Sendable, CustomStringConvertible {
    public var service: ServiceID
    public var server: RealServerID

    public init(service: ServiceID, server: RealServerID) {
        self.service = service
        self.server = server
    }

    public var description: String { "\(service) -> \(server)" }
}

/// The distinct probe targets of a configuration and who uses each: one probe per target,
/// whatever the number of services naming it.
public struct ProbeTargets: Hashable, Sendable {
    /// Each distinct target once, in the order of first use in the configuration.
    public private(set) var targets: [ProbeTarget] = []
    /// Each target's place in `targets`.
    private var places: [ProbeTarget: Int] = [:]
    /// The first user of the target at each place; the others of a shared target in
    /// `laterUsers`. Most targets have one user: an array for each would be 100,000
    /// allocations in a configuration of 100,000 real servers.
    private var firstUsers: [TargetUser] = []
    private var laterUsers: [Int: [TargetUser]] = [:]

    public init(_ configuration: HealthConfiguration) {
        // Sized for one target per real server (the common case, and the most there can
        // be), and each server looked up once: at 100,000 servers, growing the dictionary
        // and a second look-up were a third of reading the configuration.
        let servers = configuration.services.reduce(0) { $0 + $1.servers.count }
        places.reserveCapacity(servers)
        targets.reserveCapacity(servers)
        firstUsers.reserveCapacity(servers)
        for managed in configuration.services {
            for entry in managed.servers {
                guard case .probe(let target) = entry.health else { continue }
                let user = TargetUser(service: managed.service.id, server: entry.server.id)
                let next = targets.count
                let place = Self.value(of: &places[target, default: next])
                if place == next {
                    targets.append(target)
                    firstUsers.append(user)
                } else {
                    laterUsers[place, default: []].append(user)
                }
            }
        }
    }

    /// The real servers (of every service) whose health `target` decides, in configuration
    /// order; none for a target not in the configuration.
    public func users(of target: ProbeTarget) -> [TargetUser] {
        guard let place = places[target] else { return [] }
        return [firstUsers[place]] + (laterUsers[place] ?? [])
    }

    /// Reads a dictionary's slot through its `default:` subscript, which puts the default
    /// in when the key is new: one look-up either way.
    private static func value(of slot: inout Int) -> Int { slot }
}
