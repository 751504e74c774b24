import IPVSKit
import LVSCommandLine
import LVSHealth

/// The real servers of a virtual block, each with its check.
extension LdirectordTranslation {
    /// The real servers of one `real =` line (several for an address range).
    mutating func servers(
        _ real: LdirectordSetting, serviceOptions: [String], service: VirtualService, address: LdirectordVirtualAddress,
        checks: LdirectordChecks
    ) -> [ManagedServer] {
        let spec: LdirectordRealSpec
        let hosts: [String]
        let writtenPort: UInt16
        do {
            spec = try LdirectordRealSpec(real.value)
            hosts = try LdirectordRange.hosts(spec, resolver: parser.resolver)
            writtenPort = try portNumber(spec.port, protocolName: service.id.protocolName)
        } catch {
            report(real.line, error.message)
            return []
        }
        var servers: [ManagedServer] = []
        for host in hosts {
            var arguments =
                ["-a"] + serviceOptions + ["-r", "\(host):\(spec.port ?? "0")", spec.method, "-w", spec.weight]
            if let upper = spec.upper { arguments += ["-x", upper] }
            if let lower = spec.lower { arguments += ["-y", lower] }
            guard case .addRealServer(let server, _)? = parse(arguments, line: real.line) else { continue }
            do {
                let serverText = server.address.family == .inet6 ? "[\(server.address)]" : "\(server.address)"
                let health = try checks.health(
                    of: server, writtenPort: writtenPort, virtualServer: virtualServerText(service, address: address),
                    virtualPort: address.isMark ? "0" : String(service.id.port), request: spec.request,
                    receive: spec.receive, serverText: serverText)
                servers.append(ManagedServer(server, health: health))
            } catch {
                report(real.line, error.message)
            }
        }
        return servers
    }

    func portNumber(_ text: String?, protocolName: IPProtocol) throws(LineError) -> UInt16 {
        guard let text else { return 0 }
        if text.allSatisfy(\.isASCIIDigit) {
            guard let port = UInt16(text) else { throw LineError("real: port \(text) is above 65535") }
            return port
        }
        guard let port = parser.resolver.port(ofService: text, protocol: protocolName) else {
            throw LineError("real: unknown service name '\(text)'")
        }
        return port
    }

    func virtualServerText(_ service: VirtualService, address: LdirectordVirtualAddress) -> String {
        switch service.id {
        case .address(_, .v6(let a), _): "[\(a)]"
        case .address(_, let a, _): "\(a)"
        case .firewallMark(let mark, _): "\(mark)"
        }
    }
}
