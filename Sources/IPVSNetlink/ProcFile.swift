import Glibc
import IPVSKit

/// The kernel's text tables under /proc: netlink has no command for the connections.
enum ProcFile {
    static let connections = "/proc/net/ip_vs_conn"

    /// The whole file; a failed open or read throws with its errno (ENOENT: no IPVS).
    static func read(_ path: String, operation: IPVSOperation) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { throw NetlinkFailure.system(errno, operation, "opening \(path)") }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw NetlinkFailure.system(errno, operation, "reading \(path)")
            }
            if count == 0 { break }
            contents += chunk[0..<count]
        }
        return String(decoding: contents, as: UTF8.self)
    }
}
