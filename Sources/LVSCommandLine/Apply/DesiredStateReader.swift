import IPVSKit

/// A desired state read from input, with the line each part came from.
public struct DesiredState: Hashable, Sendable {
    public var table: IPVSTable
    /// The 1-based input line of each service, real server, `--set` and daemon.
    public var lines: [TableSubject: Int]

    public init(table: IPVSTable = IPVSTable(), lines: [TableSubject: Int] = [:]) {
        self.table = table
        self.lines = lines
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
        var tokenizer = RestoreTokenizer()
        var builder = Builder()
        // A chunk at a time, as -R reads standard input: the tokens of a 110,000-line input
        // held at once were tens of MB of peak memory.
        var start = 0
        while start < bytes.count {
            let end = min(start + Self.chunkBytes, bytes.count)
            for line in tokenizer.feed(Array(bytes[start..<end])) { try builder.add(line, parser: parser) }
            start = end
        }
        if let last = tokenizer.finish() { try builder.add(last, parser: parser) }
        return builder.state
    }

    private struct Builder {
        var state = DesiredState()
        var serviceIndex: [ServiceID: Int] = [:]

        mutating func add(_ line: RestoreLine, parser: CommandLineParser) throws(DesiredStateError) {
            if line.tokens.first?.hasPrefix("#") == true { return }
            let command: Command
            do {
                command = try parser.parse(line.tokens)
            } catch {
                throw DesiredStateError(line: line.number, message: error.message)
            }
            let n = line.number
            switch command {
            case .addService(let service):
                let subject = TableSubject.service(service.id)
                if let first = state.lines[subject] {
                    throw DesiredStateError(line: n, message: "service \(service.id) is already defined on line \(first)")
                }
                state.lines[subject] = n
                serviceIndex[service.id] = state.table.services.count
                state.table.services.append(TableService(service))
            case .addRealServer(let server, let id):
                guard let index = serviceIndex[id] else {
                    throw DesiredStateError(line: n, message: "service \(id) is not defined by an earlier -A line")
                }
                let subject = TableSubject.realServer(server.id, service: id)
                if let first = state.lines[subject] {
                    throw DesiredStateError(
                        line: n, message: "real server \(server.id) of service \(id) is already defined on line \(first)")
                }
                state.lines[subject] = n
                state.table.services[index].realServers.append(server)
            case .setTimeouts(let timeouts):
                // As with repeated `--set` lines in -R, a later non-zero value wins.
                state.table.timeouts = timeouts.applied(to: state.table.timeouts ?? Timeouts(tcp: 0, tcpFin: 0, udp: 0))
                state.lines[.timeouts] = n
            case .startDaemon(let daemon):
                let subject = TableSubject.daemon(daemon.state)
                if let first = state.lines[subject] {
                    throw DesiredStateError(line: n, message: "the \(daemon.state) daemon is already defined on line \(first)")
                }
                state.lines[subject] = n
                state.table.daemons = (state.table.daemons ?? []) + [daemon]
            default:
                let word = line.tokens.first ?? ""
                throw DesiredStateError(
                    line: n,
                    message: "\(word) does not describe state: a desired state has only -A, -a, --set and --start-daemon lines")
            }
        }
    }
}
