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
    /// The real servers (of every service) whose health each target decides, in
    /// configuration order.
    public private(set) var users: [ProbeTarget: [TargetUser]] = [:]

    public init(_ configuration: HealthConfiguration) {
        // Sized for one target per real server (the common case, and the most there can
        // be), and each server looked up once: at 100,000 servers, growing the dictionary
        // and a second look-up were a third of reading the configuration.
        users.reserveCapacity(configuration.services.reduce(0) { $0 + $1.servers.count })
        for managed in configuration.services {
            for entry in managed.servers {
                guard case .probe(let target) = entry.health else { continue }
                let user = TargetUser(service: managed.service.id, server: entry.server.id)
                let known = users.count
                users[target, default: []].append(user)
                if users.count != known { targets.append(target) }
            }
        }
    }
}
