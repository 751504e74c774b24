import Foundation
import Glibc
import Testing

@testable import LVSDaemon
@testable import LVSWeb

/// The HTTP server's Unix socket: bound where no one else can reach it, made 0600, then
/// moved onto its path; removed at stop.
@Suite struct PrivateUnixSocketTests {
    /// A listening socket bound at `path`, as the server binds one; its descriptor.
    func listening(at path: String) throws -> Int32 {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        let bound = withUnixAddress(path) { bind(descriptor, $0, $1) }
        try #require(bound == 0 && listen(descriptor, 1) == 0)
        return descriptor
    }

    func mode(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode : nil
    }

    @Test func boundInAPrivateDirectoryThenPublishedAt0600() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("lvsadmd-\(UUID())").path
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let path = parent + "/http.sock"
        // A socket a previous run left is replaced.
        close(try listening(at: path))

        let socket = try PrivateUnixSocket(path: path)
        #expect(mode(socket.directory).map { $0 & 0o7777 } == 0o700)
        let descriptor = try listening(at: socket.bound)
        defer { close(descriptor) }
        // As a umask of 0 would bind it: anyone could connect but for the private directory.
        // (chmod, not umask: the umask is the whole test process's.)
        chmod(socket.bound, 0o777)
        try socket.publish()
        #expect(mode(path).map { $0 & 0o7777 } == 0o600)
        #expect(mode(path).map { $0 & S_IFMT } == S_IFSOCK)
        #expect(mode(socket.directory) == nil)

        socket.remove()
        #expect(mode(path) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == [])
    }

    @Test func removeLeavesAFileThatIsNotASocket() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("lvsadmd-\(UUID())").path
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let path = parent + "/http.sock"
        let socket = try PrivateUnixSocket(path: path)
        try "not a socket".write(toFile: path, atomically: false, encoding: .utf8)
        socket.remove()
        #expect(mode(path) != nil)
        #expect(mode(socket.directory) == nil)
    }

    @Test func aPathInADirectoryThatIsNotThereIsRefusedWithItsReason() {
        #expect(throws: PrivateSocketError.self) { try PrivateUnixSocket(path: "/nonexistent-\(UUID())/http.sock") }
    }
}
