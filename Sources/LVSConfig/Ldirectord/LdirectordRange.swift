import IPVSKit
import LVSCommandLine

/// The hosts of a `real =` line: its one host as written (the ipvsadm parser resolves a
/// name), or every IPv4 address from the first to the last of a range.
enum LdirectordRange {
    /// More would be a typo, not a farm, and would make that many probes.
    static let largest: UInt32 = 4096

    static func hosts(_ spec: LdirectordRealSpec, resolver: NameResolver) throws(LineError) -> [String] {
        guard let lastText = spec.last else { return [spec.first] }
        guard let first = address(spec.first, resolver), let last = address(lastText, resolver) else {
            throw LineError(
                "real: an address range needs two IPv4 addresses (or names of them); IPv6 ranges are not supported")
        }
        guard first <= last else { throw LineError("real: the range \(spec.first)->\(lastText) ends before it starts") }
        guard last.value - first.value < largest else {
            throw LineError("real: the range \(spec.first)->\(lastText) has more than \(largest) addresses")
        }
        return (first.value...last.value).map { IPv4Address($0).description }
    }

    private static func address(_ text: String, _ resolver: NameResolver) -> IPv4Address? {
        IPv4Address(text) ?? resolver.ipv4Address(ofHost: text)
    }
}
