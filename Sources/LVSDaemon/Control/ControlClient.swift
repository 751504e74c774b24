import Glibc

/// `lvsadmd ctl ...`: sends one request to a running lvsadmd and returns its reply.
public enum ControlClient {
    public static func send(_ words: [String], to path: String, timeoutSeconds: Int = 60) throws(TextError)
        -> ControlReply
    {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ControlServer.failure("socket") }
        defer { close(descriptor) }
        let connected = withUnixAddress(path) { connect(descriptor, $0, $1) }
        guard connected == 0 else {
            throw connected == nil
                ? TextError("\(path): path too long")
                : ControlServer.failure("connecting to \(path) (is lvsadmd running?)")
        }
        // A write that lowers many weights waits for the kernel; a minute is plenty.
        setTimeout(descriptor, SO_RCVTIMEO, seconds: timeoutSeconds)
        guard writeAll(descriptor, Array(words.joined(separator: "\n").utf8)), shutdown(descriptor, Int32(SHUT_WR)) == 0
        else { throw ControlServer.failure("sending to \(path)") }
        guard let answer = readAll(descriptor, limit: 64 << 20) else {
            throw ControlServer.failure("reading from \(path)")
        }
        let text = String(decoding: answer, as: UTF8.self)
        guard let newline = text.firstIndex(of: "\n"), ["0", "1"].contains(text[..<newline]) else {
            throw TextError("\(path): lvsadmd gave no answer")
        }
        return ControlReply(succeeded: text[..<newline] == "0", text: String(text[text.index(after: newline)...]))
    }
}
