import IPVSKit

/// A desired state read from input, with the line each part came from.
///
/// The lines are kept beside the table, one array per service, rather than in a
/// dictionary by subject: at 110,000 real servers such a dictionary would be more than
/// half of apply's peak memory.
public struct DesiredState: Hashable, Sendable {
    public var table: IPVSTable
    /// The 1-based input line of each service of `table.services`, in the same order;
    /// empty for a JSON document, which has no lines.
    var serviceLines: [Int32] = []
    /// The input line of each real server, one array per service, in `realServers` order.
    var serverLines: [[Int32]] = []
    var timeoutsLine: Int?
    var daemonLines: [SyncDaemonState: Int] = [:]
    /// Where each service is in `table.services`.
    var serviceIndex: [ServiceID: Int] = [:]

    public init(table: IPVSTable = IPVSTable()) {
        self.table = table
    }

    /// The input line that describes `subject`, if the input had lines.
    public func line(of subject: TableSubject) -> Int? {
        switch subject {
        case .service(let id):
            guard let index = serviceIndex[id], index < serviceLines.count else { return nil }
            return Int(serviceLines[index])
        case .realServer(let server, let id):
            guard let index = serviceIndex[id], index < serverLines.count,
                let position = table.services[index].realServers.firstIndex(where: { $0.id == server })
            else { return nil }
            return Int(serverLines[index][position])
        case .timeouts:
            return timeoutsLine
        case .daemon(let state):
            return daemonLines[state]
        }
    }
}

/// Input that does not describe a table; `line` is nil when it is not about one line.
public struct DesiredStateError: Error, Hashable, Sendable {
    public var line: Int?
    public var message: String

    /// `line N: message`, as `-R` numbers its messages.
    public var text: String { (line.map { "line \($0): " } ?? "") + message }
}

/// Reads a desired state in the save format (`-S` output, `/etc/ipvsadm.rules`), or the
/// JSON document of `-S --json` (see `readJSON`). The save format is read with the same
/// tokenizer and parser as `-R`, one line at a time, so every option `-R` accepts means the
/// same here. Only lines that describe state belong: `-A`, `-a`, `--set` and
/// `--start-daemon`. Unlike `-R`, a line whose first token starts with `#` is a comment
/// (ipvsadm-restore drops those too).
public struct DesiredStateReader: Sendable {
    public var parser: CommandLineParser

    public init(parser: CommandLineParser) { self.parser = parser }

    static let chunkBytes = 64 * 1024

    public func read(_ bytes: [UInt8]) throws(DesiredStateError) -> DesiredState {
        if Self.isJSON(bytes) { return try readJSON(bytes) }
        var reader = RestoreReader(fastPath: SaveLineFastPath(parser: parser))
        var builder = Builder()
        // A chunk at a time, as -R reads standard input: the lines of a 110,000-line input
        // held at once would be tens of MB of peak memory.
        var start = 0
        while start < bytes.count {
            let end = min(start + Self.chunkBytes, bytes.count)
            _ = try reader.feed(
                Array(bytes[start..<end]),
                fast: { (read, number) throws(DesiredStateError) -> Bool in
                    try builder.add(read, number: number)
                    return false
                },
                tokens: { (line) throws(DesiredStateError) -> Bool in
                    try builder.add(line, parser: parser)
                    return false
                })
            start = end
        }
        if let last = reader.finish() { try builder.add(last, parser: parser) }
        builder.trim()
        return builder.state
    }

    private struct Builder {
        var state = DesiredState()

        /// Ends the last service, and gives each service's lists back the room that
        /// growing them by doubling left unused (real servers listed away from their
        /// service's line); the state is held through the whole apply.
        mutating func trim() {
            closeLastService()
            for index in state.table.services.indices {
                Self.trim(&state.table.services[index].realServers)
                Self.trim(&state.serverLines[index])
            }
        }

        private static func trim<Element>(_ list: inout [Element]) {
            guard list.capacity > list.count + list.count / 4 else { return }
            list = exactCopy(list)
        }

        mutating func add(_ line: RestoreLine, parser: CommandLineParser) throws(DesiredStateError) {
            if line.tokens.first?.hasPrefix("#") == true { return }
            let command: Command
            do {
                command = try parser.parse(line.tokens)
            } catch {
                throw DesiredStateError(line: line.number, message: error.message)
            }
            try add(command, line: line.number, firstToken: line.tokens.first ?? "")
        }

        mutating func add(_ line: SaveLineFastPath.SaveLine, number: Int) throws(DesiredStateError) {
            switch line {
            case .service(let service): try add(service, line: number)
            case .realServer(let server, let id): try add(server, to: id, line: number)
            }
        }

        private mutating func add(_ service: VirtualService, line n: Int) throws(DesiredStateError) {
            // One hash for the check and the entry; a repeat puts the first back.
            if let first = state.serviceIndex.updateValue(state.table.services.count, forKey: service.id) {
                state.serviceIndex[service.id] = first
                throw DesiredStateError(
                    line: n, message: "service \(service.id) is already defined on line \(state.serviceLines[first])")
            }
            closeLastService()
            state.table.services.append(TableService(service))
            state.serviceLines.append(Int32(clamping: n))
            state.serverLines.append([])
        }

        private mutating func add(_ server: RealServer, to id: ServiceID, line n: Int) throws(DesiredStateError) {
            // Real servers usually follow their service's line: no look-up for those.
            let last = state.table.services.indices.last
            guard
                let index = last.flatMap({ state.table.services[$0].service.id == id ? $0 : nil })
                    ?? state.serviceIndex[id]
            else {
                throw DesiredStateError(line: n, message: "service \(id) is not defined by an earlier -A line")
            }
            // A linear search: a service has tens or hundreds of real servers, and a set
            // per service would cost more memory than the servers themselves.
            let isLast = index == state.table.services.count - 1
            let servers = isLast ? lastServers : state.table.services[index].realServers
            if let position = servers.firstIndex(where: { $0.id == server.id }) {
                let first = isLast ? lastServerLines[position] : state.serverLines[index][position]
                throw DesiredStateError(
                    line: n, message: "real server \(server.id) of service \(id) is already defined on line \(first)")
            }
            if isLast {
                lastServers.append(server)
                lastServerLines.append(Int32(clamping: n))
            } else {
                state.table.services[index].realServers.append(server)
                state.serverLines[index].append(Int32(clamping: n))
            }
        }

        /// The real servers of the last service read so far, and their lines: they grow
        /// here and go to the service in one exact copy when the next service begins (or
        /// the input ends). Grown in place, every service's lists would be reallocated
        /// at 1, 2, 4, 8... servers.
        private var lastServers: [RealServer] = []
        private var lastServerLines: [Int32] = []

        mutating func closeLastService() {
            guard let index = state.table.services.indices.last else { return }
            state.table.services[index].realServers = Self.exactCopy(lastServers)
            state.serverLines[index] = Self.exactCopy(lastServerLines)
            lastServers.removeAll(keepingCapacity: true)
            lastServerLines.removeAll(keepingCapacity: true)
        }

        private static func exactCopy<Element>(_ list: [Element]) -> [Element] {
            guard !list.isEmpty else { return [] }
            var copy: [Element] = []
            copy.reserveCapacity(list.count)
            copy.append(contentsOf: list)
            return copy
        }

        mutating func add(_ command: Command, line n: Int, firstToken: String) throws(DesiredStateError) {
            switch command {
            case .addService(let service): try add(service, line: n)
            case .addRealServer(let server, let id): try add(server, to: id, line: n)
            case .setTimeouts(let timeouts):
                // As with repeated `--set` lines in -R, a later non-zero value wins.
                state.table.timeouts = timeouts.applied(to: state.table.timeouts ?? Timeouts(tcp: 0, tcpFin: 0, udp: 0))
                state.timeoutsLine = n
            case .startDaemon(let daemon):
                if let first = state.daemonLines[daemon.state] {
                    throw DesiredStateError(
                        line: n, message: "the \(daemon.state) daemon is already defined on line \(first)")
                }
                state.daemonLines[daemon.state] = n
                state.table.daemons = (state.table.daemons ?? []) + [daemon]
            default:
                throw DesiredStateError(
                    line: n,
                    message:
                        "\(firstToken) does not describe state: a desired state has only -A, -a, --set and --start-daemon lines"
                )
            }
        }
    }
}
