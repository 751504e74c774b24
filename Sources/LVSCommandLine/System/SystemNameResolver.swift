import Glibc
import IPVSKit

/// Names through the C library, as ipvsadm looks them up: `gethostbyname` (IPv4 only),
/// `getservbyname`, `gethostbyaddr`, `getservbyport`. So `/etc/hosts`, `/etc/services`
/// and the configured resolver apply, exactly as for ipvsadm.
///
/// These calls use static buffers, which is fine for this single-threaded tool.
public struct SystemNameResolver: NameResolver {
    public init() {}

    public func ipv4Address(ofHost name: String) -> IPv4Address? {
        guard !name.isEmpty, let entry = gethostbyname(name), entry.pointee.h_addrtype == AF_INET,
            entry.pointee.h_length == 4, let list = entry.pointee.h_addr_list, let first = list[0]
        else { return nil }
        let bytes = (0..<4).map { UInt8(bitPattern: first[$0]) }
        return IPv4Address(bytes: bytes)
    }

    public func port(ofService name: String, protocol proto: IPProtocol) -> UInt16? {
        guard !name.isEmpty, let protoName = Self.name(of: proto), let entry = getservbyname(name, protoName) else {
            return nil
        }
        return UInt16(bigEndian: UInt16(truncatingIfNeeded: entry.pointee.s_port))
    }

    public func hostName(of address: IPAddress) -> String? {
        let bytes: [UInt8]
        let family: Int32
        switch address {
        case .v4(let a):
            bytes = a.bytes
            family = AF_INET
        case .v6(let a):
            bytes = a.bytes
            family = AF_INET6
        }
        let entry = bytes.withUnsafeBytes { raw in
            gethostbyaddr(raw.baseAddress, socklen_t(raw.count), family)
        }
        guard let entry, let name = entry.pointee.h_name else { return nil }
        return String(cString: name)
    }

    public func serviceName(ofPort port: UInt16, protocol proto: IPProtocol) -> String? {
        guard let protoName = Self.name(of: proto),
            let entry = getservbyport(Int32(bitPattern: UInt32(port.bigEndian)), protoName),
            let name = entry.pointee.s_name
        else { return nil }
        return String(cString: name)
    }

    /// The protocol names of `/etc/services`.
    private static func name(of proto: IPProtocol) -> String? {
        switch proto {
        case .tcp: "tcp"
        case .udp: "udp"
        case .sctp: "sctp"
        default: nil
        }
    }
}
