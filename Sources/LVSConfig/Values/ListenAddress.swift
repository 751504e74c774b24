/// Where lvsadmd's HTTP server listens: a TCP address or a Unix socket. Read the same from
/// `--listen` and from a `listen` line of lvsadmd's own format.
public enum ListenAddress: Hashable, Sendable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case unix(path: String)

    public static let defaultPort = 9531
    public static let `default` = ListenAddress.tcp(host: "127.0.0.1", port: defaultPort)

    /// What a bad address is told: the forms there are.
    public static let forms = "ADDRESS:PORT, [ADDRESS]:PORT or unix:/PATH"

    /// `ADDRESS:PORT` (`[ADDRESS]:PORT` for IPv6) or `unix:PATH` with an absolute path.
    public static func read(_ text: String) -> ListenAddress? {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            return path.hasPrefix("/") ? .unix(path: path) : nil
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        return .tcp(host: host, port: port)
    }

    /// Every address of a list as `--listen` and `listen` lines give it: `none` alone means
    /// no HTTP at all (an empty list). The message names the first wrong word.
    public static func readList(_ texts: [String]) -> Result<[ListenAddress], ListenProblem> {
        if texts.contains("none") {
            return texts.count == 1 ? .success([]) : .failure(ListenProblem("none cannot be combined with an address"))
        }
        var addresses: [ListenAddress] = []
        for text in texts {
            guard let address = read(text) else { return .failure(ListenProblem("'\(text)' is not \(forms)")) }
            addresses.append(address)
        }
        return .success(addresses)
    }

    public var description: String {
        switch self {
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): "unix:\(path)"
        }
    }
}

public struct ListenProblem: Error, Hashable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
