import IPVSKit
import LVSHealth
import Logging

extension Director {
    /// Drains (`on`) or restores (`off`) the real servers `entry` covers and writes the
    /// table. Refused, with nothing changed, for an entry that covers no configured real
    /// server (a typo must not look like a drain) or, for `off`, one not in maintenance.
    public func setMaintenance(_ entry: Maintenance.Entry, on: Bool) throws(TextError) -> String {
        let covered = configuration.services.flatMap { managed in
            managed.servers.filter { Maintenance([entry]).covers($0.server.id, of: managed.service.id) }
        }
        if on {
            guard !covered.isEmpty else { throw TextError("no configured real server is \(entry)") }
            guard maintenance.entries.insert(entry).inserted else { return "\(entry) is already in maintenance" }
        } else {
            guard maintenance.entries.remove(entry) != nil else { throw TextError("\(entry) is not in maintenance") }
        }
        logger.notice("maintenance \(on ? "on" : "off"): \(entry) (\(covered.count) real servers)")
        saveState()
        let write = reconcile(cause: .maintenance)
        let changes = write.map { " (\($0.requests.count) changes, \($0.failures) refused)" } ?? ""
        return "maintenance \(on ? "on" : "off"): \(entry)\(changes)"
    }
}

extension Maintenance.Entry {
    /// `ADDRESS` (a host), `ADDRESS:PORT` (a real server in every service), or with service
    /// options (`-t 10.0.0.100:80`) that real server in that service only.
    public static func read(server: String, service: [String]) throws(TextError) -> Maintenance.Entry {
        let (address, port) = try ServiceText.server(server)
        guard let port else {
            guard service.isEmpty else { throw TextError("a real server of a service needs its port: \(server)") }
            return .host(address)
        }
        let id = RealServerID(address: address, port: port)
        return service.isEmpty ? .server(id) : .serverOfService(id, try ServiceText.service(service))
    }
}
