import IPVSKit
import LVSCommandLine
import LVSDaemon
import LVSHealth

func v4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> IPAddress { .v4(IPv4Address(a, b, c, d)) }

let web = ServiceID.address(.tcp, v4(10, 0, 0, 100), port: 80)
let healthyServer = RealServerID(address: v4(10, 0, 0, 11), port: 8080)
let failedServer = RealServerID(address: v4(10, 0, 0, 12), port: 8080)
let check = ProbeTarget(
    kind: .connect, address: v4(10, 0, 0, 12), port: 8080,
    timing: CheckTiming(interval: .seconds(1), timeout: .seconds(1), rise: 1, fall: 1, hold: .zero), initial: .up)

/// Above 2^53, where a Double would round: the metric must carry every digit.
let hugeCount: UInt64 = 18_446_744_073_709_551_557

/// A director with one service, one healthy real server and one failed (weight 0, its
/// check down after a refused connection), at 12.5 s after lvsadmd started.
func sampleView() -> DirectorView {
    var statistics = Statistics()
    statistics.connections = 7
    statistics.inBytes = hugeCount
    statistics.outPackets = 3
    statistics.inByteRate = 1200
    var record = CheckRecord()
    record.record(ProbeResult(target: check, outcome: .passed("connected"), at: .seconds(11), duration: .seconds(3)))
    record.record(
        ProbeResult(
            target: check, outcome: .failed(.connectionRefused), at: .seconds(12), duration: .milliseconds(3)))
    let service = VirtualService(id: web, scheduler: "wlc")
    let listed = ListedService(
        ServiceEntry(service: service, statistics: statistics),
        realServers: [
            RealServerEntry(
                server: RealServer(address: v4(10, 0, 0, 11), port: 8080, forwarding: .masquerade, weight: 2),
                connections: ConnectionCounts(active: 4, inactive: 9), statistics: statistics),
            RealServerEntry(
                server: RealServer(address: v4(10, 0, 0, 12), port: 8080, forwarding: .masquerade, weight: 0)),
        ])
    let managed = [
        ManagedServerView(
            service: web, server: healthyServer, scheduler: "wlc", forwarding: .masquerade, configuredWeight: 2,
            wantedWeight: 2, health: .up, healthy: true, maintenance: false, source: "always-up"),
        ManagedServerView(
            service: web, server: failedServer, scheduler: "wlc", forwarding: .masquerade, configuredWeight: 1,
            wantedWeight: 0, health: .down, healthy: false, maintenance: false, source: "connect", target: check,
            since: .seconds(4)),
    ]
    var counters = DaemonCounters()
    counters.tableWrites = 3
    return DirectorView(
        info: IPVSInfo(version: 0x01_02_01, connectionTableSize: 4096), listed: [listed], managed: managed,
        checks: [CheckView(target: check, state: .down, record: record)], counters: counters, at: .seconds(12.5))
}
