import IPVSKit

/// The order ipvsadm lists services and real servers in (without `--nosort`), including
/// its quirks: `TCP 192.168.10.1:80` comes before `TCP 10.0.0.1:80`, and fwmarks of 2^31
/// and more come before every address service.
///
/// libipvs's comparators subtract two unsigned 32-bit numbers and read the wrapped result
/// as a signed `int`, so any two values 2^31 or more apart compare "backwards". That is
/// not a consistent order, so the outcome also depends on the sort algorithm; both are
/// reproduced here (`GlibcMergeSort`).
public enum ListingOrder {
    /// Services in ipvsadm's sorted order.
    ///
    /// Sorts indices with each service's key made once: moving whole entries (settings,
    /// names, counters) through the merge sort's scratch array, and rebuilding keys for
    /// every comparison, would cost more than the comparisons. The comparisons, and so the order, are
    /// those of sorting the entries themselves.
    public static func sortedServices(_ entries: [ServiceEntry]) -> [ServiceEntry] {
        let keys = entries.map { SortKey($0.service.id) }
        return GlibcMergeSort.sorted(Array(entries.indices)) { compareKeys(keys[$0], keys[$1]) }.map { entries[$0] }
    }

    /// Real servers in ipvsadm's sorted order.
    ///
    /// Indices again, with each server's address words made once: whole entries (with
    /// their counters) moved through the merge sort would be copied at every step.
    public static func sortedRealServers(_ entries: [RealServerEntry]) -> [RealServerEntry] {
        guard entries.count > 1 else { return entries }
        let keys = entries.map { RealServerKey($0.server) }
        return GlibcMergeSort.sorted(Array(entries.indices)) { compareRealServers(keys[$0], keys[$1]) }.map {
            entries[$0]
        }
    }

    /// libipvs's service comparator: fwmark (wrapping), family, protocol, address
    /// (wrapping, word by word), port. A fwmark service has protocol, address and port 0;
    /// an address service has fwmark 0.
    static func compareServices(_ a: ServiceID, _ b: ServiceID) -> Int32 {
        compareKeys(SortKey(a), SortKey(b))
    }

    private static func compareKeys(_ first: SortKey, _ second: SortKey) -> Int32 {
        var result = wrappingDifference(first.mark, second.mark)
        if result != 0 { return result }
        // 16-bit fields promoted to int: these differences are exact.
        result = Int32(first.family) - Int32(second.family)
        if result != 0 { return result }
        result = Int32(first.protocolNumber) - Int32(second.protocolNumber)
        if result != 0 { return result }
        result = compareAddresses(first.words, second.words, asIPv6: first.family == AddressFamily.inet6.rawValue)
        if result != 0 { return result }
        return Int32(first.port) - Int32(second.port)
    }

    /// libipvs's real-server comparator: address (by the *first* server's family) then
    /// port.
    static func compareRealServers(_ a: RealServerKey, _ b: RealServerKey) -> Int32 {
        let result = compareAddresses(a.words, b.words, asIPv6: a.isIPv6)
        return result != 0 ? result : Int32(a.port) - Int32(b.port)
    }

    /// What the real-server comparator reads of a server, made once per server.
    struct RealServerKey {
        var words: SIMD4<UInt32>
        var isIPv6: Bool
        var port: UInt16

        init(_ server: RealServer) {
            words = ListingOrder.words(server.address)
            isIPv6 = server.address.family == .inet6
            port = server.port
        }
    }

    /// IPv4 compares the first 32-bit word only; IPv6 compares the four big-endian words
    /// until one differs. An IPv4 address is the first word, the other three zero (the
    /// kernel's `union nf_inet_addr`), which matters when families are mixed.
    static func compareAddresses(_ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>, asIPv6: Bool) -> Int32 {
        for index in 0..<(asIPv6 ? 4 : 1) {
            let result = wrappingDifference(a[index], b[index])
            if result != 0 { return result }
        }
        return 0
    }

    /// `(int)(a - b)` on `uint32_t`s.
    static func wrappingDifference(_ a: UInt32, _ b: UInt32) -> Int32 {
        Int32(bitPattern: a &- b)
    }

    /// An address as four host-order 32-bit words. A value, not an array: the comparators
    /// run n log n times, and allocating here would make sorting most of the cost of `-S`.
    static func words(_ address: IPAddress) -> SIMD4<UInt32> {
        switch address {
        case .v4(let a): SIMD4(a.value, 0, 0, 0)
        case .v6(let a):
            SIMD4(
                UInt32(truncatingIfNeeded: a.high >> 32), UInt32(truncatingIfNeeded: a.high),
                UInt32(truncatingIfNeeded: a.low >> 32), UInt32(truncatingIfNeeded: a.low))
        }
    }

    /// The fields of ipvsadm's service entry that its comparator reads.
    private struct SortKey {
        var mark: UInt32 = 0
        var family: UInt16
        var protocolNumber: UInt16 = 0
        var words = SIMD4<UInt32>(repeating: 0)
        var port: UInt16 = 0

        init(_ id: ServiceID) {
            family = id.family.rawValue
            switch id {
            case .firewallMark(let value, _):
                mark = value
            case .address(let proto, let address, let port):
                protocolNumber = proto.rawValue
                words = ListingOrder.words(address)
                self.port = port
            }
        }
    }
}
