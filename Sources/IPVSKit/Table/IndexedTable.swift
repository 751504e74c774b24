/// A table whose services are found by id in constant time, for code that looks up one
/// per request: undoing or draining a plan of 100,000 requests with `IPVSTable.service`,
/// a linear search, would compare ids a billion times on a 10,000-service table.
public struct IndexedTable {
    public let table: IPVSTable
    private let positions: [ServiceID: Int]
    /// Whether some id is there twice (never in a table read from the kernel).
    public let hasRepeatedIDs: Bool

    public init(_ table: IPVSTable) {
        self.table = table
        var positions: [ServiceID: Int] = [:]
        positions.reserveCapacity(table.services.count)
        // The first of two with one id, as `IPVSTable.service` finds it.
        var repeated = false
        for (index, entry) in table.services.enumerated() {
            // One hash per service; the rare repeat puts the first position back.
            if let first = positions.updateValue(index, forKey: entry.service.id) {
                positions[entry.service.id] = first
                repeated = true
            }
        }
        self.positions = positions
        hasRepeatedIDs = repeated
    }

    /// Where the service with that id is in `table.services`.
    public func position(of id: ServiceID) -> Int? { positions[id] }

    public func service(_ id: ServiceID) -> TableService? {
        positions[id].map { table.services[$0] }
    }

    /// The first real server with that id in the service with that id.
    public func realServer(_ id: RealServerID, of service: ServiceID) -> RealServer? {
        self.service(service)?.realServers.first { $0.id == id }
    }
}
