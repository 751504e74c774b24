import IPVSKit
import LVSCommandLine
import LVSConfig
import LVSDaemon
import LVSHealth
import Logging

/// The director's configuration in tests: one web service with two checked real servers
/// and a sorry server.
let webConfig = """
    defaults interval=1s timeout=1s rise=2 fall=3 initial=as-found
    -A -t 10.0.0.100:80 -s wlc
    -a -t 10.0.0.100:80 -r 10.0.0.11:80 -m -w 2
    -a -t 10.0.0.100:80 -r 10.0.0.12:80 -m -w 1
    check -t 10.0.0.100:80 connect
    sorry -t 10.0.0.100:80 -r 10.0.0.99:80 -m quorum=1

    """

/// A second managed service, for reloads that add one.
let mailLines = """
    -A -t 10.0.0.100:25 -s rr
    -a -t 10.0.0.100:25 -r 10.0.0.31:25 -m
    check -t 10.0.0.100:25 connect

    """

func config(_ text: String) throws -> HealthConfiguration {
    try ConfigReader(resolver: NumericOnly()).read(text, file: "test.conf").configuration
}

func v4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> IPAddress { .v4(IPv4Address(a, b, c, d)) }
func tcp(_ last: UInt8, _ port: UInt16) -> ServiceID { .address(.tcp, v4(10, 0, 0, last), port: port) }
func server(_ last: UInt8, _ port: UInt16 = 80) -> RealServerID {
    RealServerID(address: v4(10, 0, 0, last), port: port)
}

let web = tcp(100, 80)
let mail = tcp(100, 25)

/// A service nobody configured: lvsadmd must never write it.
let unmanaged = TableService(
    VirtualService(id: tcp(200, 80), scheduler: "rr"),
    realServers: [RealServer(address: v4(10, 0, 0, 21), port: 80, forwarding: .masquerade, weight: 5)])

/// The table a configuration describes with every real server healthy (no sorry server),
/// plus `extra` services.
func healthyTable(_ configuration: HealthConfiguration, extra: [TableService] = [unmanaged]) -> IPVSTable {
    IPVSTable(
        services: configuration.services.map { TableService($0.service, realServers: $0.servers.map(\.server)) }
            + extra)
}

extension IPVSTable {
    func weight(of id: RealServerID, in service: ServiceID) -> UInt32? {
        self.service(service)?.realServers.first { $0.id == id }?.weight
    }

    func has(_ id: RealServerID, in service: ServiceID) -> Bool { weight(of: id, in: service) != nil }
}

/// A director on a kernel stand-in, with a clock the test moves and a log it reads.
final class Bench {
    let kernel: KernelStandIn
    let log = LogCapture()
    var clock = HealthInstant.origin
    var stateFile: StateFile?
    var transitions: [(HealthTransition, [TargetUser])] = []
    lazy var director = makeDirector(try! config(webConfig))

    init(table: IPVSTable, stateFile: StateFile? = nil) {
        kernel = KernelStandIn(table)
        self.stateFile = stateFile
    }

    func makeDirector(_ configuration: HealthConfiguration) -> Director {
        Director(
            configuration: configuration, client: kernel.client, stateFile: stateFile, logger: log.logger,
            now: { [unowned self] in clock }, onTransition: { [unowned self] in transitions.append(($0, $1)) })
    }

    func target(_ last: UInt8, port: UInt16 = 80) -> ProbeTarget {
        director.targets.targets.first { $0.endpoint == server(last, port) }!
    }

    /// `count` results for one server, one second apart.
    func feed(_ outcome: ProbeOutcome, _ count: Int, to last: UInt8, port: UInt16 = 80) {
        let checked = target(last, port: port)
        for _ in 0..<count {
            clock = clock + .seconds(1)
            director.record(ProbeResult(target: checked, outcome: outcome, at: clock))
        }
    }
}

let pass = ProbeOutcome.passed("connected")
let timeout = ProbeOutcome.failed(.connectTimeout(after: .seconds(1)))
