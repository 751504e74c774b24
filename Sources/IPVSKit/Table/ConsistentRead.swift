/// The kernel dumps services and real servers in pieces, resuming each piece by index: a
/// service or real server added or removed during a long dump shifts the entries after it,
/// so the dump can show one twice or miss one. `consistentListing` says how a view is taken
/// as true; a changed setting (a weight a health checker moves) moves no index, so it does
/// not make reads disagree, and the newer value is the one returned.
public struct TornReadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var attempts: Int
    public var description: String {
        "the IPVS table kept changing while it was read (\(attempts) reads disagreed)"
    }
}

extension IPVSClient {
    /// The table's configuration, read through `consistentListing` (at most `attempts`
    /// passes): one pass and one more service dump on a quiet table, where reading it
    /// twice whole cost twice as much. Services carry the settings of the newer service
    /// dump. No counters are decoded: a table has none. Timeouts and daemons are read
    /// only when asked for (nil otherwise).
    public func consistentTable(withTimeouts: Bool = false, withDaemons: Bool = false, attempts: Int = 6) throws
        -> IPVSTable
    {
        var servers: [[RealServer]] = []
        let read = try consistentListing(
            attempts: max(attempts, 2), statistics: false, order: { $0 }, restart: { servers.removeAll() }
        ) { _, entries in
            servers.append(entries.map(\.server))
        }
        let services = zip(read.services, servers).map { TableService($0.service, realServers: $1) }
        return IPVSTable(
            services: services, timeouts: withTimeouts ? try timeouts() : nil,
            daemons: withDaemons ? try daemons() : nil)
    }
}
