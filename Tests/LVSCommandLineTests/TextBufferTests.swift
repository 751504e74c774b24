import IPVSKit
import Testing

@testable import LVSCommandLine

/// The byte writer under the listings: numbers and numeric IPv4 addresses as printf and
/// `IPv4Address.description` write them, at their extremes.
@Suite struct TextBufferTests {
    func text(_ body: (inout TextBuffer) -> Void) -> String {
        var buffer = TextBuffer()
        body(&buffer)
        return buffer.text
    }

    @Test func decimalsAtTheirEdges() {
        for value: UInt64 in [0, 9, 10, 99, 100, 255, 65535, 1 << 32, UInt64.max] {
            #expect(text { $0.append(decimal: value) } == String(value))
        }
        #expect(text { $0.append(signed: UInt32.max) } == "-1")
        #expect(text { $0.append(signed: 0x8000_0000) } == "-2147483648")
    }

    @Test func addressesWithAndWithoutPorts() {
        for address in [IPv4Address(0, 0, 0, 0), IPv4Address(255, 255, 255, 255), IPv4Address(10, 0, 100, 9)] {
            #expect(text { $0.append(address) } == address.description)
            for port: UInt16 in [0, 80, 65535] {
                #expect(text { $0.append(address, port: port) } == "\(address.description):\(port)")
            }
        }
        // Appended after what is there, several in a row.
        #expect(
            text { b in
                b.append("-a " as StaticString)
                b.append(IPv4Address(172, 16, 0, 1), port: 8080)
                b.append(decimal: 7 as UInt64)
            } == "-a 172.16.0.1:80807")
    }

    @Test func paddingToAnyWidth() {
        for width in [0, 1, 7, 64, 65, 200] {
            let padded = text { b in
                b.append("ab" as StaticString)
                b.padLeftAligned(from: 0, width: width)
            }
            #expect(padded == "ab" + String(repeating: " ", count: max(width - 2, 0)))
        }
    }
}
