/// An HTTP GET (or HEAD) of one path, judged by its status and optionally its body.
public struct HTTPCheck: Hashable, Sendable {
    public enum Method: String, Hashable, Sendable {
        case get = "GET"
        case head = "HEAD"
    }

    public var method: Method
    /// The request target, starting with `/`.
    public var path: String
    /// The `Host` header; nil sends the checked address (as a literal, bracketed for IPv6).
    public var host: String?
    /// The statuses that pass.
    public var status: StatusRanges
    /// What the body must contain or match; nil does not read the body past the status.
    public var body: TextMatch?
    /// nil for plain HTTP; set for HTTPS.
    public var tls: TLSOptions?

    public init(
        method: Method = .get, path: String = "/", host: String? = nil, status: StatusRanges = .success,
        body: TextMatch? = nil, tls: TLSOptions? = nil
    ) {
        self.method = method
        self.path = path
        self.host = host
        self.status = status
        self.body = body
        self.tls = tls
    }
}

/// How an HTTPS check talks TLS.
public struct TLSOptions: Hashable, Sendable {
    /// The server name sent in the handshake; nil sends none (the check connects to an
    /// address, and a literal address is never a valid SNI name).
    public var serverName: String?
    /// Whether the certificate must be valid for `serverName` (or the address) and signed
    /// by a trusted authority. Off by default: a health check asks whether the server
    /// answers, and backends commonly carry certificates for the service's name only.
    public var verify: Bool

    public init(serverName: String? = nil, verify: Bool = false) {
        self.serverName = serverName
        self.verify = verify
    }
}

/// A set of HTTP statuses, as inclusive ranges (`200-299,301`).
public struct StatusRanges: Hashable, Sendable, CustomStringConvertible {
    public var ranges: [ClosedRange<Int>]

    public init(_ ranges: [ClosedRange<Int>]) { self.ranges = ranges }

    /// 2xx: what ldirectord (`is_success`) and most checkers accept.
    public static let success = StatusRanges([200...299])

    public func contains(_ status: Int) -> Bool { ranges.contains { $0.contains(status) } }

    public var description: String {
        ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
            .joined(separator: ",")
    }
}
