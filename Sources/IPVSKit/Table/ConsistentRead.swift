/// The kernel dumps services and real servers in pieces, resuming each piece by index: a
/// service or real server added or removed during a long dump shifts the entries after it,
/// so the dump can show one twice or miss one. A view is taken as true only when two reads
/// in a row list the same entries in the same order; a changed setting (a weight a health
/// checker moves) moves no index, so it does not make reads disagree, and the newer read
/// is the one returned.
public struct TornReadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var attempts: Int
    public var description: String {
        "the IPVS table kept changing while it was read (\(attempts) reads disagreed)"
    }
}

extension IPVSClient {
    /// The table's configuration, read until two reads in a row list the same entries (at
    /// most `attempts` reads). Timeouts and daemons are read only when asked for (nil
    /// otherwise).
    public func consistentTable(withTimeouts: Bool = false, withDaemons: Bool = false, attempts: Int = 6) throws
        -> IPVSTable
    {
        var previous = try table(withTimeouts: withTimeouts, withDaemons: withDaemons)
        for _ in 1..<max(attempts, 2) {
            let next = try table(withTimeouts: withTimeouts, withDaemons: withDaemons)
            if next.keys == previous.keys && next.hasUniqueKeys { return next }
            previous = next
        }
        throw TornReadError(attempts: max(attempts, 2))
    }

    /// One read, as the kernel lists it. A service seen twice is kept as it is: such a read
    /// is never accepted (`hasUniqueKeys`).
    public func table(withTimeouts: Bool = false, withDaemons: Bool = false) throws -> IPVSTable {
        let services = try services().map { entry in
            TableService(entry.service, realServers: try realServers(of: entry.service.id).map(\.server))
        }
        return IPVSTable(
            services: services, timeouts: withTimeouts ? try timeouts() : nil,
            daemons: withDaemons ? try daemons() : nil)
    }
}

extension IPVSTable {
    /// Every service and real server, in the order listed.
    public var keys: [TableSubject] {
        services.flatMap { entry in
            [.service(entry.service.id)] + entry.realServers.map { .realServer($0.id, service: entry.service.id) }
        }
    }

    /// No service twice, and no real server twice within a service: a dump that shows one
    /// twice was torn.
    public var hasUniqueKeys: Bool {
        Set(services.map(\.service.id)).count == services.count
            && services.allSatisfy { Set($0.realServers.map(\.id)).count == $0.realServers.count }
    }
}
