/// Which endpoint a request asks for, or why it is refused: decided from the method and the
/// request target alone, before anything is read or touched, so that every refusal is
/// a 4xx with the table unread and unchanged. Pure, and tested on its own.
public enum WebRoute: Hashable, Sendable {
    case statusPage
    case metrics
    case table
    case health
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
        guard let route = endpoints[path] else { return .refused(status: 404, reason: "no such page") }
        guard method == "GET" || method == "HEAD" else {
            return .refused(status: 405, reason: "read-only: only GET and HEAD")
        }
        return route
    }
}
