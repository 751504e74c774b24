/// The two output streams.
public enum OutputStream: Hashable, Sendable {
    case standardOutput
    case standardError
}

/// Where the command line writes; injectable so tests capture the exact bytes.
public protocol OutputSink: AnyObject {
    func write(_ text: String, to stream: OutputStream)
    /// UTF-8 text already as bytes (the listings build theirs so); the same as writing it
    /// as a `String`.
    func write(bytes: [UInt8], to stream: OutputStream)
}

extension OutputSink {
    public func write(bytes: [UInt8], to stream: OutputStream) {
        write(String(decoding: bytes, as: UTF8.self), to: stream)
    }
}

/// An `OutputSink` that keeps everything in memory, for tests.
public final class CapturedOutput: OutputSink {
    public private(set) var standardOutput = ""
    public private(set) var standardError = ""
    /// Both streams interleaved in writing order.
    public private(set) var log: [(OutputStream, String)] = []

    public init() {}

    public func write(_ text: String, to stream: OutputStream) {
        switch stream {
        case .standardOutput: standardOutput += text
        case .standardError: standardError += text
        }
        log.append((stream, text))
    }
}

/// Bytes read from standard input by `-R`, a chunk at a time.
public protocol ByteInput: AnyObject {
    /// The next bytes available (waiting for them if need be); nil at end of input.
    func read() -> [UInt8]?
}

/// A `ByteInput` over bytes already in memory, handed out in the given chunks: the
/// restore wrapper's filtered text, and tests' standard input.
public final class ChunkedInput: ByteInput {
    private var chunks: [[UInt8]]

    public init(_ chunks: [[UInt8]]) {
        self.chunks = chunks.reversed()
    }

    public convenience init(_ text: String) {
        self.init([Array(text.utf8)])
    }

    public func read() -> [UInt8]? { chunks.popLast() }
}
