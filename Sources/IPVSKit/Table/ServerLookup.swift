/// The real servers of one service, found by id: a linear search in a short list (a
/// service has a few or tens of real servers, where hashing every one costs the planner
/// more than the search), a dictionary for a long one.
struct ServerLookup {
    private let servers: [RealServer]
    private let index: [RealServerID: Int]?

    static let linearLimit = 32

    init(_ servers: [RealServer]) {
        self.servers = servers
        guard servers.count > Self.linearLimit else {
            index = nil
            return
        }
        var index: [RealServerID: Int] = [:]
        index.reserveCapacity(servers.count)
        for (position, server) in servers.enumerated() where index[server.id] == nil { index[server.id] = position }
        self.index = index
    }

    /// The first server with that id.
    func find(_ id: RealServerID) -> RealServer? {
        if let index { return index[id].map { servers[$0] } }
        return servers.first { $0.id == id }
    }
}
