/// How `consistentListing` went.
public struct ListingRead: Hashable, Sendable {
    /// Whole reads of the table begun (1 when the first was true).
    public var passes = 0
    /// Real-server dumps read again because they came in several parts.
    public var realServerRereads = 0
}

extension IPVSClient {
    /// Every service and its real servers, counters included (what `-S` and `-L` print),
    /// read so that no entry is shown twice or missed because the table changed during a
    /// dump (see `DumpRead`), at a low cost for the common case:
    ///
    /// - a real-server dump that came in one part is taken as it is; one in several parts
    ///   is read again until two reads list the same real servers;
    /// - after all real servers are read, the service dump is read again, for its ids
    ///   only, and must list the same services in the same order. That also catches a service removed before its
    ///   real servers were read: the kernel answers the dump of a service it does not have
    ///   with no real servers, not with an error. A changed setting or counter moves no
    ///   index and tears nothing: each entry handed to `each` is true as of its read.
    ///
    /// `statistics: false` leaves the traffic counters out (zero) where the caller shows
    /// none.
    ///
    /// `order` decides in which order the services' real servers are read and handed to
    /// `each` (ipvsadm's print order, so output can be built as the read goes). `restart`
    /// is called before every pass after the first: what `each` was given is void. A read
    /// that fails throws its error at once, after `each` has seen the services read before
    /// it. After `attempts` passes that all disagree, throws
    /// `TornReadError`.
    @discardableResult
    public func consistentListing(
        attempts: Int = 6, statistics: Bool = true,
        order: ([ServiceEntry]) -> [ServiceEntry], restart: () -> Void,
        each: (ServiceEntry, [RealServerEntry]) throws -> Void
    ) throws -> ListingRead {
        var count = ListingRead()
        let passes = max(attempts, 1)
        while count.passes < passes {
            if count.passes > 0 { restart() }
            count.passes += 1
            let first = try services(statistics: statistics)
            let ids = first.map(\.service.id)
            guard Set(ids).count == first.count else { continue }
            for entry in order(first) {
                try each(
                    entry,
                    try agreeingRealServers(
                        of: entry.service.id, statistics: statistics, attempts: passes, count: &count))
            }
            if try serviceIDs() == ids { return count }
        }
        throw TornReadError(attempts: passes)
    }

    /// One service's real servers: the dump as it is when it came whole, else read until two
    /// reads in a row list the same real servers, once each.
    func agreeingRealServers(
        of id: ServiceID, statistics: Bool, attempts: Int, count: inout ListingRead
    ) throws -> [RealServerEntry] {
        var dump = try realServerDump(of: id, statistics: statistics)
        if dump.isWhole { return dump.entries }
        for _ in 0..<attempts {
            count.realServerRereads += 1
            let again = try realServerDump(of: id, statistics: statistics)
            let keys = again.entries.map(\.server.id)
            if keys == dump.entries.map(\.server.id) && Set(keys).count == keys.count { return again.entries }
            dump = again
        }
        throw TornReadError(attempts: attempts)
    }
}
