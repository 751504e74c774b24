/// The value of a `virtual =` (or `virtual6 =`) line: an address and port, or a firewall
/// mark; and the ipvsadm options that name the service.
struct LdirectordVirtualAddress {
    enum Kind {
        /// HOST is a dotted quad, a host name, or a bracketed IPv6 address; PORT a number
        /// or a service name.
        case endpoint(host: String, port: String)
        case mark(String)
    }

    var kind: Kind
    var isIPv6: Bool

    init(_ value: String, isIPv6: Bool) throws(LineError) {
        self.isIPv6 = isIPv6
        if !value.isEmpty, value.allSatisfy(\.isASCIIDigit) {
            kind = .mark(value)
            return
        }
        guard let colon = value.lastIndex(of: ":") else {
            throw LineError("\(Self.name(isIPv6)) must be ADDRESS:PORT or a firewall mark, not '\(value)'")
        }
        let host = String(value[..<colon])
        let port = String(value[value.index(after: colon)...])
        guard !port.isEmpty, port.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw LineError("\(Self.name(isIPv6)) has a bad port '\(port)'")
        }
        let bracketed = host.hasPrefix("[") && host.hasSuffix("]")
        if bracketed && !isIPv6 { throw LineError("an IPv6 address needs virtual6, not virtual") }
        if isIPv6 && !bracketed { throw LineError("virtual6 takes [IPv6 address]:PORT or a firewall mark") }
        kind = .endpoint(host: host, port: port)
    }

    private static func name(_ isIPv6: Bool) -> String { isIPv6 ? "virtual6" : "virtual" }

    var isMark: Bool {
        if case .mark = kind { return true }
        return false
    }

    /// The port as written, "0" for a mark (ldirectord's value in both cases).
    var portText: String {
        switch kind {
        case .endpoint(_, let port): port
        case .mark: "0"
        }
    }

    /// `tcp`, `udp` or `fwm`, from the `protocol` setting or ldirectord's default (udp for
    /// port 53, else tcp; fwm for a mark).
    func protocolName(_ setting: LdirectordSetting?) throws(LineError) -> String {
        if isMark {
            if let setting, setting.value != "fwm" {
                throw LineError("protocol must be fwm for a firewall-mark virtual service, not '\(setting.value)'")
            }
            return "fwm"
        }
        guard let setting else { return portText == "53" || portText == "domain" ? "udp" : "tcp" }
        guard setting.value == "tcp" || setting.value == "udp" else {
            throw LineError("protocol must be tcp or udp for an address and port, not '\(setting.value)'")
        }
        return setting.value
    }

    /// The ipvsadm options naming the service: `-t HOST:PORT`, `-u HOST:PORT`, `-f MARK [-6]`.
    func options(protocolName: String) -> [String] {
        switch kind {
        case .endpoint(let host, let port): [protocolName == "udp" ? "-u" : "-t", "\(host):\(port)"]
        case .mark(let mark): ["-f", mark] + (isIPv6 ? ["-6"] : [])
        }
    }
}
