import Testing

@testable import IPVSKit

@Suite struct IPAddressTests {
    @Test(arguments: [
        ("::", "::"), ("::1", "::1"), ("2001:db8::5:80", "2001:db8::5:80"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"), ("1:0:2:0:3:0:4:0", "1:0:2:0:3:0:4:0"),
        ("::ffff:10.1.2.3", "::ffff:10.1.2.3"), ("::10.1.2.3", "::10.1.2.3"), ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ("1:0:0:2:0:0:3:4", "1::2:0:0:3:4"), ("FE80::1", "fe80::1"),
    ])
    func ipv6TextRoundTripsLikeGlibc(input: String, expected: String) throws {
        let a = try #require(IPv6Address(input))
        #expect(a.description == expected)
        #expect(IPv6Address(bytes: a.bytes) == a)
    }

    @Test(arguments: ["", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::", "1.2.3.4", "::1.2.3"])
    func ipv6RejectsMalformed(input: String) {
        #expect(IPv6Address(input) == nil)
    }

    @Test func ipv4ParsesStrictDottedQuad() {
        #expect(IPv4Address("10.0.0.1")?.value == 0x0A00_0001)
        #expect(IPv4Address("255.255.255.255")?.description == "255.255.255.255")
        #expect(IPv4Address("1.2.3") == nil)
        #expect(IPv4Address("256.1.1.1") == nil)
        #expect(IPv4Address("1.2.3.4.") == nil)
        #expect(IPAddress("10.0.0.1")?.kernelBytes == [10, 0, 0, 1] + Array(repeating: 0, count: 12))
    }

    @Test func connectionLineParses() throws {
        let e = try #require(
            ConnectionEntry(procLine: "TCP 0A00020F 8F5A 0A000264 0050 0A000201 1F90 SYN_RECV         44"))
        #expect(e.client == .v4(IPv4Address(10, 0, 2, 15)))
        #expect(e.clientPort == 0x8F5A)
        #expect(e.destinationPort == 8080)
        #expect(e.state == "SYN_RECV")
        #expect(e.expires == 44)
        #expect(e.persistenceEngine == nil)
    }
}
