/// Which endpoint a request asks for, or why it is refused: decided from the method and the
/// request target alone, before anything is read or touched, so that every refusal is
/// a 4xx with the table unread and unchanged. Pure, and tested on its own.
public enum WebRoute: Hashable, Sendable {
    case statusPage
    case metrics
    case table
    case health
    /// The health transitions numbered above `since`; with `wait`, held up to that many
    /// seconds until there is one (a long poll).
    case events(since: UInt64, wait: Int)
    /// An operator's action (POST, with the token): drain or enable a real server.
    case action(WebAction)
    case refused(status: Int, reason: String)

    /// The longest request target accepted: every endpoint's is far shorter.
    public static let longestTarget = 256

    private static let endpoints: [String: WebRoute] = [
        "/": .statusPage, "/metrics": .metrics, "/api/v1/table": .table, "/api/v1/health": .health,
    ]

    /// `target` is the request target as sent (path and query).
    public static func route(method: String, target: String) -> WebRoute {
        guard target.utf8.count <= longestTarget else {
            return .refused(status: 414, reason: "request target too long")
        }
        let path =
            target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        // Only the exact paths below exist: no decoding, no normalising, so `%2e%2e`,
        // `//metrics` or `/./` name nothing rather than something by surprise.
        guard path.hasPrefix("/"), path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "%") }),
            !path.contains("//"), !path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." })
        else { return .refused(status: 400, reason: "malformed path") }
        if let kind = WebAction.Kind(path: path) {
            guard method == "POST" else { return .refused(status: 405, reason: "an action needs POST") }
            let query = target.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            switch WebAction.read(kind, query: query) {
            case .success(let action): return .action(action)
            case .failure(let problem): return .refused(status: 400, reason: problem.message)
            }
        }
        if path == "/api/v1/events" {
            guard method == "GET" || method == "HEAD" else {
                return .refused(status: 405, reason: "read-only: only GET and HEAD")
            }
            let query = target.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            return eventsRoute(query: query)
        }
        guard let route = endpoints[path] else { return .refused(status: 404, reason: "no such page") }
        guard method == "GET" || method == "HEAD" else {
            return .refused(status: 405, reason: "read-only: only GET and HEAD")
        }
        return route
    }

    /// The longest a long poll is held.
    public static let longestWait = 60

    /// `since=N` (default 0: every transition kept) and `wait=SECONDS` (default 0), each at
    /// most once, nothing else.
    static func eventsRoute(query: String) -> WebRoute {
        var since: UInt64?
        var wait: Int?
        let refusal = WebRoute.refused(status: 400, reason: "expected since=NUMBER and wait=SECONDS (0-\(longestWait))")
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return refusal }
            switch parts[0] {
            case "since" where since == nil:
                guard let value = UInt64(parts[1]) else { return refusal }
                since = value
            case "wait" where wait == nil:
                guard let value = Int(parts[1]), (0...longestWait).contains(value) else { return refusal }
                wait = value
            default: return refusal
            }
        }
        return .events(since: since ?? 0, wait: wait ?? 0)
    }
}
