#if canImport(Glibc)
    import Glibc
#endif

/// A raw listening socket with a backlog of 0 that never accepts, filled by connections of
/// its own: the kernel then drops every further SYN to it, which is the one way to get a
/// connect that never completes on loopback alone.
final class FullBacklogListener {
    private let listener: Int32
    private var fillers: [Int32] = []
    let port: UInt16

    struct SocketError: Error {
        var call: String
        var errno: Int32
    }

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        guard bound == 0, listen(listener, 0) == 0 else { throw SocketError(call: "bind/listen", errno: errno) }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        var fillers: [Int32] = []
        // A backlog of 0 still queues one connection (Linux allows backlog + 1); a few
        // non-blocking connects fill it whatever the kernel's exact rule.
        for _ in 0..<4 {
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, length) }
            }
            fillers.append(filler)
        }
        self.fillers = fillers
        usleep(100_000)  // lets the fillers' handshakes land in the queue
    }

    func close() {
        for filler in fillers { _ = Glibc.close(filler) }
        _ = Glibc.close(listener)
    }
}

/// A raw listening socket on every address that never accepts, with a backlog above a
/// thousand: the kernel completes each handshake by itself, so a test of the prober's
/// throughput spends no CPU on the server side.
final class KernelOnlyListener {
    private let listener: Int32
    let port: UInt16

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard bound, listen(listener, 4096) == 0 else {
            throw FullBacklogListener.SocketError(call: "bind/listen", errno: errno)
        }
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { _ = Glibc.close(listener) }
}
