import IPVSKit
import LVSCommandLine
import LVSHealth

/// A clock the test moves by hand.
struct ScriptedClock {
    var now = HealthInstant.origin

    mutating func advance(by duration: Duration) { now = now + duration }
}

/// Feeds scripted outcomes to one target, one per interval, and returns the transitions.
func run(
    _ outcomes: [ProbeOutcome], on target: ProbeTarget, health: inout TargetHealth, clock: inout ScriptedClock
) -> [HealthTransition] {
    var transitions: [HealthTransition] = []
    for outcome in outcomes {
        clock.advance(by: target.timing.interval)
        if let transition = health.record(outcome, for: target, at: clock.now) { transitions.append(transition) }
    }
    return transitions
}

let pass = ProbeOutcome.passed("connected")
let timeout = ProbeOutcome.failed(.connectTimeout(after: .seconds(1)))
let refused = ProbeOutcome.failed(.connectionRefused)

func v4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> IPAddress { .v4(IPv4Address(a, b, c, d)) }

func tcp(_ address: IPAddress, _ port: UInt16) -> ServiceID { .address(.tcp, address, port: port) }

func target(
    _ address: IPAddress, _ port: UInt16 = 80, kind: CheckKind = .connect, rise: Int = 2, fall: Int = 3,
    hold: Duration = .zero, initial: InitialHealth = .asFound
) -> ProbeTarget {
    ProbeTarget(
        kind: kind, address: address, port: port,
        timing: CheckTiming(interval: .seconds(1), timeout: .seconds(1), rise: rise, fall: fall, hold: hold),
        initial: initial)
}

/// A name resolver answering from fixed tables, like a machine with a known /etc/hosts and
/// /etc/services.
struct FixedResolver: NameResolver {
    var hosts: [String: IPv4Address] = [
        "web1.example.test": IPv4Address(192, 168, 10, 11),
        "web2.example.test": IPv4Address(192, 168, 10, 12),
        "sorry.example.test": IPv4Address(127, 0, 0, 1),
    ]
    var services: [String: UInt16] = ["http": 80, "https": 443, "smtp": 25, "domain": 53]

    func ipv4Address(ofHost name: String) -> IPv4Address? { hosts[name] }
    func port(ofService name: String, protocol: IPProtocol) -> UInt16? { services[name] }
    func hostName(of address: IPAddress) -> String? { nil }
    func serviceName(ofPort port: UInt16, protocol: IPProtocol) -> String? { nil }
}
