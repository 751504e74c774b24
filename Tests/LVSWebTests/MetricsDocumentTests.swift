import IPVSKit
import LVSDaemon
import LVSHealth
import Testing

@testable import LVSWeb

@Suite struct MetricsDocumentTests {
    let text = MetricsDocument.render(sampleView())

    func samples(_ name: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(name + "{") || $0.hasPrefix(name + " ") }
    }

    @Test func countersAreExactDecimalIntegers() {
        #expect(
            samples("lvs_service_incoming_bytes_total") == [
                "lvs_service_incoming_bytes_total{protocol=\"tcp\",service=\"10.0.0.100:80\",family=\"inet\",scheduler=\"wlc\"} 18446744073709551557"
            ])
        #expect(
            samples("lvs_real_server_incoming_bytes_total").first
                == "lvs_real_server_incoming_bytes_total{protocol=\"tcp\",service=\"10.0.0.100:80\",family=\"inet\",scheduler=\"wlc\",server=\"10.0.0.11:8080\",forwarding=\"masq\"} 18446744073709551557"
        )
    }

    @Test func everyCounterOfTheRealServerAsTheKernelGaveIt() {
        let values = [
            "connections_total": "7", "incoming_packets_total": "0", "outgoing_packets_total": "3",
            "incoming_bytes_total": "18446744073709551557", "outgoing_bytes_total": "0",
        ]
        for (suffix, value) in values {
            #expect(
                samples("lvs_real_server_" + suffix).first { $0.contains("10.0.0.11:8080") }?.split(separator: " ")
                    .last == Substring(value), "\(suffix)")
            #expect(samples("lvs_service_" + suffix).first?.split(separator: " ").last == Substring(value), "\(suffix)")
        }
    }

    @Test func eachFamilyHasHelpAndTypeOnceBeforeItsSamples() {
        var seen: Set<String> = []
        var current = ""
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let name = String(line.split(separator: " ")[2])
                #expect(seen.insert(name).inserted, "\(name) declared twice")
                current = name
            } else if !line.hasPrefix("#") {
                let name = String(line.prefix { $0 != "{" && $0 != " " })
                #expect(name == current || name.hasPrefix(current + "_"), "\(name) outside its family \(current)")
            }
        }
        #expect(seen.isSuperset(of: ["lvs_service_connections_total", "lvsadmd_check_duration_seconds"]))
    }

    @Test func healthWeightsAndMaintenanceOfTheFailedServer() {
        let failed = "server=\"10.0.0.12:8080\",forwarding=\"masq\""
        #expect(samples("lvs_real_server_healthy").contains { $0.contains(failed) && $0.hasSuffix(" 0") })
        #expect(
            samples("lvs_real_server_health").filter { $0.contains(failed) }.map { $0.split(separator: ",").last! }
                == ["state=\"up\"} 0", "state=\"down\"} 1", "state=\"unknown\"} 0"])
        #expect(samples("lvs_real_server_configured_weight").contains { $0.contains(failed) && $0.hasSuffix(" 1") })
        #expect(samples("lvs_real_server_weight").contains { $0.contains(failed) && $0.hasSuffix(" 0") })
        #expect(samples("lvs_real_server_active_connections").contains { $0.hasSuffix(" 4") })
    }

    @Test func latencyHistogramIsCumulativeAndFailuresCountedByReason() {
        let labels = "check=\"connect\",target=\"10.0.0.12:8080\""
        #expect(
            samples("lvsadmd_check_duration_seconds_bucket")
                == [
                    "0.001", "0.005", "0.025", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf",
                ].enumerated().map { index, bound in
                    "lvsadmd_check_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(index == 0 ? 0 : index < 8 ? 1 : 2)"
                })
        #expect(
            samples("lvsadmd_check_duration_seconds_sum") == ["lvsadmd_check_duration_seconds_sum{\(labels)} 3.003"])
        #expect(
            samples("lvsadmd_check_failures_total")
                == ["lvsadmd_check_failures_total{\(labels),reason=\"connection_refused\"} 1"])
        #expect(samples("lvsadmd_check_runs_total") == ["lvsadmd_check_runs_total{\(labels)} 2"])
    }

    @Test func daemonsOwnHealth() {
        #expect(samples("lvsadmd_table_writes_total") == ["lvsadmd_table_writes_total 3"])
        #expect(samples("lvsadmd_kernel_read_ok") == ["lvsadmd_kernel_read_ok 1"])
        #expect(samples("lvsadmd_uptime_seconds") == ["lvsadmd_uptime_seconds 12.5"])
    }

    @Test func labelValuesAndHelpAreEscaped() {
        #expect(MetricsWriter.escapedLabel("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
        #expect(MetricsWriter.escapedHelp("a\\b\nc") == "a\\\\b\\nc")
    }

    @Test func secondsText() {
        #expect(MetricsWriter.secondsText(.seconds(2)) == "2")
        #expect(MetricsWriter.secondsText(.milliseconds(250)) == "0.25")
        #expect(MetricsWriter.secondsText(.nanoseconds(1_000_000_001)) == "1.000000001")
    }

    @Test func iPv6AndFirewallMarkLabels() {
        let v6 = IPAddress.v6(IPv6Address(high: 0x2001_0db8_0000_0000, low: 1))
        #expect(
            MetricsLabels.service(.address(.udp, v6, port: 53), scheduler: "rr", name: nil).map(\.value)
                == ["udp", "[2001:db8::1]:53", "inet6", "rr"])
        #expect(
            MetricsLabels.service(.firewallMark(42, family: .inet), scheduler: "wrr", name: nil).map(\.value)
                == ["fwm", "42", "inet", "wrr"])
    }
}
