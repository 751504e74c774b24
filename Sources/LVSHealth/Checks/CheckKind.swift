/// What a probe does to decide whether a real server is healthy. Every kind is bounded by
/// the check's timeout at every stage (connect, TLS, request, response); the kinds only
/// say what is sent and what counts as a pass.
public indirect enum CheckKind: Hashable, Sendable {
    /// A TCP connection is opened and closed: a pass if the handshake completes.
    case connect
    /// An HTTP or HTTPS request (see `HTTPCheck.tls`).
    case http(HTTPCheck)
    /// Bytes sent over TCP and a reply expected (Piranha's nanny, ldirectord's simpletcp).
    case tcpExchange(ExchangeCheck)
    /// A datagram sent over UDP and a reply expected; no reply within the timeout fails.
    case udpExchange(ExchangeCheck)
    /// A program run with arguments: exit status 0 passes; killed at the timeout. At most
    /// one runs per target at a time (the next run waits for the last to end).
    case exec(ExecCheck)
    /// Mostly `connect`, and `full` after every `every` passing connects, or right after a
    /// failed one (ldirectord's `checktype = N`). `connectTimeout` bounds the connects;
    /// the check's own timeout bounds `full`.
    case connectMostly(every: Int, connectTimeout: Duration, full: CheckKind)

    /// The name used in configuration files and log lines.
    public var name: String {
        switch self {
        case .connect: "connect"
        case .http(let check): check.tls == nil ? "http" : "https"
        case .tcpExchange: "tcp-expect"
        case .udpExchange: "udp-expect"
        case .exec: "exec"
        case .connectMostly(let every, _, let full): "connect, \(full.name) every \(every)"
        }
    }
}

/// How a reply's text is judged.
public enum TextMatch: Hashable, Sendable, CustomStringConvertible {
    /// The reply contains these bytes.
    case contains(String)
    /// Some part of the reply matches this regular expression (POSIX extended, as
    /// ldirectord's `receive` is used in practice).
    case regex(String)

    public var description: String {
        switch self {
        case .contains(let text): "contains \"\(text)\""
        case .regex(let pattern): "matches /\(pattern)/"
        }
    }
}
