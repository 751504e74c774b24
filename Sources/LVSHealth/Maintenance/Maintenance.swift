import IPVSKit

/// Real servers an operator has taken out (drained to weight 0) for maintenance. Health
/// never overrides it: a server in maintenance stays at weight 0 however its checks go, and
/// comes back only when the operator says so. Kept in the state file across restarts.
public struct Maintenance: Hashable, Sendable {
    public enum Entry: Hashable, Sendable, CustomStringConvertible {
        /// Every real server on this address, in every service (a host to reboot).
        case host(IPAddress)
        /// This real server in every service that has it.
        case server(RealServerID)
        /// This real server in this service only.
        case serverOfService(RealServerID, ServiceID)

        public var description: String {
            switch self {
            case .host(let address): "\(address)"
            case .server(let id): "\(id)"
            case .serverOfService(let id, let service): "\(id) of \(service)"
            }
        }
    }

    public var entries: Set<Entry>

    public init(_ entries: Set<Entry> = []) { self.entries = entries }

    public func covers(_ server: RealServerID, of service: ServiceID) -> Bool {
        guard !entries.isEmpty else { return false }
        return entries.contains(.host(server.address)) || entries.contains(.server(server))
            || entries.contains(.serverOfService(server, service))
    }
}
