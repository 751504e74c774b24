/// What one run of a probe found. The probes (LVSProbes) produce these; tests script
/// them. The reason travels into the transition it causes and so into the log line.
public enum ProbeOutcome: Hashable, Sendable, CustomStringConvertible {
    case passed(String)
    case failed(ProbeFailure)

    public var isPass: Bool {
        if case .passed = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .passed(let detail): detail
        case .failed(let failure): failure.description
        }
    }
}

/// Why a run failed, in words an operator reads in a log line.
public enum ProbeFailure: Hashable, Sendable, CustomStringConvertible {
    case connectTimeout(after: Duration)
    case connectionRefused
    case connectionReset
    case unreachable(String)
    case tlsFailed(String)
    /// Connected, but no (complete) reply before the timeout.
    case replyTimeout(after: Duration)
    case httpStatus(Int, expected: StatusRanges)
    case replyMismatch(TextMatch)
    case exitStatus(Int32)
    case killedAtTimeout(after: Duration)
    case other(String)

    public var description: String {
        switch self {
        case .connectTimeout(let after): "connect timeout after \(after.secondsText)"
        case .connectionRefused: "connection refused"
        case .connectionReset: "connection reset"
        case .unreachable(let detail): "unreachable: \(detail)"
        case .tlsFailed(let detail): "TLS handshake failed: \(detail)"
        case .replyTimeout(let after): "no reply within \(after.secondsText)"
        case .httpStatus(let status, let expected): "HTTP status \(status), expected \(expected)"
        case .replyMismatch(let match): "reply does not match: expected it \(match)"
        case .exitStatus(let status): "exit status \(status)"
        case .killedAtTimeout(let after): "killed at timeout after \(after.secondsText)"
        case .other(let text): text
        }
    }

    /// The kind of failure in one word, without its details: a label value for /metrics,
    /// where one series per detail (every HTTP status, every exit status) would grow
    /// without bound.
    public var reasonName: String {
        switch self {
        case .connectTimeout: "connect_timeout"
        case .connectionRefused: "connection_refused"
        case .connectionReset: "connection_reset"
        case .unreachable: "unreachable"
        case .tlsFailed: "tls_failed"
        case .replyTimeout: "reply_timeout"
        case .httpStatus: "http_status"
        case .replyMismatch: "reply_mismatch"
        case .exitStatus: "exit_status"
        case .killedAtTimeout: "killed_at_timeout"
        case .other: "other"
        }
    }

    /// Every `reasonName`, in the order above.
    public static let reasonNames = [
        "connect_timeout", "connection_refused", "connection_reset", "unreachable", "tls_failed", "reply_timeout",
        "http_status", "reply_mismatch", "exit_status", "killed_at_timeout", "other",
    ]
}
