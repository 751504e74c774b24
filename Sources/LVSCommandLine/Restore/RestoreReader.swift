/// Input of `-R` (and of apply's save format) cut into lines, each either already a
/// command, when `SaveLineFastPath` takes it, or tokens for the parser.
///
/// Lines may straddle chunks: the start of an unfinished line is kept until its LF comes.
/// A line the fast path cannot take goes to `RestoreTokenizer` whole, so the tokenizer
/// counts every line and keeps all of `-R`'s rules, including the last line without LF.
struct RestoreReader {
    enum Line {
        case fast(SaveLineFastPath.SaveLine, number: Int)
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

    /// Hands each line `chunk` completes to `each`, in order, until `each` returns true
    /// (stop: the rest of the chunk is not read). Returns whether it stopped. Lines go to
    /// a closure, not into an array: copying them was a tenth of apply's parse.
    mutating func feed<E: Error>(_ chunk: [UInt8], _ each: (Line) throws(E) -> Bool) throws(E) -> Bool {
        try chunk.withUnsafeBufferPointer { (bytes) throws(E) -> Bool in
            var start = 0
            while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let stop: Bool
                if streaming {
                    streaming = false
                    stop = try tokens(tokenizer.feed(bytes[start...newline]), each)
                } else if carry.isEmpty {
                    stop = try take(UnsafeBufferPointer(rebasing: bytes[start...newline]), each)
                } else {
                    carry += bytes[start...newline]
                    let line = carry
                    carry.removeAll(keepingCapacity: true)
                    stop = try line.withUnsafeBufferPointer { (line) throws(E) -> Bool in try take(line, each) }
                }
                if stop { return true }
                start = newline + 1
            }
            let rest = bytes[start...]
            if streaming { return try tokens(tokenizer.feed(rest), each) }
            carry += rest
            guard carry.count > Self.longestKeptLine else { return false }
            streaming = true
            defer { carry.removeAll(keepingCapacity: true) }
            return try tokens(tokenizer.feed(carry), each)
        }
    }

    /// `feed`, collecting the lines (for tests and small inputs).
    mutating func feed(_ chunk: [UInt8]) -> [Line] {
        var lines: [Line] = []
        _ = feed(chunk) { (line) -> Bool in
            lines.append(line)
            return false
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
    private mutating func take<E: Error>(_ line: UnsafeBufferPointer<UInt8>, _ each: (Line) throws(E) -> Bool) throws(E)
        -> Bool
    {
        if let read = fastPath?.read(UnsafeBufferPointer(rebasing: line.dropLast())) {
            return try each(.fast(read, number: tokenizer.skipLine()))
        }
        return try tokens(tokenizer.feed(line), each)
    }

    private func tokens<E: Error>(_ lines: [RestoreLine], _ each: (Line) throws(E) -> Bool) throws(E) -> Bool {
        for line in lines where try each(.tokens(line)) { return true }
        return false
    }
}
