import Glibc

/// The process's real stdout and stderr. Standard output is buffered (a large listing is
/// written in few system calls) and flushed before anything goes to standard error, so a
/// terminal shows both in the order they were produced.
public final class StandardStreams: OutputSink {
    private var buffered: [UInt8] = []
    private static let flushThreshold = 64 * 1024

    public init() {}

    public func write(_ text: String, to stream: OutputStream) {
        switch stream {
        case .standardOutput:
            buffered.append(contentsOf: text.utf8)
            if buffered.count >= Self.flushThreshold { flush() }
        case .standardError:
            flush()
            Self.writeAll(Array(text.utf8), to: 2)
        }
    }

    public func write(bytes: [UInt8], to stream: OutputStream) {
        switch stream {
        case .standardOutput:
            if buffered.isEmpty && bytes.count >= Self.flushThreshold {
                Self.writeAll(bytes, to: 1)
                return
            }
            buffered.append(contentsOf: bytes)
            if buffered.count >= Self.flushThreshold { flush() }
        case .standardError:
            flush()
            Self.writeAll(bytes, to: 2)
        }
    }

    /// Writes what standard output holds; call before exiting.
    public func flush() {
        guard !buffered.isEmpty else { return }
        Self.writeAll(buffered, to: 1)
        buffered.removeAll(keepingCapacity: true)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let written = Glibc.write(descriptor, base + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

/// The process's standard input, read in chunks as they arrive.
public final class StandardInput: ByteInput {
    public init() {}

    public func read() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            return Array(buffer.prefix(count))
        }
    }
}
