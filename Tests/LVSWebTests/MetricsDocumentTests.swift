import IPVSKit
import LVSDaemon
import LVSHealth
import XCTest

@testable import LVSWeb

final class MetricsDocumentTests: XCTestCase {
    let text = MetricsDocument.render(sampleView())

    func samples(_ name: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(name + "{") || $0.hasPrefix(name + " ") }
    }

    func testCountersAreExactDecimalIntegers() {
        XCTAssertEqual(
            samples("lvs_service_incoming_bytes_total"),
            [
                "lvs_service_incoming_bytes_total{protocol=\"tcp\",service=\"10.0.0.100:80\",family=\"inet\",scheduler=\"wlc\"} 18446744073709551557"
            ])
        XCTAssertEqual(
            samples("lvs_real_server_incoming_bytes_total").first,
            "lvs_real_server_incoming_bytes_total{protocol=\"tcp\",service=\"10.0.0.100:80\",family=\"inet\",scheduler=\"wlc\",server=\"10.0.0.11:8080\",forwarding=\"masq\"} 18446744073709551557"
        )
    }

    func testEveryCounterOfTheRealServerAsTheKernelGaveIt() {
        let values = [
            "connections_total": "7", "incoming_packets_total": "0", "outgoing_packets_total": "3",
            "incoming_bytes_total": "18446744073709551557", "outgoing_bytes_total": "0",
        ]
        for (suffix, value) in values {
            XCTAssertEqual(
                samples("lvs_real_server_" + suffix).first { $0.contains("10.0.0.11:8080") }?.split(separator: " ")
                    .last,
                Substring(value), suffix)
            XCTAssertEqual(samples("lvs_service_" + suffix).first?.split(separator: " ").last, Substring(value), suffix)
        }
    }

    func testEachFamilyHasHelpAndTypeOnceBeforeItsSamples() {
        var seen: Set<String> = []
        var current = ""
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let name = String(line.split(separator: " ")[2])
                XCTAssertTrue(seen.insert(name).inserted, "\(name) declared twice")
                current = name
            } else if !line.hasPrefix("#") {
                let name = String(line.prefix { $0 != "{" && $0 != " " })
                XCTAssertTrue(name == current || name.hasPrefix(current + "_"), "\(name) outside its family \(current)")
            }
        }
        XCTAssertTrue(seen.isSuperset(of: ["lvs_service_connections_total", "lvsadmd_check_duration_seconds"]))
    }

    func testHealthWeightsAndMaintenanceOfTheFailedServer() {
        let failed = "server=\"10.0.0.12:8080\",forwarding=\"masq\""
        XCTAssertTrue(samples("lvs_real_server_healthy").contains { $0.contains(failed) && $0.hasSuffix(" 0") })
        XCTAssertEqual(
            samples("lvs_real_server_health").filter { $0.contains(failed) }.map { $0.split(separator: ",").last! },
            ["state=\"up\"} 0", "state=\"down\"} 1", "state=\"unknown\"} 0"])
        XCTAssertTrue(
            samples("lvs_real_server_configured_weight").contains { $0.contains(failed) && $0.hasSuffix(" 1") })
        XCTAssertTrue(samples("lvs_real_server_weight").contains { $0.contains(failed) && $0.hasSuffix(" 0") })
        XCTAssertTrue(samples("lvs_real_server_active_connections").contains { $0.hasSuffix(" 4") })
    }

    func testLatencyHistogramIsCumulativeAndFailuresCountedByReason() {
        let labels = "check=\"connect\",target=\"10.0.0.12:8080\""
        XCTAssertEqual(
            samples("lvsadmd_check_duration_seconds_bucket"),
            [
                "0.001", "0.005", "0.025", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf",
            ].enumerated().map { index, bound in
                "lvsadmd_check_duration_seconds_bucket{\(labels),le=\"\(bound)\"} \(index == 0 ? 0 : index < 8 ? 1 : 2)"
            })
        XCTAssertEqual(
            samples("lvsadmd_check_duration_seconds_sum"), ["lvsadmd_check_duration_seconds_sum{\(labels)} 3.003"])
        XCTAssertEqual(
            samples("lvsadmd_check_failures_total"),
            ["lvsadmd_check_failures_total{\(labels),reason=\"connection_refused\"} 1"])
        XCTAssertEqual(samples("lvsadmd_check_runs_total"), ["lvsadmd_check_runs_total{\(labels)} 2"])
    }

    func testDaemonsOwnHealth() {
        XCTAssertEqual(samples("lvsadmd_table_writes_total"), ["lvsadmd_table_writes_total 3"])
        XCTAssertEqual(samples("lvsadmd_kernel_read_ok"), ["lvsadmd_kernel_read_ok 1"])
        XCTAssertEqual(samples("lvsadmd_uptime_seconds"), ["lvsadmd_uptime_seconds 12.5"])
    }

    func testLabelValuesAndHelpAreEscaped() {
        XCTAssertEqual(MetricsWriter.escapedLabel("a\"b\\c\nd"), "a\\\"b\\\\c\\nd")
        XCTAssertEqual(MetricsWriter.escapedHelp("a\\b\nc"), "a\\\\b\\nc")
    }

    func testSecondsText() {
        XCTAssertEqual(MetricsWriter.secondsText(.seconds(2)), "2")
        XCTAssertEqual(MetricsWriter.secondsText(.milliseconds(250)), "0.25")
        XCTAssertEqual(MetricsWriter.secondsText(.nanoseconds(1_000_000_001)), "1.000000001")
    }

    func testIPv6AndFirewallMarkLabels() {
        let v6 = IPAddress.v6(IPv6Address(high: 0x2001_0db8_0000_0000, low: 1))
        XCTAssertEqual(
            MetricsLabels.service(.address(.udp, v6, port: 53), scheduler: "rr", name: nil).map(\.value),
            ["udp", "[2001:db8::1]:53", "inet6", "rr"])
        XCTAssertEqual(
            MetricsLabels.service(.firewallMark(42, family: .inet), scheduler: "wrr", name: nil).map(\.value),
            ["fwm", "42", "inet", "wrr"])
    }
}
