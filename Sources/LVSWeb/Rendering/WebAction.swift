/// An operator's action over HTTP: what `lvsadmd ctl maintenance on|off` does, for one real
/// server (`server=ADDRESS:PORT`, or a whole host with `server=ADDRESS`), in every service
/// or in one (`service=tcp:VIP:PORT`, `udp:`, `sctp:`, `fwm:MARK`).
///   POST /api/v1/drain, /api/v1/maintenance/on: weight 0 until enabled;
///   POST /api/v1/enable, /api/v1/maintenance/off: back to what its health gives it.
public struct WebAction: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case drain, enable

        init?(path: String) {
            switch path {
            case "/api/v1/drain", "/api/v1/maintenance/on": self = .drain
            case "/api/v1/enable", "/api/v1/maintenance/off": self = .enable
            default: return nil
            }
        }
    }

    public var kind: Kind
    public var server: String
    /// The service as lvsadm's options name it (`-t 10.0.0.100:80`); empty for every one.
    public var service: [String]

    /// The words of the control request that does it.
    public var controlWords: [String] {
        ["maintenance", kind == .drain ? "on" : "off", server] + service
    }

    public struct Problem: Error, Hashable {
        public var message: String
    }

    /// From the query, which must hold `server` and may hold `service`, nothing else, each
    /// once, with no percent-encoding (no address or port needs it).
    static func read(_ kind: Kind, query: String) -> Result<WebAction, Problem> {
        var fields: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, ["server", "service"].contains(parts[0]), fields[String(parts[0])] == nil,
                !parts[1].isEmpty,
                parts[1].utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f && !"%+&=\"'<>\\".utf8.contains($0) })
            else {
                return .failure(
                    Problem(message: "expected server=ADDRESS[:PORT] and optionally service=PROTO:VIP:PORT"))
            }
            fields[String(parts[0])] = String(parts[1])
        }
        guard let server = fields["server"] else { return .failure(Problem(message: "server= is missing")) }
        var service: [String] = []
        if let text = fields["service"] {
            guard let colon = text.firstIndex(of: ":") else {
                return .failure(Problem(message: "service= must be tcp:, udp:, sctp: or fwm: followed by the service"))
            }
            let rest = String(text[text.index(after: colon)...])
            switch text[..<colon] {
            case "tcp": service = ["-t", rest]
            case "udp": service = ["-u", rest]
            case "sctp": service = ["--sctp-service", rest]
            case "fwm": service = ["-f", rest]
            default:
                return .failure(Problem(message: "service= must be tcp:, udp:, sctp: or fwm: followed by the service"))
            }
        }
        return .success(WebAction(kind: kind, server: server, service: service))
    }
}
