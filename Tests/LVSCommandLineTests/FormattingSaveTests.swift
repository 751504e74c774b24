import IPVSKit
import Testing

@testable import LVSCommandLine

/// `-S` and `-S -n`: ipvsadm's rules byte for byte, except the deliberate deviations
/// (thresholds kept, fwmarks unsigned).
@Suite("Formatting: -S save format")
struct FormattingSaveTests {
    let resolver = FormattingTestResolver.standard

    func serviceRule(_ entry: ServiceEntry, numeric: Bool = true) -> String {
        SaveFormat.serviceRule(entry.service, numeric: numeric, resolver: resolver)
    }

    func serverRule(_ entry: RealServerEntry, of service: ServiceID, numeric: Bool = true) -> String {
        SaveFormat.realServerRule(entry.server, of: service, numeric: numeric, resolver: resolver)
    }

    /// Rules as the reference ipvsadm wrote them in the VM.
    @Test func observedRules() {
        let sh = formattingService(
            formattingUDP("10.0.0.1", 53), scheduler: "sh", flags: [.shFallback, .shPort, .onePacket])
        #expect(serviceRule(sh) == "-A -u 10.0.0.1:53 -s sh -o -b sh-fallback,sh-port\n")
        let gue = formattingServer("10.0.0.20", 53, .tunnel, tunnel: .gue, tunnelPort: 6080, tunnelFlags: .checksum)
        #expect(
            serverRule(gue, of: formattingUDP("10.0.0.1", 53))
                == "-a -u 10.0.0.1:53 -r 10.0.0.20:53 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum\n")
        let mark = formattingService(
            .firewallMark(2, family: .inet6), scheduler: "lc", flags: .persistent, timeout: 100,
            netmask: .ipv6(prefixLength: 64))
        #expect(serviceRule(mark) == "-A -f 2 -6 -s lc -p 100 -M 64\n")
    }

    @Test func persistenceMaskAndEngine() {
        let persistent = formattingService(
            formattingTCP("10.0.0.2", 0), flags: .persistent, timeout: 600,
            netmask: .ipv4(IPv4Address(255, 255, 255, 0)), engine: "sip")
        #expect(serviceRule(persistent) == "-A -t 10.0.0.2:0 -s wlc -p 600 -M 255.255.255.0 --pe sip\n")
        // Not persistent: the mask is not saved, the engine is.
        let plain = formattingService(
            formattingUDP("10.0.0.1", 5060), netmask: .ipv4(IPv4Address(255, 255, 0, 0)), engine: "sip")
        #expect(serviceRule(plain) == "-A -u 10.0.0.1:5060 -s wlc --pe sip\n")
        let host = formattingService(formattingTCP("10.0.0.1", 80), flags: .persistent, timeout: 360)
        #expect(serviceRule(host) == "-A -t 10.0.0.1:80 -s wlc -p 360\n")
    }

    @Test func schedulerFlagNames() {
        let generic = formattingService(
            formattingTCP("10.0.0.1", 80), scheduler: "ovf", flags: [.scheduler1, .scheduler3])
        #expect(serviceRule(generic) == "-A -t 10.0.0.1:80 -s ovf -b flag-1,flag-3\n")
        // sh names bit 1 sh-fallback whatever flag word set it; a lone third flag has no name.
        let lone = formattingService(formattingTCP("10.0.0.1", 80), scheduler: "sh", flags: .scheduler3)
        #expect(serviceRule(lone) == "-A -t 10.0.0.1:80 -s sh -b \n")
        let mh = formattingService(formattingTCP("10.0.0.1", 80), scheduler: "mh", flags: .mhFallback)
        #expect(serviceRule(mh) == "-A -t 10.0.0.1:80 -s mh -b mh-fallback\n")
    }

    @Test func serviceOptionsPerProtocol() {
        #expect(
            serviceRule(formattingService(.address(.sctp, formattingIP("10.0.0.1"), port: 80)))
                == "-A --sctp-service 10.0.0.1:80 -s wlc\n")
        #expect(
            serviceRule(formattingService(formattingTCP("2001:db8::1", 443)))
                == "-A -t [2001:db8::1]:443 -s wlc\n")
        #expect(serviceRule(formattingService(.firewallMark(7, family: .inet))) == "-A -f 7 -s wlc\n")
    }

    @Test func forwardingAndTunnelOptions() {
        let service = formattingTCP("10.0.0.1", 80)
        #expect(
            serverRule(formattingServer("10.0.0.10", 80, .masquerade, weight: 0), of: service)
                == "-a -t 10.0.0.1:80 -r 10.0.0.10:80 -m -w 0\n")
        #expect(
            serverRule(formattingServer("10.0.0.10", 80, .directRoute), of: service)
                == "-a -t 10.0.0.1:80 -r 10.0.0.10:80 -g -w 1\n")
        #expect(
            serverRule(formattingServer("127.0.0.1", 80, .local), of: service)
                == "-a -t 10.0.0.1:80 -r 127.0.0.1:80 -g -w 1\n")
        #expect(
            serverRule(formattingServer("10.0.0.10", 80, .tunnel), of: service)
                == "-a -t 10.0.0.1:80 -r 10.0.0.10:80 -i -w 1 --tun-type ipip\n")
        #expect(
            serverRule(formattingServer("10.0.0.10", 80, .tunnel, tunnel: .gre), of: service)
                == "-a -t 10.0.0.1:80 -r 10.0.0.10:80 -i -w 1 --tun-type gre --tun-nocsum\n")
        #expect(
            serverRule(
                formattingServer(
                    "10.0.0.10", 80, .tunnel, tunnel: .gue, tunnelPort: 6081, tunnelFlags: .remoteChecksum),
                of: service)
                == "-a -t 10.0.0.1:80 -r 10.0.0.10:80 -i -w 1 --tun-type gue --tun-port 6081 --tun-remcsum\n")
        // Tunnel fields of a server that is not tunnelled are not written.
        #expect(
            serverRule(formattingServer("10.0.0.10", 80, .masquerade, tunnel: .gue, tunnelPort: 1), of: service)
                == "-a -t 10.0.0.1:80 -r 10.0.0.10:80 -m -w 1\n")
    }

    /// Deviation: ipvsadm drops thresholds from `-S`; lvsadm writes them after `-w`,
    /// before the tunnel options, each only when non-zero.
    @Test func thresholdsAreSaved() {
        let service = formattingTCP("10.0.0.1", 80)
        #expect(
            serverRule(formattingServer("10.0.0.10", 80, upper: 100, lower: 50), of: service)
                == "-a -t 10.0.0.1:80 -r 10.0.0.10:80 -m -w 1 -x 100 -y 50\n")
        #expect(
            serverRule(formattingServer("10.0.0.10", 80, lower: 50), of: service)
                == "-a -t 10.0.0.1:80 -r 10.0.0.10:80 -m -w 1 -y 50\n")
        #expect(
            serverRule(
                formattingServer("10.0.0.10", 80, .tunnel, upper: 2_147_483_647, tunnel: .gue, tunnelPort: 6080),
                of: service)
                == "-a -t 10.0.0.1:80 -r 10.0.0.10:80 -i -w 1 -x 2147483647 --tun-type gue --tun-port 6080 --tun-nocsum\n"
        )
    }

    /// Deviation: ipvsadm writes `-A -f -1 -s nq`, which its own `-R` rejects.
    @Test func largeFirewallMarksAreUnsigned() {
        let mark = ServiceID.firewallMark(4_294_967_295, family: .inet)
        #expect(serviceRule(formattingService(mark, scheduler: "nq")) == "-A -f 4294967295 -s nq\n")
        #expect(
            serverRule(formattingServer("10.0.0.10", 0, .directRoute), of: .firewallMark(2_147_483_648, family: .inet6))
                == "-a -f 2147483648 -6 -r 10.0.0.10:0 -g -w 1\n")
    }

    /// Without `-n`: names, and only the 59-byte cut (never the listing's 33/28 columns).
    @Test func namesAndOnlyTheFiftyNineByteCut() {
        let service = formattingTCP("10.0.0.99", 80)
        #expect(
            serviceRule(formattingService(service), numeric: false)
                == "-A -t long-host-name-used-to-check-the-truncation.example.test:ht -s wlc\n")
        #expect(
            serverRule(formattingServer("10.0.0.20", 8080), of: formattingTCP("10.0.0.10", 80), numeric: false)
                == "-a -t web.example.test:http -r rs1.example.test:http-alt -m -w 1\n")
    }

    /// The whole `-S`: services and real servers sorted (there is no --nosort for -S).
    @Test func wholeTableSorted() {
        let table = [
            ListedService(
                formattingService(formattingTCP("10.0.0.1", 80)),
                realServers: [formattingServer("10.0.0.20", 80), formattingServer("10.0.0.10", 80, weight: 2)]),
            ListedService(formattingService(formattingTCP("192.168.10.1", 80), scheduler: "rr"), realServers: []),
        ]
        #expect(
            SaveFormat.rules(table, numeric: true, resolver: resolver) == """
                -A -t 192.168.10.1:80 -s rr
                -A -t 10.0.0.1:80 -s wlc
                -a -t 10.0.0.1:80 -r 10.0.0.10:80 -m -w 2
                -a -t 10.0.0.1:80 -r 10.0.0.20:80 -m -w 1

                """)
        #expect(SaveFormat.rules([], numeric: true, resolver: resolver) == "")
    }
}
