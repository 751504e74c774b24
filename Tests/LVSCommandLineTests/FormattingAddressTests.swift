import IPVSKit
import Testing

@testable import LVSCommandLine

// MARK: - Address text

@Suite("Formatting: address and port text")
struct FormattingAddressTests {
    let resolver = FormattingTestResolver.standard

    func text(_ ip: String, _ port: UInt16, _ proto: IPProtocol?, numeric: Bool) -> String {
        AddressText.describe(formattingIP(ip), port: port, protocol: proto, numeric: numeric, resolver: resolver)
    }

    @Test func numericIPv4() {
        #expect(text("10.0.0.10", 80, .tcp, numeric: true) == "10.0.0.10:80")
    }

    @Test func numericIPv6IsBracketedAndCompressed() {
        #expect(text("2001:db8:0:0:0:0:0:6", 80, .tcp, numeric: true) == "[2001:db8::6]:80")
    }

    @Test func namesForHostAndPort() {
        #expect(text("10.0.0.10", 80, .tcp, numeric: false) == "web.example.test:http")
        #expect(text("10.0.0.20", 8080, .tcp, numeric: false) == "rs1.example.test:http-alt")
    }

    @Test func resolvedIPv6NameKeepsBrackets() {
        #expect(text("2001:db8::6", 80, .tcp, numeric: false) == "[web6.example.test]:http")
    }

    @Test func unknownHostOrPortFallsBackToNumbers() {
        #expect(text("10.0.0.1", 53, .udp, numeric: false) == "10.0.0.1:domain")
        // Debian's /etc/services has no udp entry for 80.
        #expect(text("10.0.0.1", 80, .udp, numeric: false) == "10.0.0.1:80")
        #expect(text("10.0.0.2", 0, .tcp, numeric: false) == "10.0.0.2:0")
    }

    @Test func noProtocolOrUnknownProtocolPrintsPortNumber() {
        #expect(text("10.0.0.10", 80, nil, numeric: false) == "web.example.test:80")
        #expect(text("10.0.0.10", 80, IPProtocol(rawValue: 47), numeric: false) == "web.example.test:80")
    }

    @Test func cutToFiftyNineBytes() {
        let cut = text("10.0.0.99", 80, .tcp, numeric: false)
        #expect(cut == "long-host-name-used-to-check-the-truncation.example.test:ht")
        #expect(cut.utf8.count == 59)
    }

    @Test func connectionProtocolNamesMatchExactly() {
        #expect(AddressText.connectionProtocol("TCP") == .tcp)
        #expect(AddressText.connectionProtocol("SCTP") == .sctp)
        #expect(AddressText.connectionProtocol("IP") == nil)
        #expect(AddressText.connectionProtocol("tcp") == nil)
    }
}
