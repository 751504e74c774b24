import IPVSKit

/// Host and service name look-ups, forward (parsing `-t web:http`) and reverse (listing
/// without `-n`). The system implementation uses the C library's resolver (`/etc/hosts`
/// and `/etc/services` first); tests pass a table.
public protocol NameResolver: Sendable {
    /// IPv4 address of a host name (`gethostbyname`: ipvsadm never resolves IPv6 names).
    func ipv4Address(ofHost name: String) -> IPv4Address?
    /// Port of a service name for a protocol (`getservbyname(name, "tcp"|"udp"|"sctp")`).
    func port(ofService name: String, protocol: IPProtocol) -> UInt16?
    /// Canonical host name of an address (`gethostbyaddr`), nil if it has none.
    func hostName(of address: IPAddress) -> String?
    /// First service name of a port for a protocol (`getservbyport`), nil if none.
    func serviceName(ofPort port: UInt16, protocol: IPProtocol) -> String?
}
