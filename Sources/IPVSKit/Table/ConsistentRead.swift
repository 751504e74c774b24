/// The kernel dumps services and real servers in pieces, resuming each piece by index: a
/// service or real server added or removed during a long dump shifts the entries after it,
/// so the dump can show one twice or miss one. `consistentListing` says how a view is taken
/// as true; a changed setting (a weight a health checker moves) moves no index, so it does
/// not make reads disagree.
public struct TornReadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var attempts: Int
    public var description: String {
        "the IPVS table kept changing while it was read (\(attempts) reads disagreed)"
    }
}

extension IPVSClient {
    /// The table's configuration, read through `consistentListing` (at most `attempts`
    /// passes): one pass and one more service dump on a quiet table, where reading it
    /// twice whole would cost twice as much. Read as `-S` reads it: no counters (a table has
    /// none), and the check's service dump for its ids only, so each service has the
    /// settings of the pass its real servers were read in, as `-S` would print them.
    /// Timeouts and daemons are read only when asked for (nil otherwise).
    public func consistentTable(withTimeouts: Bool = false, withDaemons: Bool = false, attempts: Int = 6) throws
        -> IPVSTable
    {
        var services: [TableService] = []
        try consistentListing(
            attempts: max(attempts, 2), statistics: false, order: { $0 },
            restart: { services.removeAll() },
            each: { entry, entries in
                services.append(TableService(entry.service, realServers: entries.map(\.server)))
            })
        return IPVSTable(
            services: services, timeouts: withTimeouts ? try timeouts() : nil,
            daemons: withDaemons ? try daemons() : nil)
    }

    /// Only the services named, in that order, each with its real servers (read as
    /// `consistentTable` reads them); a service the kernel does not have is left out. Costs
    /// a few requests per service, not a dump of the whole table: what a change to some
    /// services of a large table needs. Each service is read again after its real servers
    /// and kept only if it is still there, so one removed in between is not shown.
    public func consistentServices(_ ids: [ServiceID], attempts: Int = 6) throws -> IPVSTable {
        var services: [TableService] = []
        var count = ListingRead()
        for id in ids {
            guard try presentService(id) != nil else { continue }
            let servers = try agreeingRealServers(of: id, statistics: false, attempts: max(attempts, 1), count: &count)
            guard let entry = try presentService(id) else { continue }
            services.append(TableService(entry.service, realServers: servers.map(\.server)))
        }
        return IPVSTable(services: services)
    }

    private func presentService(_ id: ServiceID) throws -> ServiceEntry? {
        do {
            return try service(id)
        } catch let error as IPVSError where error.reason == .noSuchService {
            return nil
        }
    }
}
