import IPVSKit
import Testing

@testable import LVSCommandLine

/// `EndpointText.plainIPv4`, the fast path of `-R`, must read every text it accepts as the
/// general path does, and leave every other text to it.
@Suite struct EndpointFastPathTests {
    @Test(arguments: [
        "10.0.0.1:80", "10.0.0.1", "0.0.0.0:0", "255.255.255.255:65535", "1.2.3.4:08", "1.2.3.4:080",
        "01.2.3.4:80", "1.2.3.4:", "1.2.3:80", "1.2.3.4.5:80", "256.1.1.1:80", "1.2.3.4:65536", "1.2.3.4:80:90",
        "1..3.4:80", ".1.2.3:80", "1.2.3.4:8a", "a.b.c.d:80", "[1.2.3.4]:80", "::1", "1.2.3.4:http", "12",
        "1.2.3.4:00", "1.2.3.0", "0.0.0.0", "1.2.3.4:0", "1000.2.3.4:1", "1.2.3.4:123456", "",
    ])
    func agreesWithTheGeneralPath(text: String) {
        let general = EndpointText.general(text, protocol: .tcp, resolver: TableResolver())
        if let fast = EndpointText.plainIPv4(text) {
            #expect(fast == general)
        }
        #expect(EndpointText.parse(text, protocol: .tcp, resolver: TableResolver()) == general)
    }

    @Test func takesTheUsualForms() {
        #expect(EndpointText.plainIPv4("10.1.2.3:8080") == Endpoint(address: .v4(IPv4Address(10, 1, 2, 3)), port: 8080))
        #expect(EndpointText.plainIPv4("10.1.2.3") == Endpoint(address: .v4(IPv4Address(10, 1, 2, 3)), port: nil))
        #expect(EndpointText.plainIPv4("010.1.2.3:80") == nil)
    }
}
