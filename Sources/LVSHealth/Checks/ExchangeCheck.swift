/// Send bytes, then read the reply until `expect` is satisfied, the peer closes, or the
/// timeout. With nothing to send, the first reply is judged (a banner: SMTP, FTP, SSH).
public struct ExchangeCheck: Hashable, Sendable {
    public var send: [UInt8]
    /// nil: any reply (for UDP) or a clean close (for TCP) passes.
    public var expect: TextMatch?

    public init(send: [UInt8], expect: TextMatch?) {
        self.send = send
        self.expect = expect
    }
}

/// A program run as a check, without a shell. Its arguments are final: placeholders in the
/// configuration are filled in when the target is made, so two services that run the same
/// program with the same arguments share one probe.
public struct ExecCheck: Hashable, Sendable {
    public var program: String
    public var arguments: [String]

    public init(program: String, arguments: [String] = []) {
        self.program = program
        self.arguments = arguments
    }
}
