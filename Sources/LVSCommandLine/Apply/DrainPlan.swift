import IPVSKit

/// A plan split for draining: the real servers it removes that are to be drained (all of
/// them with `--drain`, and those an unfinished drain left in the journal, with their old
/// deadline) are set to weight 0 in the first batch and deleted later. A real server of
/// a service that is removed as a whole goes with the service, undrained.
struct DrainPlan {
    /// The plan with each drained removal replaced by a weight-0 edit (none if the weight
    /// already is 0); the plan itself, shared, when nothing is drained.
    var first: [IPVSRequest]
    /// The servers to delete once idle, with their deadlines.
    var journal = DrainJournal()
    var draining: [DrainJournal.Entry] { journal.entries }

    init(plan: [IPVSRequest], live: IPVSTable, journal old: DrainJournal, drainSeconds: UInt32?, now: UInt64) {
        // Without --drain and an unfinished drain nothing is drained: the plan as it is.
        guard drainSeconds != nil || !old.entries.isEmpty else {
            first = plan
            return
        }
        // Copied only from the first drained removal on: a plan onto an empty table is
        // all additions, one request per real server.
        var edited: [IPVSRequest]?
        let indexed = IndexedTable(live)
        for (position, request) in plan.enumerated() {
            guard case .deleteRealServer(let id, let service) = request,
                let deadline = old.deadline(of: id, in: service) ?? drainSeconds.map({ now + UInt64($0) }),
                let server = indexed.realServer(id, of: service)
            else {
                edited?.append(request)
                continue
            }
            if edited == nil { edited = Array(plan[..<position]) }
            journal.entries.append(DrainJournal.Entry(server: id, service: service, deadline: deadline))
            if server.weight != 0 {
                var idle = server
                idle.weight = 0
                edited?.append(.editRealServer(idle, service: service))
            }
        }
        first = edited ?? plan
    }
}

extension ApplyRunner {
    var journalPath: String { stateDirectory + "/drain" }
    private var stateDirectory: String { host.environment(Self.stateVariable) ?? Self.defaultStateDirectory }

    func loadJournal() -> DrainJournal {
        guard let bytes = try? host.readFile(journalPath) else { return DrainJournal() }
        return DrainJournal.decode(bytes, parser: parser)
    }

    func saveJournal(_ journal: DrainJournal) throws(Failure) {
        do {
            try host.makeDirectory(stateDirectory)
            try host.writeFile(journalPath, journal.encoded(resolver: resolver))
        } catch {
            throw Failure(message: "recording the drain: " + error.message, status: 2)
        }
    }

    func clearJournal() { host.removeFile(journalPath) }

    /// Waits until every drained server has no active connection (or is gone), or its
    /// deadline has passed.
    func waitForDrain(_ journal: DrainJournal, client: any IPVSClient) {
        while true {
            let now = host.now()
            var busy = journal.entries.filter { Double($0.deadline) > now }
            var active: [ServiceID: [RealServerID: UInt32]] = [:]
            for service in Set(busy.map(\.service)) {
                let entries = (try? client.realServers(of: service)) ?? []
                active[service] = Dictionary(
                    entries.map { ($0.server.id, $0.connections.active) }, uniquingKeysWith: { first, _ in first })
            }
            busy = busy.filter { (active[$0.service]?[$0.server] ?? 0) > 0 }
            guard let soonest = busy.map(\.deadline).min() else { return }
            host.sleep(seconds: min(Self.pollInterval, max(0, Double(soonest) - now)))
        }
    }

    /// Deletes the drained servers; one already gone (or whose service is gone) is fine.
    func deleteDrained(_ journal: DrainJournal, client: any IPVSClient) throws(Failure) {
        let deletes = journal.entries.map { IPVSRequest.deleteRealServer($0.server, service: $0.service) }
        let results: [IPVSError?]
        do {
            results = try client.perform(deletes)
        } catch {
            throw Failure(
                message: "removing drained servers: " + KernelMessages.describe(error)
                    + "\nthe drained servers stay at weight 0", status: 1)
        }
        let failures = zip(deletes, results).compactMap { request, error -> String? in
            guard let error, error.reason != .noSuchRealServer, error.reason != .noSuchService else { return nil }
            return ChangeFormat.line(request, resolver: resolver).dropLast() + ": " + KernelMessages.describe(error)
        }
        if !failures.isEmpty {
            throw Failure(
                message: failures.joined(separator: "\n") + "\nthe drained servers stay at weight 0", status: 1)
        }
    }
}
