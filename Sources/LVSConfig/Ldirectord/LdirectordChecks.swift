import IPVSKit
import LVSHealth

/// How a virtual block's real servers are checked, by ldirectord's rules:
/// - `checktype` defaults to negotiate; `on` is always healthy, `off` never changes a
///   server after start (healthy as found), `connect` opens a TCP connection, `external`
///   runs `checkcommand VIRTUAL VPORT REAL RPORT`, and a number N is connect checks with a
///   negotiate check after every N passing ones (and after a failed one);
/// - negotiate uses `service` (default from the virtual port: 80 http, 443 https, ...):
///   http/https GET `request` (default /) with Host `virtualhost` (default the address),
///   passing on 2xx whose body matches the `receive` regex if one is given; simpletcp sends
///   `request` without its leading / and with `\n` as newlines, and passes when the reply
///   matches `receive`; none is always healthy;
/// - connect and external are bounded by checktimeout, negotiate by negotiatetimeout (each
///   defaults to the other, then 5 s and 30 s); one pass brings a server up, `failurecount`
///   failures in a row take it down; checks go to `checkport`, else the real server's port
///   as written, else the service's usual port.
struct LdirectordChecks {
    let settings: LdirectordVirtualSettings
    let globals: LdirectordGlobals
    let protocolName: String
    /// The `service` value in force, and whether it was ldirectord's default for the port.
    let serviceName: String
    let serviceIsDefault: Bool
    let interval: Duration

    var checkTimeout: Int {
        settings.checkTimeout ?? settings.negotiateTimeout ?? globals.checkTimeout ?? globals.negotiateTimeout ?? 5
    }

    var negotiateTimeout: Int {
        settings.negotiateTimeout ?? settings.checkTimeout ?? globals.negotiateTimeout ?? globals.checkTimeout ?? 30
    }

    /// The `checktype` value, checked; an error names the setting's line.
    func checkType() throws(LineError) -> String {
        let value = settings.checkType?.value ?? "negotiate"
        switch value {
        case "connect", "negotiate", "on", "off", "external": return value
        case "ping": throw LineError("checktype = ping is not supported: lvsadmd sends no ICMP; use connect")
        case "external-perl":
            throw LineError("checktype = external-perl is not supported: use external with the same script")
        default:
            guard !value.isEmpty, value.allSatisfy(\.isASCIIDigit), Int(value) != nil else {
                throw LineError("checktype must be connect, negotiate, on, off, external or a number, not '\(value)'")
            }
            return value
        }
    }

    /// Where `server`'s health comes from. `writtenPort` is the real server's port as the
    /// file gives it (0 if none), which checks use even where the table has the service's.
    func health(
        of server: RealServer, writtenPort: UInt16, virtualServer: String, virtualPort: String, request: String?,
        receive: String?, serverText: String
    ) throws(LineError) -> HealthSource {
        let type = try checkType()
        let timing = { (timeout: Int) in
            CheckTiming(
                interval: interval, timeout: .seconds(timeout), rise: 1,
                fall: settings.failureCount ?? globals.failureCount)
        }
        let make = { (kind: CheckKind, timeout: Int, port: UInt16) in
            HealthSource.probe(
                ProbeTarget(kind: kind, address: server.address, port: port, timing: timing(timeout), initial: .asFound)
            )
        }
        switch type {
        case "on": return .alwaysUp
        case "off": return .asFound
        case "connect":
            if protocolName == "udp" {
                throw LineError(
                    "checktype = connect on a UDP service is a ping in ldirectord, which lvsadmd does not do")
            }
            return make(.connect, checkTimeout, try port(writtenPort))
        case "external":
            let arguments = [virtualServer, virtualPort, serverText, String(writtenPort)]
            // The program is told the ports; it needs none of its own.
            return make(
                .exec(ExecCheck(program: settings.checkCommand ?? "/bin/true", arguments: arguments)), checkTimeout,
                writtenPort)
        default:
            guard let full = try negotiate(request: request, receive: receive) else {
                if type != "negotiate" { throw LineError("checktype = \(type) with service = none is not supported") }
                return .alwaysUp
            }
            let every = Int(type) ?? 0
            let kind =
                every == 0 ? full : .connectMostly(every: every, connectTimeout: .seconds(checkTimeout), full: full)
            return make(kind, negotiateTimeout, try port(writtenPort))
        }
    }

    private func port(_ written: UInt16) throws(LineError) -> UInt16 {
        if let port = settings.checkPort { return port }
        if written > 0 { return written }
        guard let port = LdirectordSupport.servicePort(serviceName) else {
            throw LineError("real server has no port to check: set checkport")
        }
        return port
    }

    /// The negotiate check of `service`; nil for `none`.
    func negotiate(request: String?, receive: String?) throws(LineError) -> CheckKind? {
        let request = request ?? settings.request ?? "/"
        let receive = receive ?? settings.receive ?? ""
        if request.contains("://") {
            throw LineError(
                "a request that is a whole URL is not supported: give the path, and checkport for another port")
        }
        switch serviceName {
        case "http", "https":
            return .http(
                HTTPCheck(
                    method: settings.httpMethod == "HEAD" ? .head : .get, path: request, host: settings.virtualHost,
                    status: .success, body: receive.isEmpty ? nil : .regex(receive),
                    tls: serviceName == "https" ? TLSOptions(serverName: nil, verify: false) : nil))
        case "simpletcp":
            let send = String(request.dropFirst()).replacing("\\n", with: "\n")
            return .tcpExchange(ExchangeCheck(send: Array(send.utf8), expect: receive.isEmpty ? nil : .regex(receive)))
        case "none":
            return nil
        default:
            let origin = serviceIsDefault ? " (ldirectord's default for this port)" : ""
            throw LineError(
                "service = \(serviceName)\(origin) is not supported: lvsadmd negotiates http, https, simpletcp and none; set service, or checktype = connect"
            )
        }
    }
}
