/// A `fallback =` value: `HOST[:PORT] [gate|masq|ipip]`; the port defaults to the virtual
/// service's, the method to gate, and the weight is always 1 (as ldirectord adds it).
struct LdirectordFallback {
    var host: String
    var port: String?
    var method: String

    init(_ value: String) throws(LineError) {
        let words = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard (1...2).contains(words.count) else {
            throw LineError("fallback must be HOST[:PORT] [gate|masq|ipip], not '\(value)'")
        }
        switch words.count == 2 ? words[1] : "gate" {
        case "gate": method = "-g"
        case "masq": method = "-m"
        case "ipip": method = "-i"
        default: throw LineError("fallback: the forwarding method must be gate, masq or ipip")
        }
        var hostPort = words[0]
        if let colon = hostPort.lastIndex(of: ":"), !hostPort[colon...].contains("]") {
            port = String(hostPort[hostPort.index(after: colon)...])
            hostPort = hostPort[..<colon]
        }
        host = String(hostPort)
        if host.contains(":") && !host.hasPrefix("[") { throw LineError("fallback: put an IPv6 address in brackets") }
    }

    func options(service: [String], virtualPort: String) -> [String] {
        ["-a"] + service + ["-r", "\(host):\(port ?? virtualPort)", method, "-w", "1"]
    }
}
