import IPVSKit
import IPVSNetlink
import Testing

/// The family id every golden message is built with (the kernel assigns a real one at
/// boot; any fixed number will do for bytes).
let goldenFamilyID: UInt16 = 0x1c

func v4(_ text: String) -> IPAddress { IPAddress(text) ?? .any(.inet) }
func v6(_ text: String) -> IPAddress { IPAddress(text) ?? .any(.inet6) }

let tcp80 = ServiceID.address(.tcp, v4("10.0.0.1"), port: 80)
let udp53v6 = ServiceID.address(.udp, v6("2001:db8::1"), port: 53)
let fwmark1 = ServiceID.firewallMark(1, family: .inet)
let fwmark7v6 = ServiceID.firewallMark(7, family: .inet6)

/// One request and the golden file its message must equal.
struct RequestCase: Sendable, CustomTestStringConvertible {
    var name: String
    var request: IPVSRequest
    var testDescription: String { name }

    static let services: [RequestCase] = [
        .init(name: "service-add-tcp-v4", request: .addService(VirtualService(id: tcp80, scheduler: "wlc"))),
        .init(name: "service-add-udp-v6", request: .addService(VirtualService(id: udp53v6, scheduler: "rr"))),
        .init(
            name: "service-add-sctp-v4",
            request: .addService(
                VirtualService(
                    id: .address(.sctp, v4("192.168.1.10"), port: 3868), scheduler: "lc"))),
        .init(
            name: "service-add-persistent-netmask-v4",
            request: .addService(
                VirtualService(
                    id: tcp80, scheduler: "wrr", flags: .persistent, timeout: 300,
                    netmask: .ipv4(IPv4Address(255, 255, 255, 0))))),
        .init(
            name: "service-add-persistent-prefix-v6",
            request: .addService(
                VirtualService(
                    id: udp53v6, scheduler: "sh", flags: .persistent, timeout: 600, netmask: .ipv6(prefixLength: 64)))),
        .init(
            name: "service-add-fwmark-v4-sh-flags",
            request: .addService(
                VirtualService(
                    id: fwmark1, scheduler: "sh", flags: [.shFallback, .shPort]))),
        .init(name: "service-add-fwmark-v6", request: .addService(VirtualService(id: fwmark7v6, scheduler: "mh"))),
        .init(
            name: "service-add-pe-sip",
            request: .addService(
                VirtualService(
                    id: .address(.udp, v4("10.0.0.5"), port: 5060), scheduler: "rr", flags: .persistent, timeout: 360,
                    persistenceEngine: "sip"))),
        .init(
            name: "service-add-onepacket-hashed-not-sent",
            request: .addService(
                VirtualService(
                    id: .address(.udp, v4("10.0.0.6"), port: 123), scheduler: "rr", flags: [.onePacket, .hashed]))),
        .init(
            name: "service-edit-tcp-v4",
            request: .editService(
                VirtualService(
                    id: tcp80, scheduler: "lblc", flags: [.persistent, .scheduler3], timeout: 60))),
        .init(name: "service-delete-tcp-v4", request: .deleteService(tcp80)),
        .init(name: "service-delete-fwmark-v6", request: .deleteService(fwmark7v6)),
    ]

    static let realServers: [RequestCase] = [
        .init(
            name: "dest-add-masq-v4",
            request: .addRealServer(
                RealServer(
                    address: v4("192.168.0.2"), port: 8080, forwarding: .masquerade, weight: 3), service: tcp80)),
        .init(
            name: "dest-add-route-v4",
            request: .addRealServer(
                RealServer(
                    address: v4("192.168.0.3"), port: 80, forwarding: .directRoute), service: tcp80)),
        .init(
            name: "dest-add-local-v4",
            request: .addRealServer(
                RealServer(
                    address: v4("127.0.0.1"), port: 80, forwarding: .local), service: tcp80)),
        .init(
            name: "dest-add-tunnel-ipip-v4",
            request: .addRealServer(
                RealServer(
                    address: v4("172.16.0.9"), port: 80, forwarding: .tunnel, weight: 0), service: tcp80)),
        .init(
            name: "dest-add-tunnel-gue-csum",
            request: .addRealServer(
                RealServer(
                    address: v4("172.16.0.10"), port: 80, forwarding: .tunnel, tunnelType: .gue, tunnelPort: 6080,
                    tunnelFlags: .checksum), service: tcp80)),
        .init(
            name: "dest-add-tunnel-gre-remcsum",
            request: .addRealServer(
                RealServer(
                    address: v4("172.16.0.11"), port: 80, forwarding: .tunnel, tunnelType: .gre,
                    tunnelFlags: [.checksum, .remoteChecksum]), service: tcp80)),
        .init(
            name: "dest-add-thresholds",
            request: .addRealServer(
                RealServer(
                    address: v4("192.168.0.4"), port: 80, forwarding: .directRoute, weight: 65535, upperThreshold: 1000,
                    lowerThreshold: 100), service: tcp80)),
        .init(
            name: "dest-add-v6",
            request: .addRealServer(
                RealServer(
                    address: v6("2001:db8::10"), port: 53, forwarding: .masquerade), service: udp53v6)),
        .init(
            name: "dest-add-v4-to-v6-service-tunnel",
            request: .addRealServer(
                RealServer(
                    address: v4("10.1.1.1"), port: 53, forwarding: .tunnel), service: udp53v6)),
        .init(
            name: "dest-add-to-fwmark",
            request: .addRealServer(
                RealServer(
                    address: v4("192.168.0.5"), port: 0, forwarding: .directRoute), service: fwmark1)),
        .init(
            name: "dest-edit-masq-v4",
            request: .editRealServer(
                RealServer(
                    address: v4("192.168.0.2"), port: 8080, forwarding: .masquerade, weight: 7), service: tcp80)),
        .init(
            name: "dest-delete-v4",
            request: .deleteRealServer(
                RealServerID(address: v4("192.168.0.2"), port: 8080), service: tcp80)),
        .init(
            name: "dest-delete-v4-of-v6-service",
            request: .deleteRealServer(
                RealServerID(address: v4("10.1.1.1"), port: 53), service: udp53v6)),
    ]

    static let others: [RequestCase] = [
        .init(name: "flush", request: .flush),
        .init(name: "zero-all", request: .zero(nil)),
        .init(name: "zero-one-tcp-v4", request: .zero(tcp80)),
        .init(name: "zero-one-fwmark-v6", request: .zero(fwmark7v6)),
        .init(name: "timeouts-set", request: .setTimeouts(Timeouts(tcp: 900, tcpFin: 0, udp: 300))),
        .init(
            name: "daemon-start-master-minimal",
            request: .startDaemon(
                SyncDaemon(
                    state: .master, multicastInterface: "eth0"))),
        .init(
            name: "daemon-start-backup-all-v4",
            request: .startDaemon(
                SyncDaemon(
                    state: .backup, multicastInterface: "eth1", syncID: 7, maxLength: 1400, group: v4("224.0.0.81"),
                    port: 8848, ttl: 2))),
        .init(
            name: "daemon-start-master-all-v6",
            request: .startDaemon(
                SyncDaemon(
                    state: .master, multicastInterface: "bond0", syncID: 255, maxLength: 1200, group: v6("ff02::1:81"),
                    port: 9000, ttl: 16))),
        .init(name: "daemon-stop-master", request: .stopDaemon(.master)),
        .init(name: "daemon-stop-backup", request: .stopDaemon(.backup)),
    ]

    static let all = services + realServers + others
}

/// One query and its golden file.
struct QueryCase: Sendable, CustomTestStringConvertible {
    var name: String
    var query: IPVSQuery
    var testDescription: String { name }

    static let all: [QueryCase] = [
        .init(name: "query-info", query: .info),
        .init(name: "query-services", query: .services),
        .init(name: "query-service-tcp-v4", query: .service(tcp80)),
        .init(name: "query-service-fwmark-v6", query: .service(fwmark7v6)),
        .init(name: "query-dests-udp-v6", query: .realServers(udp53v6)),
        .init(name: "query-dests-fwmark-v4", query: .realServers(fwmark1)),
        .init(name: "query-timeouts", query: .timeouts),
        .init(name: "query-daemons", query: .daemons),
    ]
}
