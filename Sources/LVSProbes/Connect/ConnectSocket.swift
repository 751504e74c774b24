import IPVSKit

#if canImport(Glibc)
    import Glibc
#endif

/// The system calls of one plain TCP connect, without an event loop: open a non-blocking
/// socket, start the handshake, read how it ended, close.
enum ConnectSocket {
    /// What starting a connect gave.
    enum Start {
        /// The handshake is under way; the socket becomes writable when it ends.
        case inProgress(Int32)
        /// It completed at once (the socket is already closed).
        case connected
        /// It failed at once, or no socket could be had: the errno (nothing is left open).
        case failed(Int32)
    }

    /// Opens a socket in the calling thread's network namespace and starts a connect to
    /// `endpoint`.
    static func start(to endpoint: RealServerID) -> Start {
        var address = SocketAddress(endpoint)
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = socket(address.family, type, 0)
        guard descriptor >= 0 else { return .failed(errno) }
        let result = address.withSockaddr { connect(descriptor, $0, $1) }
        if result == 0 {
            close(descriptor)
            return .connected
        }
        let code = errno
        if code == EINPROGRESS { return .inProgress(descriptor) }
        close(descriptor)
        return .failed(code)
    }

    /// How the handshake on a socket that became writable ended: 0 when it completed,
    /// otherwise its errno.
    static func result(of descriptor: Int32) -> Int32 {
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else { return errno }
        return code
    }

    /// A plain close: a completed connection ends with a FIN, as any client's would, not a
    /// reset (SO_LINGER 0). The real server's application then sees an ordinary end of
    /// connection; a reset reaches it as an error ("connection reset by peer"), and checks
    /// every few seconds fill its logs with them. The cost of the FIN is on this side: the
    /// director keeps each closed connection in TIME_WAIT, a few hundred bytes in the kernel
    /// and one local port per real server for a minute: a real server checked every second
    /// holds 60 of its 28,000 ports.
    static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    /// A sockaddr_in or sockaddr_in6 for an endpoint, in a sockaddr_storage.
    struct SocketAddress {
        private var storage = sockaddr_storage()
        private(set) var length: socklen_t
        let family: Int32

        init(_ endpoint: RealServerID) {
            switch endpoint.address {
            case .v4(let address):
                var inet = sockaddr_in()
                inet.sin_family = sa_family_t(AF_INET)
                inet.sin_port = endpoint.port.bigEndian
                inet.sin_addr.s_addr = address.value.bigEndian
                family = AF_INET
                length = socklen_t(MemoryLayout<sockaddr_in>.size)
                withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: inet, as: sockaddr_in.self) }
            case .v6(let address):
                var inet6 = sockaddr_in6()
                inet6.sin6_family = sa_family_t(AF_INET6)
                inet6.sin6_port = endpoint.port.bigEndian
                withUnsafeMutableBytes(of: &inet6.sin6_addr) { $0.copyBytes(from: address.bytes) }
                family = AF_INET6
                length = socklen_t(MemoryLayout<sockaddr_in6>.size)
                withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: inet6, as: sockaddr_in6.self) }
            }
        }

        mutating func withSockaddr<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
            let length = length
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
            }
        }
    }
}
