import IPVSKit
import Testing

@testable import LVSCommandLine

/// ipvsadm's sort: glibc's merge sort with libipvs's wrapping-subtraction comparators.
///
/// Expected orders were worked out from the algorithm and cross-checked, when the tests
/// were written, with a separate small reference implementation of msort and the two
/// comparators (not part of the repository); only its output is committed here.
@Suite("Formatting: ipvsadm's sort order")
struct FormattingSortTests {
    /// Parses `TCP 10.0.0.1:80`, `UDP [2001:db8::1]:53`, `FWM 7`, `FWM 2 IPv6`.
    func id(_ label: String) -> ServiceID {
        let parts = label.split(separator: " ").map(String.init)
        if parts[0] == "FWM" {
            return .firewallMark(UInt32(parts[1]) ?? 0, family: parts.count > 2 ? .inet6 : .inet)
        }
        let proto: IPProtocol = parts[0] == "TCP" ? .tcp : parts[0] == "UDP" ? .udp : .sctp
        let (host, port) = split(parts[1])
        return .address(proto, formattingIP(host), port: port)
    }

    /// `10.0.0.1:80` or `[2001:db8::1]:80` into address text and port.
    func split(_ text: String) -> (String, UInt16) {
        guard let colon = text.lastIndex(of: ":") else { return (text, 0) }
        let host = text[..<colon].trimmingPrefix("[")
        return (String(host.hasSuffix("]") ? host.dropLast() : host), UInt16(text[text.index(after: colon)...]) ?? 0)
    }

    func label(_ id: ServiceID) -> String {
        switch id {
        case .firewallMark(let mark, let family): family == .inet6 ? "FWM \(mark) IPv6" : "FWM \(mark)"
        case .address(let proto, .v6(let a), let port): "\(proto) [\(a)]:\(port)"
        case .address(let proto, let a, let port): "\(proto) \(a):\(port)"
        }
    }

    func sortedServices(_ labels: [String]) -> [String] {
        ListingOrder.sortedServices(labels.map { formattingService(id($0)) }).map { label($0.service.id) }
    }

    func sortedServers(_ labels: [String]) -> [String] {
        ListingOrder.sortedRealServers(
            labels.map { text in
                let (host, port) = split(text)
                return formattingServer(host, port)
            }
        ).map { $0.server.id.description }
    }

    @Test func wrappedDifferencePutsHighAddressesFirst() {
        #expect(
            sortedServices(["TCP 10.0.0.1:80", "TCP 192.168.10.1:80"]) == ["TCP 192.168.10.1:80", "TCP 10.0.0.1:80"])
        #expect(ListingOrder.compareServices(id("TCP 10.0.0.1:80"), id("TCP 192.168.10.1:80")) > 0)
        #expect(ListingOrder.compareServices(id("TCP 10.0.0.1:80"), id("TCP 100.0.0.1:80")) < 0)
    }

    @Test func largeFirewallMarksFirstSmallOnesLast() {
        #expect(
            sortedServices([
                "TCP 10.0.0.1:80", "UDP 10.0.0.1:53", "FWM 1", "FWM 4294967295", "FWM 2147483648", "TCP 10.0.0.1:443",
                "FWM 2 IPv6", "TCP [2001:db8::1]:80", "SCTP 10.0.0.1:80",
            ]) == [
                "FWM 2147483648", "FWM 4294967295", "TCP 10.0.0.1:80", "TCP 10.0.0.1:443", "UDP 10.0.0.1:53",
                "SCTP 10.0.0.1:80", "TCP [2001:db8::1]:80", "FWM 1", "FWM 2 IPv6",
            ])
    }

    /// 10 < 100 < 200 < 10 under the wrapping comparator: the result depends on the input
    /// order and on exactly which pairs the merge sort compares.
    @Test(arguments: [
        (
            ["TCP 10.0.0.1:80", "TCP 100.0.0.1:80", "TCP 200.0.0.1:80"],
            ["TCP 10.0.0.1:80", "TCP 100.0.0.1:80", "TCP 200.0.0.1:80"]
        ),
        (
            ["TCP 200.0.0.1:80", "TCP 100.0.0.1:80", "TCP 10.0.0.1:80"],
            ["TCP 200.0.0.1:80", "TCP 10.0.0.1:80", "TCP 100.0.0.1:80"]
        ),
        (
            ["TCP 100.0.0.1:80", "TCP 10.0.0.1:80", "TCP 200.0.0.1:80"],
            ["TCP 100.0.0.1:80", "TCP 200.0.0.1:80", "TCP 10.0.0.1:80"]
        ),
    ])
    func cyclicOrderFollowsTheMerge(input: [String], expected: [String]) {
        #expect(sortedServices(input) == expected)
    }

    @Test func twelveServicesMixed() {
        #expect(
            sortedServices([
                "TCP 172.16.0.5:80", "TCP 10.0.0.1:80", "TCP 192.168.10.1:80", "TCP 10.0.0.1:22", "UDP 10.0.0.1:53",
                "TCP 203.0.113.9:443", "TCP 10.0.0.2:0", "FWM 7", "TCP 127.0.0.1:80", "TCP 192.168.10.1:8080",
                "TCP 64.0.0.1:80", "TCP 198.51.100.1:80",
            ]) == [
                "TCP 172.16.0.5:80", "TCP 192.168.10.1:80", "TCP 192.168.10.1:8080", "TCP 198.51.100.1:80",
                "TCP 203.0.113.9:443", "TCP 10.0.0.1:22", "TCP 10.0.0.1:80", "TCP 10.0.0.2:0", "TCP 64.0.0.1:80",
                "TCP 127.0.0.1:80", "UDP 10.0.0.1:53", "FWM 7",
            ])
    }

    /// IPv6 compares 32-bit words in turn, each with the wrapping difference.
    @Test func ipv6WordByWord() {
        #expect(
            sortedServices([
                "TCP [2001:db8::1]:80", "TCP [2001:db8::2]:80", "TCP [fe80::1]:80", "TCP [2001:db8:0:0:8000::1]:80",
                "TCP [::1]:80", "TCP [2001:db8::1]:22",
            ]) == [
                "TCP [fe80::1]:80", "TCP [::1]:80", "TCP [2001:db8::1]:80", "TCP [2001:db8::2]:80",
                "TCP [2001:db8::8000:0:0:1]:80", "TCP [2001:db8::1]:22",
            ])
    }

    @Test func realServers() {
        #expect(
            sortedServers([
                "10.0.0.20:80", "10.0.0.10:80", "192.168.1.5:80", "10.0.0.10:22", "172.16.0.1:80", "200.1.1.1:80",
            ])
                == ["172.16.0.1:80", "192.168.1.5:80", "200.1.1.1:80", "10.0.0.10:22", "10.0.0.10:80", "10.0.0.20:80"])
    }

    /// Mixed families: the first argument's family decides how many words are compared;
    /// an IPv4 address is word 0 with zeros after it.
    @Test func realServersOfMixedFamilies() {
        #expect(
            sortedServers(["[2001:db8::1]:80", "10.0.0.1:80", "[::1]:80"]) == [
                "[::1]:80", "10.0.0.1:80", "[2001:db8::1]:80",
            ])
        #expect(
            sortedServers(["10.0.0.1:80", "[2001:db8::1]:80", "[::1]:80"]) == [
                "[::1]:80", "10.0.0.1:80", "[2001:db8::1]:80",
            ])
        let v4 = RealServer(address: formattingIP("10.0.0.1"), port: 80)
        let v6 = RealServer(address: formattingIP("a00:1:0:1::"), port: 80)
        // Word 0 is 10.0.0.1 in both. As IPv4 only word 0 counts (equal); as IPv6 word 1
        // differs (1 - 0 > 0).
        let (v4Key, v6Key) = (ListingOrder.RealServerKey(v4), ListingOrder.RealServerKey(v6))
        #expect(ListingOrder.compareRealServers(v4Key, v6Key) == 0)
        #expect(ListingOrder.compareRealServers(v6Key, v4Key) > 0)
    }

    /// Equal keys keep their input order (the merge takes the left one on 0).
    @Test func stableForEqualKeys() {
        let first = formattingServer("10.0.0.1", 80, weight: 1)
        let second = formattingServer("10.0.0.1", 80, weight: 2)
        #expect(ListingOrder.sortedRealServers([first, second]).map(\.server.weight) == [1, 2])
        #expect(ListingOrder.sortedRealServers([second, first]).map(\.server.weight) == [2, 1])
    }

    @Test func mergeSortOnConsistentComparatorIsOrdinarySort() {
        let numbers = [5, 3, 9, 1, 1, 8, 0, 7, 2, 6, 4]
        #expect(GlibcMergeSort.sorted(numbers) { Int32($0 - $1) } == numbers.sorted())
        #expect(GlibcMergeSort.sorted([Int]()) { Int32($0 - $1) } == [])
    }
}
