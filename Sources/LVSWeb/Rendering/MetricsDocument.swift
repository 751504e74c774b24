import IPVSKit
import LVSCommandLine
import LVSDaemon
import LVSHealth

/// /metrics: the kernel's counters and connection counts of every service and real server
/// (exact, as `lvsadm -L -n --stats --exact` prints them), lvsadmd's view of the real
/// servers it manages, its checks, and its own health. Docs/metrics.md lists each family.
public enum MetricsDocument {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public static func render(_ view: DirectorView) -> String {
        var writer = MetricsWriter()
        kernelServices(view, &writer)
        kernelServers(view, &writer)
        managedServers(view, &writer)
        checks(view, &writer)
        daemon(view, &writer)
        return writer.text
    }

    private struct Counter: Sendable {
        var suffix: String
        var help: String
        var value: @Sendable (Statistics) -> UInt64
    }

    private static let counters = [
        Counter(suffix: "connections_total", help: "Connections scheduled", value: { $0.connections }),
        Counter(suffix: "incoming_packets_total", help: "Packets in (client to server)", value: { $0.inPackets }),
        Counter(suffix: "outgoing_packets_total", help: "Packets out (server to client)", value: { $0.outPackets }),
        Counter(suffix: "incoming_bytes_total", help: "Bytes in (client to server)", value: { $0.inBytes }),
        Counter(suffix: "outgoing_bytes_total", help: "Bytes out (server to client)", value: { $0.outBytes }),
    ]

    private static func kernelServices(_ view: DirectorView, _ writer: inout MetricsWriter) {
        for counter in counters {
            let name = "lvs_service_" + counter.suffix
            writer.family(name, .counter, counter.help + " of the virtual service, as the kernel counts them.")
            for listed in view.listed {
                let service = listed.entry.service
                writer.sample(
                    name, MetricsLabels.service(service.id, scheduler: service.scheduler, name: view.names[service.id]),
                    counter.value(listed.entry.statistics))
            }
        }
        writer.family("lvs_service_real_servers", .gauge, "Real servers in the virtual service's kernel entry.")
        for listed in view.listed {
            let service = listed.entry.service
            writer.sample(
                "lvs_service_real_servers",
                MetricsLabels.service(service.id, scheduler: service.scheduler, name: view.names[service.id]),
                UInt64(listed.realServers.count))
        }
    }

    private static func kernelServers(_ view: DirectorView, _ writer: inout MetricsWriter) {
        func each(_ body: ([MetricsWriter.Label], RealServerEntry) -> Void) {
            for listed in view.listed {
                let service = listed.entry.service
                for entry in listed.realServers {
                    body(
                        MetricsLabels.server(
                            entry.server.id, forwarding: entry.server.forwarding, of: service.id,
                            scheduler: service.scheduler, name: view.names[service.id]), entry)
                }
            }
        }
        for counter in counters {
            let name = "lvs_real_server_" + counter.suffix
            writer.family(name, .counter, counter.help + " of the real server, as the kernel counts them.")
            each { writer.sample(name, $0, counter.value($1.statistics)) }
        }
        writer.family("lvs_real_server_active_connections", .gauge, "Connections established (ActiveConn).")
        each { writer.sample("lvs_real_server_active_connections", $0, UInt64($1.connections.active)) }
        writer.family(
            "lvs_real_server_inactive_connections", .gauge, "Connections in any other state (InActConn).")
        each { writer.sample("lvs_real_server_inactive_connections", $0, UInt64($1.connections.inactive)) }
        writer.family("lvs_real_server_weight", .gauge, "The weight in the kernel's table now.")
        each { writer.sample("lvs_real_server_weight", $0, UInt64($1.server.weight)) }
    }

    private static func managedServers(_ view: DirectorView, _ writer: inout MetricsWriter) {
        func each(_ body: ([MetricsWriter.Label], ManagedServerView) -> Void) {
            for managed in view.managed {
                body(
                    MetricsLabels.server(
                        managed.server, forwarding: managed.forwarding, of: managed.service,
                        scheduler: managed.scheduler, name: managed.name), managed)
            }
        }
        writer.family(
            "lvs_real_server_configured_weight", .gauge,
            "The weight the configuration gives a managed real server while it is healthy.")
        each { writer.sample("lvs_real_server_configured_weight", $0, UInt64($1.configuredWeight)) }
        writer.family(
            "lvs_real_server_wanted_weight", .gauge,
            "The weight lvsadmd wants for a managed real server now; -1 when it wants it out of the service.")
        each { writer.sample("lvs_real_server_wanted_weight", $0, $1.wantedWeight.map { Int64($0) } ?? -1) }
        writer.family(
            "lvs_real_server_healthy", .gauge, "1 when lvsadmd counts the managed real server as healthy, else 0.")
        each { writer.sample("lvs_real_server_healthy", $0, UInt64($1.healthy ? 1 : 0)) }
        writer.family(
            "lvs_real_server_health", .gauge,
            "1 for the managed real server's health state (up, down, unknown, sorry), 0 for the others.")
        each { labels, managed in
            let states: [ManagedServerView.Health] = managed.health == .sorry ? [.sorry] : [.up, .down, .unknown]
            for state in states {
                writer.sample(
                    "lvs_real_server_health", labels + [MetricsWriter.Label("state", state.rawValue)],
                    UInt64(state == managed.health ? 1 : 0))
            }
        }
        writer.family(
            "lvs_real_server_maintenance", .gauge,
            "1 when an operator has the managed real server in maintenance (drained), else 0.")
        each { writer.sample("lvs_real_server_maintenance", $0, UInt64($1.maintenance ? 1 : 0)) }
    }

    private static func checks(_ view: DirectorView, _ writer: inout MetricsWriter) {
        writer.family("lvsadmd_check_up", .gauge, "1 when the check's state is up, 0 when down or not decided.")
        for check in view.checks {
            writer.sample("lvsadmd_check_up", MetricsLabels.check(check.target), UInt64(check.state == .up ? 1 : 0))
        }
        writer.family("lvsadmd_check_runs_total", .counter, "Runs of the check that ended.")
        for check in view.checks {
            writer.sample("lvsadmd_check_runs_total", MetricsLabels.check(check.target), check.record.runs)
        }
        writer.family(
            "lvsadmd_check_failures_total", .counter,
            "Failed runs of the check, by reason; a reason appears with its first failure.")
        for check in view.checks {
            for reason in ProbeFailure.reasonNames {
                guard let count = check.record.failures[reason] else { continue }
                writer.sample(
                    "lvsadmd_check_failures_total",
                    MetricsLabels.check(check.target) + [MetricsWriter.Label("reason", reason)], count)
            }
        }
        writer.family("lvsadmd_check_duration_seconds", .histogram, "How long each run of the check took.")
        for check in view.checks {
            let labels = MetricsLabels.check(check.target)
            var cumulative: UInt64 = 0
            for (index, bound) in CheckRecord.latencyBounds.enumerated() {
                cumulative += check.record.latencyCounts[index]
                writer.sample(
                    "lvsadmd_check_duration_seconds_bucket",
                    labels + [MetricsWriter.Label("le", MetricsWriter.secondsText(bound))], cumulative)
            }
            writer.sample(
                "lvsadmd_check_duration_seconds_bucket", labels + [MetricsWriter.Label("le", "+Inf")],
                check.record.timedRuns)
            writer.sample("lvsadmd_check_duration_seconds_sum", labels, seconds: check.record.latencySum)
            writer.sample("lvsadmd_check_duration_seconds_count", labels, check.record.timedRuns)
        }
    }

    private static func daemon(_ view: DirectorView, _ writer: inout MetricsWriter) {
        let counters = view.counters
        let gauges: [(String, String, UInt64)] = [
            (
                "lvsadmd_managed_services", "Virtual services lvsadmd manages.",
                UInt64(Set(view.managed.map(\.service)).count)
            ),
            ("lvsadmd_checks", "Distinct checks lvsadmd runs.", UInt64(view.checks.count)),
            (
                "lvsadmd_kernel_read_ok", "1 when lvsadmd's last read of the kernel's table succeeded, else 0.",
                counters.lastReadSucceeded ? 1 : 0
            ),
        ]
        for (name, help, value) in gauges {
            writer.family(name, .gauge, help)
            writer.sample(name, [], value)
        }
        let totals: [(String, String, UInt64)] = [
            ("lvsadmd_table_writes_total", "Batches of changes lvsadmd sent to the kernel.", counters.tableWrites),
            ("lvsadmd_refused_requests_total", "Changes the kernel refused.", counters.refusedRequests),
            ("lvsadmd_kernel_read_failures_total", "Reads of the kernel's table that failed.", counters.failedReads),
            ("lvsadmd_reloads_total", "Configurations reloaded.", counters.reloads),
            ("lvsadmd_transitions_total", "Health transitions of the checks.", counters.transitions),
        ]
        for (name, help, value) in totals {
            writer.family(name, .counter, help)
            writer.sample(name, [], value)
        }
        writer.family("lvsadmd_uptime_seconds", .gauge, "Time since lvsadmd started.")
        writer.sample("lvsadmd_uptime_seconds", [], seconds: view.at.sinceOrigin)
    }
}
