import IPVSKit
import LVSCommandLine
import LVSHealth

/// Joins the services read by apply's reader with the directives that name them.
struct OwnFormatAssembly {
    let file: String
    let desired: DesiredState
    let directives: OwnDirectives
    private(set) var errors: [ConfigDiagnostic] = []
    /// The services by id: a file names thousands, each by every check directive.
    private let services: [ServiceID: TableService]

    init(file: String, desired: DesiredState, directives: OwnDirectives) {
        self.file = file
        self.desired = desired
        self.directives = directives
        services = Dictionary(
            desired.table.services.map { ($0.service.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private struct ServiceChecks {
        var service: CheckDirective?
        var servers: [RealServerID: CheckDirective] = [:]
        var sorry: SorryDirective?
        var name: NameDirective?
    }

    mutating func configuration() -> HealthConfiguration {
        refuseUnmanagedState()
        var checks: [ServiceID: ServiceChecks] = [:]
        for service in desired.table.services { checks[service.service.id] = ServiceChecks() }
        for check in directives.checks { attach(check, to: &checks) }
        for sorry in directives.sorries { attach(sorry, to: &checks) }
        for name in directives.names { attach(name, to: &checks) }
        let services = desired.table.services.map { entry in
            managed(entry, checks: checks[entry.service.id] ?? ServiceChecks())
        }
        return HealthConfiguration(services: services)
    }

    /// lvsadmd manages services; timeouts and sync daemons stay with lvsadm.
    private mutating func refuseUnmanagedState() {
        if desired.table.timeouts != nil {
            error(desired.line(of: .timeouts), "--set is not managed by lvsadmd: set timeouts with lvsadm")
        }
        for daemon in desired.table.daemons ?? [] {
            error(
                desired.line(of: .daemon(daemon.state)),
                "--start-daemon is not managed by lvsadmd: start sync daemons with lvsadm")
        }
    }

    private mutating func attach(_ check: CheckDirective, to checks: inout [ServiceID: ServiceChecks]) {
        guard var entry = checks[check.service], let service = services[check.service] else {
            return error(check.line, "service \(check.service) is not defined by an -A line")
        }
        if let server = check.server {
            guard service.realServers.contains(where: { $0.id == server }) else {
                return error(
                    check.line, "real server \(server) is not in service \(check.service) (an -a line adds it)")
            }
            if let earlier = entry.servers[server] {
                return error(
                    check.line,
                    "real server \(server) of service \(check.service) already has a check on line \(earlier.line)")
            }
            entry.servers[server] = check
        } else {
            if let earlier = entry.service {
                return error(check.line, "service \(check.service) already has a check on line \(earlier.line)")
            }
            entry.service = check
        }
        checks[check.service] = entry
    }

    private mutating func attach(_ sorry: SorryDirective, to checks: inout [ServiceID: ServiceChecks]) {
        guard var entry = checks[sorry.service], let service = services[sorry.service] else {
            return error(sorry.line, "service \(sorry.service) is not defined by an -A line")
        }
        if let earlier = entry.sorry {
            return error(sorry.line, "service \(sorry.service) already has a sorry server on line \(earlier.line)")
        }
        if service.realServers.contains(where: { $0.id == sorry.sorry.server.id }) {
            return error(
                sorry.line, "the sorry server \(sorry.sorry.server.id) is also a real server of \(sorry.service)")
        }
        entry.sorry = sorry
        checks[sorry.service] = entry
    }

    private mutating func attach(_ name: NameDirective, to checks: inout [ServiceID: ServiceChecks]) {
        guard var entry = checks[name.service] else {
            return error(name.line, "service \(name.service) is not defined by an -A line")
        }
        if let earlier = entry.name {
            return error(name.line, "service \(name.service) already has a name on line \(earlier.line)")
        }
        entry.name = name
        checks[name.service] = entry
    }

    private mutating func managed(_ entry: TableService, checks: ServiceChecks) -> ManagedService {
        let servers = entry.realServers.map { server in
            guard let directive = checks.servers[server.id] ?? checks.service else { return ManagedServer(server) }
            return ManagedServer(server, health: .probe(target(of: directive, for: server)))
        }
        return ManagedService(
            service: entry.service, servers: servers,
            onFailure: checks.service?.onFailure ?? directives.defaults.onFailure ?? .quiesce,
            sorry: checks.sorry?.sorry,
            removeOnStop: directives.defaults.removeOnStop ?? false, name: checks.name?.name)
    }

    private mutating func target(of directive: CheckDirective, for server: RealServer) -> ProbeTarget {
        let (timing, initial) = directive.timing.resolved(over: directives.defaults.timing)
        let check = Check(
            kind: directive.kind, timing: timing, initial: initial, address: directive.address, port: directive.port)
        let target = check.target(for: server)
        if target.port == 0, !target.kind.isExec {
            error(
                directive.line,
                "real server \(server.id) has no port to check (a firewall-mark service): give the check port=")
        }
        return target.withPlaceholdersFilled
    }

    private mutating func error(_ line: Int?, _ message: String) {
        errors.append(ConfigDiagnostic(file: file, line: line ?? 0, message: message))
    }
}
