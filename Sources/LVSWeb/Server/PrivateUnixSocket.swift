import Glibc

/// A Unix socket for the HTTP server that is root's alone (mode 0600) from the moment
/// anyone can connect to it. A listening socket takes its mode from the process's umask,
/// and the server binds and listens in one step, so a chmod after it would leave a window
/// in which others may connect. Instead the server binds inside a fresh directory of mode
/// 0700 beside the path (no one else can reach into it), the socket is made 0600 there,
/// then renamed onto the path, which also replaces a socket a previous run left.
struct PrivateUnixSocket: Sendable {
    /// Where clients connect.
    let path: String
    /// The private directory, and the socket's place in it until it is published.
    let directory: String
    var bound: String { directory + "/http.sock" }

    static let mode: mode_t = 0o600

    /// Makes the private directory beside `path`.
    init(path: String) throws(PrivateSocketError) {
        self.path = path
        let parent = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        var template = Array(((parent.isEmpty ? "" : parent) + "/.lvsadmd-http-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw PrivateSocketError("cannot make a private directory beside \(path): \(Self.reason())")
        }
        directory = String(cString: made)
    }

    /// The bound socket made 0600 and moved onto `path`; the directory goes.
    func publish() throws(PrivateSocketError) {
        guard chmod(bound, Self.mode) == 0 else {
            throw PrivateSocketError("chmod \(bound): \(Self.reason())")
        }
        guard rename(bound, path) == 0 else {
            throw PrivateSocketError("cannot move the socket to \(path): \(Self.reason())")
        }
        rmdir(directory)
    }

    /// At stop (or when the server could not start): the socket and the directory go, so
    /// no file is left that nothing answers.
    func remove() {
        var status = stat()
        if lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFSOCK { unlink(path) }
        unlink(bound)
        rmdir(directory)
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}

struct PrivateSocketError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
