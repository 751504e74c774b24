import Glibc
import IPVSTesting
import Testing

@testable import IPVSKit

/// `IPv4Address(_:)` and `IPv6Address(_:)` are `inet_pton` (ipvsadm reads IPv6 services
/// and the multicast group with it): on generated texts of every shape, leading zeros,
/// overflowing parts, short and long forms, stray bytes, they must accept exactly what the
/// C library accepts, as the same address.
@Suite struct AddressTextGlibcTests {
    typealias Generator = SplitMix64

    static func glibcV4(_ text: String) -> IPv4Address? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return IPv4Address(UInt32(bigEndian: address.s_addr))
    }

    static func glibcV6(_ text: String) -> IPv6Address? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address) { IPv6Address(bytes: $0) }
    }

    static let goodOctets = ["0", "1", "9", "10", "99", "100", "199", "200", "249", "250", "255"]
    static let badOctets = [
        "00", "01", "000", "007", "0255", "256", "260", "299", "300", "999", "1000", "4294967296", "", "a", " 1", "1 ",
        "+1", "-1", "0x1", "1e2", "١",
    ]

    /// A part that is mostly fine, so that whole texts come out right often enough.
    static func octet(_ random: inout Generator) -> String {
        (Int.random(in: 0..<8, using: &random) == 0 ? badOctets : goodOctets).randomElement(using: &random) ?? "0"
    }

    static func quad(_ random: inout Generator) -> String {
        let count = [4, 4, 4, 4, 4, 4, 3, 5, 1, 2].randomElement(using: &random) ?? 4
        var text = (0..<count).map { _ in octet(&random) }.joined(separator: ".")
        switch Int.random(in: 0..<16, using: &random) {
        case 0: text += "."
        case 1: text = "." + text
        case 2: text += ":80"
        case 3: text = String(text.dropLast())
        default: break
        }
        return text
    }

    static func v6(_ random: inout Generator) -> String {
        let good = ["0", "1", "db8", "ffff", "FFFF", "0000", "2001", "fe80", "a"]
        let bad = ["00000", "12345", "g", "", " 1"]
        let quadTail = Int.random(in: 0..<3, using: &random) == 0
        let groupCount = [8, 8, 7, 9, 3, 1, 6, 5].randomElement(using: &random) ?? 8
        var groups = (0..<(quadTail ? max(groupCount - 2, 0) : groupCount)).map { _ in
            (Int.random(in: 0..<10, using: &random) == 0 ? bad : good).randomElement(using: &random) ?? "0"
        }
        if quadTail { groups.append(quad(&random)) }
        var text = groups.joined(separator: ":")
        if Int.random(in: 0..<2, using: &random) == 0 {
            // Some groups replaced by `::`.
            let cut = Int.random(in: 0...groups.count, using: &random)
            let length = Int.random(in: 0...(groups.count - cut), using: &random)
            text = groups[..<cut].joined(separator: ":") + "::" + groups[(cut + length)...].joined(separator: ":")
        }
        if Int.random(in: 0..<16, using: &random) == 0 { text = ":" + text }
        if Int.random(in: 0..<16, using: &random) == 0 { text += ":" }
        return text
    }

    @Test func ipv4IsInetPton() {
        var random = Generator(state: 0x1A7E_F4)
        var accepted = 0
        var leadingZeroRefused = 0
        for _ in 0..<10_000 {
            let text = Self.quad(&random)
            let ours = IPv4Address(text)
            #expect(ours == Self.glibcV4(text), "\(text.debugDescription)")
            if ours != nil { accepted += 1 }
            if ours == nil, text.split(separator: ".").contains(where: { $0.count > 1 && $0.first == "0" }) {
                leadingZeroRefused += 1
            }
        }
        // The generator reaches both sides, and the leading zeros in particular.
        #expect(accepted > 2_000)
        #expect(leadingZeroRefused > 500)
    }

    @Test func ipv4RandomBytesAreInetPton() {
        var random = Generator(state: 42)
        let alphabet = Array("0123456789.. x:")
        for _ in 0..<10_000 {
            let text = String(
                (0..<Int.random(in: 0...17, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "0" })
            #expect(IPv4Address(text) == Self.glibcV4(text), "\(text.debugDescription)")
        }
    }

    @Test func ipv6IsInetPton() {
        var random = Generator(state: 0x0006_0006)
        var accepted = 0
        var withQuad = 0
        for _ in 0..<10_000 {
            let text = Self.v6(&random)
            let ours = IPv6Address(text)
            #expect(ours == Self.glibcV6(text), "\(text.debugDescription)")
            if ours != nil {
                accepted += 1
                if text.contains(".") { withQuad += 1 }
            }
        }
        #expect(accepted > 2_000)
        #expect(withQuad > 150)
    }

    @Test(arguments: ["::ffff:01.2.3.4", "::ffff:1.2.3.04", "::1.2.3.256", "::00.0.0.0"])
    func theQuadInIPv6TextHasNoLeadingZeros(text: String) {
        #expect(IPv6Address(text) == nil)
        #expect(Self.glibcV6(text) == nil)
    }

    @Test(arguments: ["010.0.0.1", "10.0.0.01", "00.0.0.0", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4\n"])
    func ipv4RefusesWhatInetPtonRefuses(text: String) {
        #expect(IPv4Address(text) == nil)
        #expect(Self.glibcV4(text) == nil)
    }
}
