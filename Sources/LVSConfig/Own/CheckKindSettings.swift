import LVSHealth

/// The settings of each kind of check on a `check` line, and the kind they make.
enum CheckKindSettings {
    static let names = ["connect", "http", "https", "tcp-expect", "udp-expect", "exec"]

    static func keys(of name: String) -> [String] {
        switch name {
        case "http": ["path", "host", "status", "body", "body-regex", "method"]
        case "https": ["path", "host", "status", "body", "body-regex", "method", "sni", "verify"]
        case "tcp-expect", "udp-expect": ["send", "expect", "expect-regex"]
        case "exec": ["program", "arg"]
        default: []
        }
    }

    static func kind(_ name: String, taking settings: inout SettingList) throws(LineError) -> CheckKind {
        switch name {
        case "connect":
            return .connect
        case "http", "https":
            return .http(try http(tls: name == "https", taking: &settings))
        case "tcp-expect", "udp-expect":
            let send = Array((settings.take("send") ?? "").utf8)
            let expect = try match(plain: settings.take("expect"), regex: settings.take("expect-regex"), name: "expect")
            if send.isEmpty && expect == nil {
                throw LineError("\(name) needs send=, expect= or expect-regex= (else use connect)")
            }
            let exchange = ExchangeCheck(send: send, expect: expect)
            return name == "tcp-expect" ? .tcpExchange(exchange) : .udpExchange(exchange)
        case "exec":
            guard let program = settings.take("program"), program.hasPrefix("/") else {
                throw LineError("exec needs program= with an absolute path")
            }
            return .exec(ExecCheck(program: program, arguments: settings.takeAll("arg")))
        default:
            throw LineError("unknown check kind '\(name)' (kinds: \(names.joined(separator: ", ")))")
        }
    }

    private static func http(tls: Bool, taking settings: inout SettingList) throws(LineError) -> HTTPCheck {
        var check = HTTPCheck()
        if let path = settings.take("path") {
            guard path.hasPrefix("/") else { throw LineError("path must start with /, not '\(path)'") }
            check.path = path
        }
        check.host = settings.take("host")
        if let status = settings.take("status") { check.status = try SettingValues.statuses(status, name: "status") }
        check.body = try match(plain: settings.take("body"), regex: settings.take("body-regex"), name: "body")
        if let method = settings.take("method") {
            guard let value = HTTPCheck.Method(rawValue: method) else {
                throw LineError("method must be GET or HEAD, not '\(method)'")
            }
            check.method = value
        }
        if check.method == .head && check.body != nil { throw LineError("a HEAD request has no body to match") }
        if tls {
            let verify = try settings.take("verify").map { (t) throws(LineError) in
                try SettingValues.yesNo(t, name: "verify")
            }
            check.tls = TLSOptions(serverName: settings.take("sni"), verify: verify ?? false)
        }
        return check
    }

    private static func match(plain: String?, regex: String?, name: String) throws(LineError) -> TextMatch? {
        switch (plain, regex) {
        case (let text?, nil): return .contains(text)
        case (nil, let pattern?): return .regex(pattern)
        case (nil, nil): return nil
        case (.some, .some): throw LineError("\(name)= and \(name)-regex= cannot both be given")
        }
    }
}
