import IPVSKit
import IPVSTesting
import LVSCommandLine

/// A table with one of each kind of thing the documents name: services of every protocol
/// and a firewall mark of each family (one above 2^31), persistence with a netmask and a
/// prefix length, an engine, scheduler flags, one-packet; servers of every forwarding
/// method, thresholds, a GUE tunnel with checksum, IPv6; and counters above 2^53 (which a
/// JSON reader using doubles would round). Services carry the kernel's `hashed` flag,
/// which no document may show.
enum JSONFixtures {
    /// An IPv6 address from text the test spells correctly (no force unwrap: `::` if not).
    static func v6(_ text: String) -> IPv6Address { IPv6Address(text) ?? IPv6Address(high: 0, low: 0) }

    static let web = ServiceID.address(.tcp, .v4(IPv4Address(10, 0, 0, 1)), port: 80)
    static let dns = ServiceID.address(.udp, .v4(IPv4Address(10, 0, 0, 2)), port: 53)
    static let sctp6 = ServiceID.address(.sctp, .v6(v6("2001:db8::1")), port: 5060)
    static let mark = ServiceID.firewallMark(3_000_000_000, family: .inet)
    static let mark6 = ServiceID.firewallMark(7, family: .inet6)

    static let big: UInt64 = 18_446_744_073_709_551_615
    static let beyondDouble: UInt64 = 9_007_199_254_740_993  // 2^53 + 1

    static var services: [ListedService] {
        let hashed = ServiceFlags.hashed
        return [
            ListedService(
                ServiceEntry(
                    service: VirtualService(
                        id: web, scheduler: "wlc", flags: [.persistent, hashed], timeout: 600,
                        netmask: .ipv4(IPv4Address(255, 255, 255, 0)), persistenceEngine: "sip"),
                    statistics: Statistics(
                        connections: beyondDouble, inPackets: big, outPackets: 3, inBytes: 4_294_967_296,
                        outBytes: 5, connectionRate: 6, inPacketRate: 7, outPacketRate: 8, inByteRate: 9,
                        outByteRate: 10, is64Bit: true)),
                realServers: [
                    RealServerEntry(
                        server: RealServer(
                            address: .v4(IPv4Address(192, 168, 10, 12)), port: 8080, forwarding: .masquerade, weight: 0,
                            upperThreshold: 100, lowerThreshold: 10),
                        connections: ConnectionCounts(active: 4_000_000_000, inactive: 2, persistent: 1),
                        statistics: Statistics(
                            connections: 1, inPackets: 2, outPackets: 3, inBytes: 4, outBytes: beyondDouble,
                            connectionRate: 11, inPacketRate: 12, outPacketRate: 13, inByteRate: 14, outByteRate: 15,
                            is64Bit: true)),
                    RealServerEntry(
                        server: RealServer(
                            address: .v4(IPv4Address(192, 168, 10, 11)), port: 8080, forwarding: .masquerade, weight: 3)
                    ),
                ]),
            ListedService(
                ServiceEntry(
                    service: VirtualService(
                        id: dns, scheduler: "sh", flags: [hashed, .onePacket, .shFallback, .shPort])),
                realServers: [
                    RealServerEntry(
                        server: RealServer(
                            address: .v4(IPv4Address(192, 168, 10, 13)), port: 53, forwarding: .tunnel,
                            tunnelType: .gue,
                            tunnelPort: 6080, tunnelFlags: [.checksum])),
                    RealServerEntry(
                        server: RealServer(
                            address: .v4(IPv4Address(192, 168, 10, 14)), port: 53, forwarding: .directRoute)),
                ]),
            ListedService(
                ServiceEntry(
                    service: VirtualService(id: sctp6, scheduler: "mh", flags: [hashed, .scheduler3, .mhPort])),
                realServers: [
                    RealServerEntry(
                        server: RealServer(address: .v6(v6("2001:db8::10")), port: 5060, forwarding: .local))
                ]),
            ListedService(
                ServiceEntry(service: VirtualService(id: mark, scheduler: "rr", flags: [hashed])),
                realServers: []),
            ListedService(
                ServiceEntry(
                    service: VirtualService(
                        id: mark6, scheduler: "lc", flags: [.persistent, hashed], timeout: 360,
                        netmask: .ipv6(prefixLength: 64))),
                realServers: [
                    RealServerEntry(
                        server: RealServer(
                            address: .v6(v6("2001:db8::20")), port: 0, forwarding: .tunnel, tunnelType: .gre))
                ]),
        ]
    }

    /// A scripted client stating `services` in kernel order.
    static func client() -> ScriptedIPVSClient {
        let client = ScriptedIPVSClient()
        client.servicesTable = services.map(\.entry)
        for listed in services { client.realServersTable[listed.entry.service.id] = listed.realServers }
        client.connectionsList = [
            ConnectionEntry(
                protocolName: "TCP", client: .v4(IPv4Address(10, 0, 0, 10)), clientPort: 40000,
                virtual: .v4(IPv4Address(10, 0, 0, 1)), virtualPort: 80,
                destination: .v4(IPv4Address(192, 168, 10, 11)),
                destinationPort: 8080, state: "ESTABLISHED", expires: 899),
            ConnectionEntry(
                protocolName: "UDP", client: .v6(v6("2001:db8::99")), clientPort: 5060,
                virtual: .v6(v6("2001:db8::1")), virtualPort: 5060, destination: .v6(v6("2001:db8::10")),
                destinationPort: 5060, state: "UDP", expires: 12, persistenceEngine: "sip",
                persistenceData: "a\"b\\c"),
        ]
        client.daemonsList = [
            SyncDaemon(
                state: .master, multicastInterface: "eth0", syncID: 7, maxLength: 1472,
                group: .v4(IPv4Address(224, 0, 0, 81)),
                port: 8848, ttl: 1),
            SyncDaemon(state: .backup, multicastInterface: "eth1", syncID: 0),
        ]
        return client
    }
}
