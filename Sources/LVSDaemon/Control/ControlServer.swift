import Dispatch
import Glibc

/// The control socket: a Unix stream socket (mode 0600: only root drives lvsadmd) that
/// takes one request per connection, the argument words one per line up to the client's
/// end of writing, and answers `0` or `1` on the first line (done or refused), then text.
///
/// Accepting and reading run on a queue of its own, never on the loop; each request goes
/// to the loop as an event and its reply is written back when the loop answers.
public final class ControlServer: @unchecked Sendable {
    public let path: String
    private let descriptor: Int32
    private let source: DispatchSourceRead
    private static let largestRequest = 65536

    public init(
        path: String, handle: @escaping @Sendable ([String], @escaping @Sendable (ControlReply) -> Void) -> Void
    ) throws(TextError) {
        self.path = path
        // A socket file left by a run that did not end cleanly would make bind fail.
        unlink(path)
        let descriptor = socket(
            AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { throw Self.failure("control socket") }
        let bound = withUnixAddress(path) { bind(descriptor, $0, $1) }
        guard let bound else {
            Glibc.close(descriptor)
            throw TextError("control socket \(path): path too long")
        }
        guard bound == 0, chmod(path, 0o600) == 0, listen(descriptor, 16) == 0 else {
            let error = Self.failure("control socket \(path)")
            Glibc.close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        source = DispatchSource.makeReadSource(
            fileDescriptor: descriptor, queue: DispatchQueue(label: "lvsadmd.control"))
        source.setEventHandler { [descriptor] in
            while true {
                let client = accept(descriptor, nil, nil)
                guard client >= 0 else { return }
                _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                Self.serve(client, handle: handle)
            }
        }
        source.setCancelHandler { [descriptor] in _ = Glibc.close(descriptor) }
        source.resume()
    }

    /// Stops accepting and removes the socket file.
    public func stop() {
        source.cancel()
        unlink(path)
    }

    private static func serve(
        _ client: Int32, handle: @escaping @Sendable ([String], @escaping @Sendable (ControlReply) -> Void) -> Void
    ) {
        // A client that connects and sends nothing must not hold the queue for long.
        setTimeout(client, SO_RCVTIMEO, seconds: 2)
        setTimeout(client, SO_SNDTIMEO, seconds: 2)
        guard let request = readAll(client, limit: largestRequest) else {
            Glibc.close(client)
            return
        }
        let words = String(decoding: request, as: UTF8.self).split(separator: "\n").map(String.init)
        handle(words) { reply in
            writeAll(client, Array(((reply.succeeded ? "0\n" : "1\n") + reply.text).utf8))
            Glibc.close(client)
        }
    }

    static func failure(_ what: String) -> TextError {
        TextError("\(what): \(String(cString: strerror(errno)))")
    }
}

func setTimeout(_ descriptor: Int32, _ option: Int32, seconds: Int) {
    var value = timeval(tv_sec: seconds, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
}

/// Reads to end of file; nil on an error, a timeout, or more than `limit` bytes.
func readAll(_ descriptor: Int32, limit: Int) -> [UInt8]? {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        guard count >= 0 else { return nil }
        if count == 0 { return bytes }
        bytes += buffer[..<count]
        guard bytes.count <= limit else { return nil }
    }
}

@discardableResult
func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    var written = 0
    while written < bytes.count {
        let count = bytes[written...].withUnsafeBytes {
            send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
        }
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { return false }
        written += count
    }
    return true
}
