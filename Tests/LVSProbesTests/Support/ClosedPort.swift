#if canImport(Glibc)
    import Glibc
#endif

/// A TCP port nothing listens on, held for as long as the value lives: the socket is bound
/// but never listens, so a SYN to it gets a RST, and no other test's listener (each binds
/// port 0, in parallel) can be given the port meanwhile.
final class ClosedTCPPort {
    private let socketFD: Int32
    let port: UInt16

    struct SocketError: Error { var errno: Int32 }

    init(ipv6: Bool = false) throws {
        socketFD = socket(ipv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var storage = sockaddr_storage()
        var length: socklen_t
        if ipv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_addr = in6addr_loopback
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in6.self) }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in.self) }
        }
        let fd = socketFD
        let bound = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw SocketError(errno: errno) }
        // sin_port and sin6_port sit at the same offset, right after the family.
        port = withUnsafeBytes(of: &storage) { UInt16(bigEndian: $0.load(fromByteOffset: 2, as: UInt16.self)) }
    }

    deinit { close(socketFD) }
}

/// A UDP port on 127.0.0.2 that nothing is bound to: taken from the kernel and given back
/// at once (closed by the kernel on return, unlike a NIO channel's close). No test binds
/// 127.0.0.2, so nothing takes the port meanwhile.
func closedUDPPortOn127002() throws -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = UInt32(0x7f00_0002).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
    }
    guard bound else { throw ClosedTCPPort.SocketError(errno: errno) }
    return UInt16(bigEndian: address.sin_port)
}
