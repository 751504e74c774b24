import IPVSKit

/// Whether a real server counts as healthy now, from its health source, the state of its
/// target, and (while that state is `unknown`) the table as lvsadmd found it.
///
/// `asFound` must be the table read when lvsadmd started or last reloaded, not each fresh
/// read: a server deleted by hand while its state is still unknown is drift to repair, not
/// a new finding. (Between the two, a server's entry in the kernel is what lvsadmd wrote,
/// so a target that a reload makes anew starts from what the old one had decided.)
public struct ServerHealth {
    public let health: HealthStates
    public let asFound: IndexedTable

    public init(health: HealthStates, asFound: IPVSTable) {
        self.health = health
        self.asFound = IndexedTable(asFound)
    }

    public func isHealthy(_ entry: ManagedServer, of service: ServiceID) -> Bool {
        switch entry.health {
        case .alwaysUp: return true
        case .asFound: return wasFoundUp(entry.server.id, of: service)
        case .probe(let target):
            switch health[target]?.state ?? Self.state(initial: target.initial) {
            case .up: return true
            case .down: return false
            case .unknown: return wasFoundUp(entry.server.id, of: service)
            }
        }
    }

    /// In the table as found, with a weight above 0.
    public func wasFoundUp(_ server: RealServerID, of service: ServiceID) -> Bool {
        (asFound.realServer(server, of: service)?.weight ?? 0) > 0
    }

    private static func state(initial: InitialHealth) -> HealthState {
        switch initial {
        case .up: .up
        case .down: .down
        case .asFound: .unknown
        }
    }
}
