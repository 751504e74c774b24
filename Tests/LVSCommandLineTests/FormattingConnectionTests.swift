import IPVSKit
import Testing

@testable import LVSCommandLine

/// `-L -c`, `-L --timeout`, `-L --daemon`.
@Suite("Formatting: connections, timeouts, daemons")
struct FormattingConnectionTests {
    let resolver = FormattingTestResolver.standard

    var synReceived: ConnectionEntry {
        ConnectionEntry(
            protocolName: "TCP", client: formattingIP("10.255.0.1"), clientPort: 33544,
            virtual: formattingIP("10.255.0.100"), virtualPort: 80, destination: formattingIP("10.255.0.1"),
            destinationPort: 8080, state: "SYN_RECV", expires: 44)
    }

    @Test func observedNumericTable() {
        #expect(
            ConnectionListing.table([synReceived], numeric: true, persistentConnections: false, resolver: resolver)
                == """
                IPVS connection entries
                pro expire state       source             virtual            destination
                TCP 00:44  SYN_RECV    10.255.0.1:33544   10.255.0.100:80    10.255.0.1:8080

                """)
    }

    @Test func observedNamedLine() {
        #expect(
            ConnectionListing.line(synReceived, numeric: false, persistentConnections: false, resolver: resolver)
                == "TCP 00:44  SYN_RECV    10.255.0.1:33544   10.255.0.100:http  10.255.0.1:http-alt\n")
    }

    @Test func persistentConnectionColumns() {
        var entry = ConnectionEntry(
            protocolName: "UDP", client: formattingIP("10.255.0.1"), clientPort: 5060,
            virtual: formattingIP("10.255.0.100"), virtualPort: 5060, destination: formattingIP("10.255.0.2"),
            destinationPort: 5060, state: "NONE", expires: 3599, persistenceEngine: "sip",
            persistenceData: "call-1@example.test")
        #expect(
            ConnectionListing.table([entry], numeric: true, persistentConnections: true, resolver: resolver) == """
                IPVS connection entries
                pro expire state       source             virtual            destination        pe name          pe_data
                UDP 59:59  NONE        10.255.0.1:5060    10.255.0.100:5060  10.255.0.2:5060  sip                call-1@example.test

                """)
        // The entry line pads destination and engine as 16 and 18 (the title: 18 and 16),
        // as seen in the VM: `127.0.0.1:69     sip                abc123`.
        entry.destination = formattingIP("127.0.0.1")
        entry.destinationPort = 69
        entry.persistenceData = "abc123"
        #expect(
            ConnectionListing.line(entry, numeric: true, persistentConnections: true, resolver: resolver)
                == "UDP 59:59  NONE        10.255.0.1:5060    10.255.0.100:5060  127.0.0.1:69     sip                abc123\n"
        )
        // Without both engine fields the line keeps the short form.
        entry.persistenceData = nil
        #expect(
            ConnectionListing.line(entry, numeric: true, persistentConnections: true, resolver: resolver)
                == "UDP 59:59  NONE        10.255.0.1:5060    10.255.0.100:5060  127.0.0.1:69\n")
    }

    @Test func expiryMinutesAreNotCapped() {
        #expect(ConnectionListing.expiry(0) == "00:00")
        #expect(ConnectionListing.expiry(61) == "01:01")
        #expect(ConnectionListing.expiry(6000) == "100:00")
        #expect(ConnectionListing.expiry(600_000) == "10000:00")
    }

    @Test func ipv6AndUnknownProtocolAndLongAddresses() {
        let entry = ConnectionEntry(
            protocolName: "IP", client: formattingIP("2001:db8::10"), clientPort: 80,
            virtual: formattingIP("2001:db8::6"), virtualPort: 80, destination: formattingIP("10.0.0.20"),
            destinationPort: 80, state: "ESTABLISHED", expires: 900)
        // `IP` has no service names; addresses are not cut to the 18-byte columns.
        #expect(
            ConnectionListing.line(entry, numeric: false, persistentConnections: false, resolver: resolver)
                == "IP  15:00  ESTABLISHED [2001:db8::10]:80  [web6.example.test]:80 rs1.example.test:80\n")
    }

    @Test func timeouts() {
        #expect(
            StatusLines.timeouts(Timeouts(tcp: 900, tcpFin: 120, udp: 300)) == "Timeout (tcp tcpfin udp): 900 120 300\n"
        )
    }

    @Test func daemonsMasterFirstOptionalFields() {
        let master = SyncDaemon(
            state: .master, multicastInterface: "dummy0", syncID: 0, maxLength: 1472,
            group: formattingIP("224.0.0.81"), port: 8848, ttl: 1)
        let backup = SyncDaemon(
            state: .backup, multicastInterface: "dummy0", syncID: 0, maxLength: 1452,
            group: formattingIP("ff02::81"), port: 8848, ttl: 1)
        #expect(
            StatusLines.daemons([backup, master]) == """
                master sync daemon (mcast=dummy0, syncid=0, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)
                backup sync daemon (mcast=dummy0, syncid=0, maxlen=1452, group=ff02::81, port=8848, ttl=1)

                """)
        let bare = SyncDaemon(state: .backup, multicastInterface: "eth0", syncID: 7, maxLength: 0, port: 0, ttl: 0)
        #expect(StatusLines.daemons([bare]) == "backup sync daemon (mcast=eth0, syncid=7)\n")
        #expect(StatusLines.daemons([]) == "")
    }
}
