import IPVSKit
import LVSCommandLine
import LVSHealth

/// One virtual block turned into a managed service. The service, its real servers and the
/// fallback go through lvsadm's ipvsadm parser as the very command lines ldirectord runs
/// (`-A -t VIP:PORT -s wrr ...`, `-a ... -r RIP:PORT -g -w 1`), so they mean exactly what
/// they mean to ipvsadm: a gate or ipip real server takes the service's port, a host name
/// resolves as lvsadm resolves it, and a bad value gets ipvsadm's message.
struct LdirectordTranslation {
    let file: String
    let block: LdirectordBlock
    let settings: LdirectordVirtualSettings
    let globals: LdirectordGlobals
    let parser: CommandLineParser
    private(set) var errors: [ConfigDiagnostic] = []
    private(set) var warnings: [ConfigDiagnostic] = []

    init(
        file: String, block: LdirectordBlock, settings: LdirectordVirtualSettings, globals: LdirectordGlobals,
        parser: CommandLineParser
    ) {
        self.file = file
        self.block = block
        self.settings = settings
        self.globals = globals
        self.parser = parser
    }

    mutating func managed() -> ManagedService? {
        let address: LdirectordVirtualAddress
        let protocolName: String
        do {
            address = try LdirectordVirtualAddress(block.address, isIPv6: block.isIPv6)
            protocolName = try address.protocolName(settings.protocolName)
        } catch {
            return fail(settings.protocolName?.line ?? block.line, error.message)
        }
        let serviceOptions = address.options(protocolName: protocolName)
        guard let service = serviceFromParser(serviceOptions, protocolName: protocolName) else { return nil }
        guard let checks = self.checks(for: service, address: address, protocolName: protocolName) else { return nil }
        var servers: [ManagedServer] = []
        var lines: [RealServerID: Int] = [:]
        for real in settings.reals {
            for server in self.servers(
                real, serviceOptions: serviceOptions, service: service, address: address, checks: checks)
            {
                if let earlier = lines[server.server.id] {
                    report(
                        real.line, "real server \(server.server.id) is already in this virtual block (line \(earlier))")
                    continue
                }
                lines[server.server.id] = real.line
                servers.append(server)
            }
        }
        let sorry = fallback(serviceOptions: serviceOptions, address: address)
        if let sorry, let line = lines[sorry.server.id] {
            report(
                fallbackSetting?.line ?? block.line,
                "the fallback server \(sorry.server.id) is also a real server (line \(line))")
        }
        return ManagedService(
            service: service, servers: servers,
            onFailure: (settings.quiescent ?? globals.quiescent) ? .quiesce : .remove,
            sorry: sorry, removeOnStop: settings.cleanStop ?? globals.cleanStop)
    }

    private mutating func serviceFromParser(_ options: [String], protocolName: String) -> VirtualService? {
        var arguments = ["-A"] + options + ["-s", settings.scheduler]
        if let persistent = settings.persistent {
            arguments += ["-p", String(persistent)] + (settings.netmask.map { ["-M", $0] } ?? [])
        }
        if settings.onePacket && protocolName == "udp" { arguments.append("-o") }
        if let flags = settings.schedulerFlags { arguments += ["-b", flags] }
        guard case .addService(let service)? = parse(arguments, line: block.line) else { return nil }
        return service
    }

    private mutating func checks(for service: VirtualService, address: LdirectordVirtualAddress, protocolName: String)
        -> LdirectordChecks?
    {
        var interval = Duration.seconds(globals.checkInterval)
        if let setting = settings.checkInterval {
            if globals.fork {
                interval = .seconds(Int(setting.value) ?? globals.checkInterval)
            } else {
                warn(
                    setting.line,
                    "checkinterval in a virtual block is ignored unless fork = yes, as ldirectord ignores it")
            }
        }
        let port: UInt16 = if case .address(_, _, let port) = service.id { port } else { 0 }
        let serviceName =
            settings.service?.value ?? (address.isMark ? "none" : LdirectordSupport.defaultService(port: port))
        if let setting = settings.service, !LdirectordSupport.services.contains(setting.value),
            !LdirectordSupport.otherServiceNames.contains(setting.value)
        {
            return fail(setting.line, "service must be http, https, simpletcp or none, not '\(setting.value)'")
        }
        let checks = LdirectordChecks(
            settings: settings, globals: globals, protocolName: protocolName, serviceName: serviceName,
            serviceIsDefault: settings.service == nil, interval: interval)
        let type: String
        do {
            type = try checks.checkType()
        } catch {
            return fail(settings.checkType?.line ?? block.line, error.message)
        }
        if type == "negotiate" || type.allSatisfy(\.isASCIIDigit) {
            do {
                _ = try checks.negotiate(request: nil, receive: nil)
            } catch {
                return fail(settings.service?.line ?? settings.checkType?.line ?? block.line, error.message)
            }
        }
        return checks
    }

    private var fallbackSetting: LdirectordSetting? {
        settings.fallback ?? (block.isIPv6 ? globals.fallback6 : globals.fallback)
    }

    private mutating func fallback(serviceOptions: [String], address: LdirectordVirtualAddress) -> SorryServer? {
        guard let setting = fallbackSetting else { return nil }
        do {
            let fallback = try LdirectordFallback(setting.value)
            guard
                case .addRealServer(let server, _)? = parse(
                    fallback.options(service: serviceOptions, virtualPort: address.portText), line: setting.line)
            else { return nil }
            return SorryServer(server, quorum: 1)
        } catch {
            return fail(setting.line, error.message)
        }
    }

    mutating func parse(_ arguments: [String], line: Int) -> Command? {
        do {
            return try parser.parse(arguments)
        } catch {
            return fail(line, "\(error.message) (as ipvsadm \(arguments.joined(separator: " ")))")
        }
    }

    mutating func fail<T>(_ line: Int, _ message: String) -> T? {
        report(line, message)
        return nil
    }

    mutating func report(_ line: Int, _ message: String) {
        errors.append(ConfigDiagnostic(file: file, line: line, message: message))
    }

    private mutating func warn(_ line: Int, _ message: String) {
        warnings.append(ConfigDiagnostic(file: file, line: line, severity: .warning, message: message))
    }
}

extension ServiceID {
    var port: UInt16 {
        if case .address(_, _, let port) = self { return port }
        return 0
    }

    /// The protocol whose service names a port name resolves in (tcp for a mark).
    var protocolName: IPProtocol {
        if case .address(let proto, _, _) = self { return proto }
        return .tcp
    }
}
