import IPVSKit
import Testing

@testable import LVSCommandLine

// MARK: - Fixtures shared by the Formatting*Tests files

/// A resolver that answers from fixed tables, like the VM's /etc/hosts and /etc/services.
struct FormattingTestResolver: NameResolver {
    struct PortKey: Hashable {
        var port: UInt16
        var proto: IPProtocol
    }

    var hosts: [IPAddress: String]
    var services: [PortKey: String]

    /// The names the VM's /etc/hosts gave the reference ipvsadm when its output was recorded.
    static let standard = FormattingTestResolver(
        hosts: [
            formattingIP("10.0.0.10"): "web.example.test",
            formattingIP("10.0.0.20"): "rs1.example.test",
            formattingIP("2001:db8::6"): "web6.example.test",
            formattingIP("10.0.0.99"): "long-host-name-used-to-check-the-truncation.example.test",
        ],
        services: [
            PortKey(port: 80, proto: .tcp): "http",
            PortKey(port: 8080, proto: .tcp): "http-alt",
            PortKey(port: 443, proto: .tcp): "https",
            PortKey(port: 53, proto: .tcp): "domain",
            PortKey(port: 53, proto: .udp): "domain",
            PortKey(port: 5060, proto: .udp): "sip",
            PortKey(port: 80, proto: .sctp): "http",
        ])

    func ipv4Address(ofHost name: String) -> IPv4Address? {
        for (address, host) in hosts where host == name { if case .v4(let v4) = address { return v4 } }
        return nil
    }

    func port(ofService name: String, protocol: IPProtocol) -> UInt16? {
        services.first { $0.key.proto == `protocol` && $0.value == name }?.key.port
    }

    func hostName(of address: IPAddress) -> String? { hosts[address] }

    func serviceName(ofPort port: UInt16, protocol: IPProtocol) -> String? {
        services[PortKey(port: port, proto: `protocol`)]
    }
}

/// Numeric address text of either family; a typo in a fixture fails the test.
func formattingIP(_ text: String) -> IPAddress {
    guard let parsed = IPAddress(text) else {
        Issue.record("fixture address \(text) does not parse")
        return .any(.inet)
    }
    return parsed
}

/// A service entry with the listing-relevant fields; everything else at its default.
func formattingService(
    _ id: ServiceID, scheduler: String = "wlc", flags: ServiceFlags = [], timeout: UInt32 = 0,
    netmask: Netmask? = nil, engine: String? = nil, statistics: Statistics = Statistics()
) -> ServiceEntry {
    ServiceEntry(
        service: VirtualService(
            id: id, scheduler: scheduler, flags: flags, timeout: timeout, netmask: netmask,
            persistenceEngine: engine),
        statistics: statistics)
}

/// A real-server entry with the listing-relevant fields.
func formattingServer(
    _ ip: String, _ port: UInt16, _ forwarding: ForwardingMethod = .masquerade, weight: UInt32 = 1,
    upper: UInt32 = 0, lower: UInt32 = 0, active: UInt32 = 0, inactive: UInt32 = 0, persistent: UInt32 = 0,
    tunnel: TunnelType = .ipip, tunnelPort: UInt16 = 0, tunnelFlags: TunnelFlags = [],
    statistics: Statistics = Statistics()
) -> RealServerEntry {
    RealServerEntry(
        server: RealServer(
            address: formattingIP(ip), port: port, forwarding: forwarding, weight: weight, upperThreshold: upper,
            lowerThreshold: lower, tunnelType: tunnel, tunnelPort: tunnelPort, tunnelFlags: tunnelFlags),
        connections: ConnectionCounts(active: active, inactive: inactive, persistent: persistent),
        statistics: statistics)
}

/// Counters in the order of the `--stats` columns, then the `--rate` columns.
func formattingStatistics(totals: [UInt64] = [0, 0, 0, 0, 0], rates: [UInt64] = [0, 0, 0, 0, 0]) -> Statistics {
    Statistics(
        connections: totals[0], inPackets: totals[1], outPackets: totals[2], inBytes: totals[3],
        outBytes: totals[4], connectionRate: rates[0], inPacketRate: rates[1], outPacketRate: rates[2],
        inByteRate: rates[3], outByteRate: rates[4], is64Bit: true)
}

func formattingTCP(_ ip: String, _ port: UInt16) -> ServiceID { .address(.tcp, formattingIP(ip), port: port) }
func formattingUDP(_ ip: String, _ port: UInt16) -> ServiceID { .address(.udp, formattingIP(ip), port: port) }

@Suite("Formatting: the test resolver itself")
struct FormattingFixturesTests {
    @Test func forwardAndReverseLookupsAgree() {
        let resolver = FormattingTestResolver.standard
        #expect(resolver.ipv4Address(ofHost: "web.example.test") == IPv4Address(10, 0, 0, 10))
        #expect(resolver.hostName(of: formattingIP("10.0.0.20")) == "rs1.example.test")
        #expect(resolver.port(ofService: "http-alt", protocol: .tcp) == 8080)
        #expect(resolver.serviceName(ofPort: 80, protocol: .udp) == nil)
    }
}
