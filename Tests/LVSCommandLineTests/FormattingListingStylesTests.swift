import IPVSKit
import Testing

@testable import LVSCommandLine

/// `-L --stats`, `--rate`, `--thresholds`, `--persistent-conn`, `--tun-info`: titles and
/// lines, `--exact`, and which style wins.
@Suite("Formatting: -L listing styles")
struct FormattingListingStylesTests {
    let resolver = FormattingTestResolver.standard

    func options(_ style: ListingStyle, numeric: Bool = true, exact: Bool = false) -> ListingOptions {
        ListingOptions(numeric: numeric, style: style, exact: exact)
    }

    /// Title lines as observed in the VM (note the one trailing blank of thresholds and
    /// persistent-conn).
    @Test(arguments: [
        (
            ListingStyle.plain,
            "Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
        ),
        (
            .tunnelInfo,
            "Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n"
        ),
        (
            .stats,
            "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
                + "  -> RemoteAddress:Port\n"
        ),
        (
            .rate,
            "Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n"
                + "  -> RemoteAddress:Port\n"
        ),
        (
            .thresholds,
            "Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn \n"
                + "  -> RemoteAddress:Port\n"
        ),
        (
            .persistentConnections,
            "Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn \n"
                + "  -> RemoteAddress:Port\n"
        ),
    ])
    func titles(style: ListingStyle, expected: String) {
        #expect(Listing.title(style) == expected)
    }

    @Test func precedenceStatsRateThresholdsPersistentTunnel() {
        #expect(
            ListingStyle(stats: true, rate: true, thresholds: true, persistentConnections: true, tunnelInfo: true)
                == .stats)
        #expect(
            ListingStyle(stats: false, rate: true, thresholds: true, persistentConnections: true, tunnelInfo: true)
                == .rate)
        #expect(
            ListingStyle(stats: false, rate: false, thresholds: true, persistentConnections: true, tunnelInfo: true)
                == .thresholds)
        #expect(
            ListingStyle(stats: false, rate: false, thresholds: false, persistentConnections: true, tunnelInfo: true)
                == .persistentConnections)
        #expect(
            ListingStyle(stats: false, rate: false, thresholds: false, persistentConnections: false, tunnelInfo: true)
                == .tunnelInfo)
        #expect(
            ListingStyle(stats: false, rate: false, thresholds: false, persistentConnections: false, tunnelInfo: false)
                == .plain)
    }

    /// A service and a real server with counters on every scale, past 2^32 on the real
    /// server (lvsadm shows the 64-bit value; ipvsadm would wrap it).
    var statsService: ListedService {
        ListedService(
            formattingService(
                formattingTCP("10.0.0.10", 80),
                statistics: formattingStatistics(totals: [12, 3456, 3000, 250_000, 123_456_789_012])),
            realServers: [
                formattingServer(
                    "10.0.0.20", 8080,
                    statistics: formattingStatistics(
                        totals: [5, 6_000_000_000, 4_294_967_296, 999_999_999, 100_000_000]))
            ])
    }

    @Test func statsScaled() {
        #expect(
            Listing.service(statsService, options: options(.stats, numeric: false), resolver: resolver) == """
                TCP  web.example.test:http              12     3456     3000   250000     123G
                  -> rs1.example.test:http-alt           5    6000M    4294M  999999K  100000K

                """)
    }

    @Test func statsExact() {
        #expect(
            Listing.service(statsService, options: options(.stats, numeric: false, exact: true), resolver: resolver)
                == """
                TCP  web.example.test:http              12     3456     3000   250000 123456789012
                  -> rs1.example.test:http-alt           5 6000000000 4294967296 999999999 100000000

                """)
    }

    /// Real-server cps/inpps/outpps are raw `%8llu` (300000000 is not scaled); the byte
    /// rates go through print_largenum.
    @Test func rate() {
        let listed = ListedService(
            formattingService(
                formattingTCP("10.0.0.1", 80), statistics: formattingStatistics(rates: [1, 2, 3, 400_000_000, 5])),
            realServers: [
                formattingServer(
                    "10.0.0.20", 80, statistics: formattingStatistics(rates: [1, 2, 300_000_000, 400_000_000, 5]))
            ])
        #expect(
            Listing.service(listed, options: options(.rate), resolver: resolver) == """
                TCP  10.0.0.1:80                         1        2        3  400000K        5
                  -> 10.0.0.20:80                        1        2 300000000  400000K        5

                """)
        #expect(
            Listing.service(listed, options: options(.rate, exact: true), resolver: resolver).hasSuffix(
                "  -> 10.0.0.20:80                        1        2 300000000 400000000        5\n"))
    }

    @Test func statsFieldIsPaddedAndCut() {
        let long = formattingService(
            formattingTCP("10.0.0.99", 80), statistics: formattingStatistics(totals: [1, 1, 1, 1, 1]))
        #expect(
            ServiceLine.line(long, options: options(.stats, numeric: false), resolver: resolver)
                == "TCP  long-host-name-used-to-check        1        1        1        1        1\n")
        let v6 = formattingService(formattingTCP("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", 8080))
        #expect(
            ServiceLine.line(v6, options: options(.stats), resolver: resolver)
                == "TCP  [2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff]:8080        0        0        0        0        0\n")
    }

    @Test func thresholds() {
        let listed = ListedService(
            formattingService(formattingTCP("10.0.0.1", 80)),
            realServers: [formattingServer("10.0.0.20", 80, upper: 100, lower: 50, active: 7, inactive: 8)])
        #expect(
            Listing.service(listed, options: options(.thresholds), resolver: resolver) == """
                TCP  10.0.0.1:80 wlc
                  -> 10.0.0.20:80                 100        50         7          8         \("")

                """)
    }

    @Test func persistentConnections() {
        let listed = ListedService(
            formattingService(formattingTCP("10.0.0.1", 80), flags: .persistent, timeout: 360),
            realServers: [formattingServer("10.0.0.20", 80, weight: 5, active: 7, inactive: 8, persistent: 3)])
        #expect(
            Listing.service(listed, options: options(.persistentConnections), resolver: resolver) == """
                TCP  10.0.0.1:80 wlc persistent 360
                  -> 10.0.0.20:80                 5         3           7          8         \("")

                """)
    }

    /// Tunnel column texts as observed (`gue:6080:+c`, `gue:6081:r+c`, `gre:-c`); `n/a`
    /// for a server that is not tunnelled.
    @Test func tunnelInfo() {
        let listed = ListedService(
            formattingService(formattingUDP("10.0.0.1", 53)),
            realServers: [
                formattingServer("10.0.0.20", 53, .tunnel, tunnel: .gue, tunnelPort: 6080, tunnelFlags: .checksum),
                formattingServer("10.0.0.21", 53, .tunnel, weight: 2, tunnel: .gre),
                formattingServer("10.0.0.22", 53, .tunnel, weight: 3),
                formattingServer(
                    "10.0.0.23", 53, .tunnel, weight: 4, tunnel: .gue, tunnelPort: 6081, tunnelFlags: .remoteChecksum),
                formattingServer("10.0.0.24", 53, .directRoute, weight: 5),
            ])
        #expect(
            Listing.service(listed, options: options(.tunnelInfo), resolver: resolver) == """
                UDP  10.0.0.1:53 wlc
                  -> 10.0.0.20:53                 Tunnel  gue:6080:+c   1      0          0         \("")
                  -> 10.0.0.21:53                 Tunnel  gre:-c        2      0          0         \("")
                  -> 10.0.0.22:53                 Tunnel  ipip          3      0          0         \("")
                  -> 10.0.0.23:53                 Tunnel  gue:6081:r+c  4      0          0         \("")
                  -> 10.0.0.24:53                 Route   n/a           5      0          0         \("")

                """)
    }
}
