import Foundation
import Glibc
import Synchronization

@testable import LVSDaemon

/// A Unix datagram socket standing in for systemd's notify socket.
final class DatagramListener: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private let received = Mutex<[String]>([])

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard withUnixAddress(path, { bind(descriptor, $0, $1) }) == 0 else { throw POSIXError(.EADDRINUSE) }
        var wait = timeval(tv_sec: 0, tv_usec: 1000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Every datagram received so far, in order (waiting at most a millisecond for more).
    func messages() -> [String] {
        received.withLock { all in
            all += drain()
            return all
        }
    }

    private func drain() -> [String] {
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return messages }
            messages.append(String(decoding: buffer[..<count], as: UTF8.self))
        }
    }
}
