import IPVSKit
import Testing

@testable import LVSCommandLine

/// `-L` in the plain style: header, titles, service lines, sorting, single service.
/// Expected lines are the reference ipvsadm's output as seen in the VM where there is
/// one, otherwise C printf applied by hand to the formats in Docs/ipvsadm-behaviour.md.
@Suite("Formatting: -L plain listing")
struct FormattingListingTests {
    let resolver = FormattingTestResolver.standard
    let numeric = ListingOptions(numeric: true)

    /// Four services in kernel order, covering flags, persistence, IPv6 fwmark and the
    /// sort's 192.168 before 10 quirk.
    var table: [ListedService] {
        [
            ListedService(
                formattingService(formattingTCP("10.0.0.1", 80)),
                realServers: [
                    formattingServer("10.0.0.20", 80, .masquerade, weight: 5),
                    formattingServer("10.0.0.10", 80, .directRoute, active: 3, inactive: 12),
                ]),
            ListedService(formattingService(formattingTCP("192.168.10.1", 80), scheduler: "rr"), realServers: []),
            ListedService(
                formattingService(
                    formattingUDP("10.0.0.1", 53), scheduler: "sh", flags: [.shFallback, .shPort, .onePacket]),
                realServers: [formattingServer("10.0.0.20", 53, .tunnel)]),
            ListedService(
                formattingService(
                    .firewallMark(2, family: .inet6), scheduler: "lc", flags: .persistent, timeout: 100,
                    netmask: .ipv6(prefixLength: 64)),
                realServers: [formattingServer("2001:db8::6", 0, .directRoute)]),
        ]
    }

    @Test func header() {
        let info = IPVSInfo(version: 0x01_02_01, connectionTableSize: 4096)
        #expect(Listing.header(info) == "IP Virtual Server version 1.2.1 (size=4096)\n")
    }

    @Test func wholeTableSorted() {
        let info = IPVSInfo(version: 0x01_02_01, connectionTableSize: 4096)
        let expected = """
            IP Virtual Server version 1.2.1 (size=4096)
            Prot LocalAddress:Port Scheduler Flags
              -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
            TCP  192.168.10.1:80 rr
            TCP  10.0.0.1:80 wlc
              -> 10.0.0.10:80                 Route   1      3          12        \("")
              -> 10.0.0.20:80                 Masq    5      0          0         \("")
            UDP  10.0.0.1:53 sh (sh-fallback,sh-port) ops
              -> 10.0.0.20:53                 Tunnel  1      0          0         \("")
            FWM  2 IPv6 lc persistent 100 mask 64
              -> [2001:db8::6]:0              Route   1      0          0         \("")

            """
        #expect(Listing.table(info: info, services: table, options: numeric, resolver: resolver) == expected)
    }

    @Test func wholeTableNosortKeepsKernelOrder() {
        let info = IPVSInfo(version: 0x01_02_01, connectionTableSize: 4096)
        var options = numeric
        options.sorted = false
        let listing = Listing.table(info: info, services: table, options: options, resolver: resolver)
        let lines = listing.split(separator: "\n").dropFirst(3).map(String.init)
        #expect(
            lines == [
                "TCP  10.0.0.1:80 wlc",
                "  -> 10.0.0.20:80                 Masq    5      0          0         ",
                "  -> 10.0.0.10:80                 Route   1      3          12        ",
                "TCP  192.168.10.1:80 rr",
                "UDP  10.0.0.1:53 sh (sh-fallback,sh-port) ops",
                "  -> 10.0.0.20:53                 Tunnel  1      0          0         ",
                "FWM  2 IPv6 lc persistent 100 mask 64",
                "  -> [2001:db8::6]:0              Route   1      0          0         ",
            ])
    }

    @Test func emptyTableIsHeaderAndTitles() {
        let info = IPVSInfo(version: 0x01_02_01, connectionTableSize: 4096)
        #expect(
            Listing.table(info: info, services: [], options: ListingOptions(), resolver: resolver)
                == "IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n")
    }

    @Test func singleServiceHasTitlesButNoHeader() {
        let listed = ListedService(
            formattingService(formattingTCP("10.0.0.10", 80)),
            realServers: [formattingServer("10.0.0.20", 8080, .masquerade, weight: 5)])
        #expect(
            Listing.singleService(listed, options: ListingOptions(), resolver: resolver) == """
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  web.example.test:http wlc
                  -> rs1.example.test:http-alt    Masq    5      0          0         \("")

                """)
    }

    /// Service lines as the reference ipvsadm printed them in the VM (numeric).
    @Test(arguments: [
        (
            formattingService(
                formattingTCP("10.0.0.2", 0), flags: .persistent, timeout: 600,
                netmask: .ipv4(IPv4Address(255, 255, 255, 0))),
            "TCP  10.0.0.2:0 wlc persistent 600 mask 255.255.255.0"
        ),
        (
            formattingService(
                formattingUDP("10.0.0.1", 53), scheduler: "sh", flags: [.shFallback, .shPort, .onePacket]),
            "UDP  10.0.0.1:53 sh (sh-fallback,sh-port) ops"
        ),
        (
            formattingService(formattingUDP("10.0.0.1", 5060), flags: .persistent, timeout: 60, engine: "sip"),
            "UDP  10.0.0.1:5060 wlc persistent 60 pe sip"
        ),
        (
            formattingService(
                .firewallMark(2, family: .inet6), scheduler: "lc", flags: .persistent, timeout: 100,
                netmask: .ipv6(prefixLength: 64)),
            "FWM  2 IPv6 lc persistent 100 mask 64"
        ),
        (
            formattingService(formattingTCP("10.0.0.1", 80), scheduler: "ovf", flags: [.scheduler1, .scheduler3]),
            "TCP  10.0.0.1:80 ovf (flag-1,flag-3)"
        ),
        (formattingService(formattingTCP("10.0.0.1", 80), scheduler: "none"), "TCP  10.0.0.1:80 none"),
    ])
    func observedServiceLines(entry: ServiceEntry, expected: String) {
        #expect(ServiceLine.line(entry, options: numeric, resolver: resolver) == expected + "\n")
    }

    @Test func schedulerFlagCornerCases() {
        // sh names only its two flags: a lone third flag prints empty parentheses.
        let lone = formattingService(formattingUDP("10.0.0.1", 53), scheduler: "sh", flags: .scheduler3)
        #expect(ServiceLine.line(lone, options: numeric, resolver: resolver) == "UDP  10.0.0.1:53 sh ()\n")
        let mh = formattingService(formattingTCP("10.0.0.1", 80), scheduler: "mh", flags: [.scheduler2, .scheduler3])
        #expect(ServiceLine.line(mh, options: numeric, resolver: resolver) == "TCP  10.0.0.1:80 mh (mh-port)\n")
    }

    @Test func engineAndMaskOnlyForPersistentServices() {
        let entry = formattingService(
            formattingUDP("10.0.0.1", 5060), netmask: .ipv4(IPv4Address(255, 255, 0, 0)), engine: "sip")
        #expect(ServiceLine.line(entry, options: numeric, resolver: resolver) == "UDP  10.0.0.1:5060 wlc\n")
        let hostMask = formattingService(formattingTCP("10.0.0.1", 80), flags: .persistent, timeout: 360)
        #expect(
            ServiceLine.line(hostMask, options: numeric, resolver: resolver) == "TCP  10.0.0.1:80 wlc persistent 360\n")
    }

    @Test func namesResolvedWithoutNumeric() {
        let options = ListingOptions()
        let web = formattingService(formattingTCP("10.0.0.10", 80))
        #expect(ServiceLine.line(web, options: options, resolver: resolver) == "TCP  web.example.test:http wlc\n")
        let udp80 = formattingService(formattingUDP("10.0.0.1", 80))
        #expect(ServiceLine.line(udp80, options: options, resolver: resolver) == "UDP  10.0.0.1:80 wlc\n")
        let sctp = formattingService(.address(.sctp, formattingIP("10.0.0.1"), port: 80))
        #expect(ServiceLine.line(sctp, options: options, resolver: resolver) == "SCTP 10.0.0.1:http wlc\n")
    }

    /// Deviation: ipvsadm prints `FWM  -1` and `FWM  -1294967296` (signed `%d`).
    @Test func largeFirewallMarksPrintUnsigned() {
        let max = formattingService(.firewallMark(4_294_967_295, family: .inet))
        #expect(ServiceLine.line(max, options: numeric, resolver: resolver) == "FWM  4294967295 wlc\n")
        let big = formattingService(.firewallMark(3_000_000_000, family: .inet6), scheduler: "rr")
        #expect(ServiceLine.line(big, options: numeric, resolver: resolver) == "FWM  3000000000 IPv6 rr\n")
    }

    @Test func serviceFieldCutToThirtyThreeUnlessIPv6() {
        let long = formattingService(formattingTCP("10.0.0.99", 80))
        #expect(
            ServiceLine.line(long, options: ListingOptions(), resolver: resolver)
                == "TCP  long-host-name-used-to-check wlc\n")
        let v6 = formattingService(formattingTCP("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", 8080))
        #expect(
            ServiceLine.line(v6, options: numeric, resolver: resolver)
                == "TCP  [2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff]:8080 wlc\n")
    }

    @Test func realServerFieldCutToTwentyEightUnlessIPv6() {
        let service = formattingTCP("10.0.0.1", 80)
        let long = formattingServer("10.0.0.99", 80)
        #expect(
            RealServerLine.line(long, of: service, options: ListingOptions(), resolver: resolver)
                == "  -> long-host-name-used-to-check Masq    1      0          0         \n")
        let v6 = formattingServer("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", 8080)
        #expect(
            RealServerLine.line(v6, of: service, options: numeric, resolver: resolver)
                == "  -> [2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff]:8080 Masq    1      0          0         \n")
    }

    @Test func realServerPortsNamedByServiceProtocolNeverForFwmark() {
        let server = formattingServer("10.0.0.20", 8080)
        let viaTCP = RealServerLine.line(
            server, of: formattingTCP("10.0.0.1", 80), options: ListingOptions(), resolver: resolver)
        #expect(viaTCP.hasPrefix("  -> rs1.example.test:http-alt "))
        let viaMark = RealServerLine.line(
            server, of: .firewallMark(1, family: .inet), options: ListingOptions(), resolver: resolver)
        #expect(viaMark.hasPrefix("  -> rs1.example.test:8080 "))
    }

    @Test func forwardingNames() {
        #expect(RealServerLine.forwardingName(.masquerade) == "Masq")
        #expect(RealServerLine.forwardingName(.local) == "Local")
        #expect(RealServerLine.forwardingName(.tunnel) == "Tunnel")
        #expect(RealServerLine.forwardingName(.directRoute) == "Route")
        // glibc's printf of ipvsadm's null pointer.
        #expect(RealServerLine.forwardingName(.bypass) == "(null)")
    }
}
