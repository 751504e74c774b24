import Glibc
import IPVSKit
import Testing

@testable import LVSCommandLine

/// The command line's address readers: `InetText.aton` is glibc's `inet_aton`, and the
/// `a.b.c.d[:port]` fast path is the one dotted-quad reader (`IPv4Address(_:)`, itself
/// `inet_pton`) followed by a plain port, reading what the general way reads.
@Suite struct AddressReaderTests {
    typealias Generator = ParserFuzzTests.SeededGenerator

    static func glibcAton(_ text: String) -> IPv4Address? {
        var address = in_addr()
        guard inet_aton(text, &address) != 0 else { return nil }
        return IPv4Address(UInt32(bigEndian: address.s_addr))
    }

    static let parts = [
        "0", "00", "01", "08", "010", "0377", "0400", "1", "9", "10", "255", "256", "65535", "65536", "16777215",
        "16777216", "4294967295", "4294967296", "99999999999", "0x", "0x0", "0xff", "0x100", "0XfF", "0xffffffff",
        "0x100000000", "", "a", "+1", "-1", "1e2",
    ]

    static func atonText(_ random: inout Generator) -> String {
        var text = (0..<Int.random(in: 1...5, using: &random)).map { _ in parts.randomElement(using: &random) ?? "0" }
            .joined(separator: ".")
        switch Int.random(in: 0..<10, using: &random) {
        case 0: text += " junk"
        case 1: text += "\t"
        case 2: text += "."
        case 3: text = " " + text
        case 4: text += "x"
        default: break
        }
        return text
    }

    @Test func atonIsGlibc() {
        var random = Generator(state: 0xA70A)
        var accepted = 0
        for _ in 0..<10_000 {
            let text = Self.atonText(&random)
            let ours = InetText.aton(text)
            #expect(ours == Self.glibcAton(text), "\(text.debugDescription)")
            if ours != nil { accepted += 1 }
        }
        #expect(accepted > 1_000)
    }

    static let ports = [
        "0", "00", "01", "1", "80", "8080", "65535", "65536", "99999", "123456", "", "http", "+1", " 1",
    ]

    /// What the fast path must take: the shared reader's quad, then nothing or `:` and a
    /// plain decimal port.
    static func expected(_ text: String) -> Endpoint? {
        let (host, port) =
            text.lastIndex(of: ":").map { (text[..<$0], Optional(text[text.index(after: $0)...])) } ?? (text[...], nil)
        guard let address = IPv4Address(host) else { return nil }
        guard let port else { return Endpoint(address: .v4(address), port: nil) }
        guard port.utf8.allSatisfy(NumberText.isDigit), !port.isEmpty, port.count <= 5,
            port == "0" || port.first != "0",
            let value = UInt16(port)
        else { return nil }
        return Endpoint(address: .v4(address), port: value)
    }

    @Test func theEndpointFastPathIsTheSharedReaderAndAgreesWithTheGeneralWay() {
        var random = Generator(state: 0xFA57)
        let good = ["0", "1", "9", "10", "99", "100", "255"]
        let bad = ["00", "01", "256", "999", "1000", "", "0x1", "a"]
        var taken = 0
        for _ in 0..<10_000 {
            var text = (0..<([4, 4, 4, 4, 4, 3, 5].randomElement(using: &random) ?? 4)).map { _ in
                (Int.random(in: 0..<10, using: &random) == 0 ? bad : good).randomElement(using: &random) ?? "0"
            }.joined(separator: ".")
            if Int.random(in: 0..<3, using: &random) > 0 {
                text += ":" + (Self.ports.randomElement(using: &random) ?? "")
            }
            let fast = EndpointText.plainIPv4(text)
            #expect(fast == Self.expected(text), "\(text.debugDescription)")
            if let fast {
                taken += 1
                #expect(
                    EndpointText.general(text, protocol: .tcp, resolver: TableResolver()) == fast,
                    "\(text.debugDescription)")
            }
        }
        #expect(taken > 1_000)
    }

    /// JSON and the multicast group read the same form: leading zeros are refused by both,
    /// while `-t`/`-r` (inet_aton) read them as octal, as ipvsadm does.
    @Test func leadingZerosReadOneWayPerForm() throws {
        #expect(IPv4Address("010.0.0.1") == nil)
        #expect(InetText.aton("010.0.0.1") == IPv4Address(8, 0, 0, 1))
        #expect(
            parseError("--start-daemon master --mcast-group 0224.0.0.81")?.message
                == "invalid IPv4 mcast-group `0224.0.0.81'")
        #expect(parseError("--start-daemon master --mcast-group 224.0.0.81") == nil)
        let json = #"{"version":1,"document":"rules","services":[{"protocol":"tcp","address":"010.0.0.1","port":80}]}"#
        #expect(throws: JSONDocumentError.self) { try JSONDocument.services(from: json) }
    }
}
