import IPVSKit
import LVSCommandLine
import LVSHealth

/// The labels that name a service, a real server and a check in /metrics. One set for a
/// real server whether its series come from the kernel or from lvsadmd, so that the two
/// join on every label.
enum MetricsLabels {
    /// `protocol` (`tcp`, `udp`, `sctp`, or `fwm` for a firewall mark), `service` (the
    /// virtual address and port as `lvsadm -L -n` prints them, or the mark), `family`
    /// (`inet`, `inet6`), `scheduler`, and `name` when the configuration names the service.
    /// An unnamed service has no `name` label rather than an empty one: Prometheus reads
    /// the two alike, and the scrape of a table nobody named stays as short as it was.
    static func service(_ id: ServiceID, scheduler: String, name: String?) -> [MetricsWriter.Label] {
        let family = MetricsWriter.Label("family", JSONNames.familyName(id.family))
        var labels: [MetricsWriter.Label]
        switch id {
        case .address(let proto, let address, let port):
            labels = [
                MetricsWriter.Label("protocol", JSONNames.protocolName(proto)),
                MetricsWriter.Label("service", endpoint(address, port)), family,
                MetricsWriter.Label("scheduler", scheduler),
            ]
        case .firewallMark(let mark, _):
            labels = [
                MetricsWriter.Label("protocol", "fwm"), MetricsWriter.Label("service", String(mark)), family,
                MetricsWriter.Label("scheduler", scheduler),
            ]
        }
        if let name { labels.append(MetricsWriter.Label("name", name)) }
        return labels
    }

    /// The service's labels, `server` (address and port) and `forwarding` (`masq`,
    /// `route`, `tunnel`, `local`, `bypass`: lvsadm's JSON names).
    static func server(
        _ server: RealServerID, forwarding: ForwardingMethod, of service: ServiceID, scheduler: String,
        name: String?
    ) -> [MetricsWriter.Label] {
        Self.service(service, scheduler: scheduler, name: name) + [
            MetricsWriter.Label("server", endpoint(server.address, server.port)),
            MetricsWriter.Label("forwarding", JSONNames.forwardingName(forwarding)),
        ]
    }

    /// `check` (its kind, as the configuration names it) and `target` (the address and
    /// port it probes).
    static func check(_ target: ProbeTarget) -> [MetricsWriter.Label] {
        [
            MetricsWriter.Label("check", target.kind.name),
            MetricsWriter.Label("target", endpoint(target.address, target.port)),
        ]
    }

    static func endpoint(_ address: IPAddress, _ port: UInt16) -> String {
        if case .v6 = address { return "[\(address)]:\(port)" }
        return "\(address):\(port)"
    }
}
