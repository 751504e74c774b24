/// Input of `-R` (and of apply's save format) cut into lines, each either already a
/// command, when `SaveLineFastPath` takes it, or tokens for the parser.
///
/// Lines may straddle chunks: the start of an unfinished line is kept until its LF comes.
/// A line the fast path cannot take goes to `RestoreTokenizer` whole, so the tokenizer
/// counts every line and keeps all of `-R`'s rules, including the last line without LF.
struct RestoreReader {
    enum Line {
        case command(Command, number: Int)
        case tokens(RestoreLine)
    }

    /// The longest line kept back for the fast path; no line it takes is this long, and
    /// a longer one (garbage without LF) streams through the tokenizer instead of piling up.
    static let longestKeptLine = 4096

    private let fastPath: SaveLineFastPath?
    private var tokenizer = RestoreTokenizer()
    /// The start of a line whose LF has not come yet.
    private var carry: [UInt8] = []
    /// The current line is already being fed to the tokenizer (it outgrew `carry`).
    private var streaming = false

    init(fastPath: SaveLineFastPath?) {
        self.fastPath = fastPath
    }

    /// The lines completed by `chunk`, in order.
    mutating func feed(_ chunk: [UInt8]) -> [Line] {
        var lines: [Line] = []
        chunk.withUnsafeBufferPointer { bytes in
            var start = 0
            while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
                if streaming {
                    lines += tokenizer.feed(bytes[start...newline]).map(Line.tokens)
                    streaming = false
                } else if carry.isEmpty {
                    take(UnsafeBufferPointer(rebasing: bytes[start...newline]), into: &lines)
                } else {
                    carry += bytes[start...newline]
                    carry.withUnsafeBufferPointer { take($0, into: &lines) }
                    carry.removeAll(keepingCapacity: true)
                }
                start = newline + 1
            }
            let rest = bytes[start...]
            if streaming {
                lines += tokenizer.feed(rest).map(Line.tokens)
            } else {
                carry += rest
                if carry.count > Self.longestKeptLine {
                    lines += tokenizer.feed(carry).map(Line.tokens)
                    carry.removeAll(keepingCapacity: true)
                    streaming = true
                }
            }
        }
        return lines
    }

    /// The last line at end of input (one without LF), if it counts by `-R`'s rules.
    mutating func finish() -> Line? {
        _ = tokenizer.feed(carry)  // completes no line: there is no LF in it
        carry = []
        streaming = false
        return tokenizer.finish().map(Line.tokens)
    }

    /// One whole line, its LF included.
    private mutating func take(_ line: UnsafeBufferPointer<UInt8>, into lines: inout [Line]) {
        if let command = fastPath?.command(UnsafeBufferPointer(rebasing: line.dropLast())) {
            lines.append(.command(command, number: tokenizer.skipLine()))
        } else {
            lines += tokenizer.feed(line).map(Line.tokens)
        }
    }
}
