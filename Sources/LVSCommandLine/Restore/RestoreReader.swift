import Glibc

/// Input of `-R` (and of apply's save format) cut into lines, each either already read,
/// when `SaveLineFastPath` takes it, or tokens for the parser.
///
/// Lines may straddle chunks: the start of an unfinished line is kept until its LF comes.
/// A line the fast path cannot take goes to `RestoreTokenizer` whole, so the tokenizer
/// counts every line and keeps all of `-R`'s rules, including the last line without LF.
package struct RestoreReader {
    /// The longest line kept back for the fast path; no line it takes is this long, and
    /// a longer one (garbage without LF) streams through the tokenizer instead of piling up.
    static let longestKeptLine = 4096

    private let fastPath: SaveLineFastPath?
    private var tokenizer = RestoreTokenizer()
    /// The start of a line whose LF has not come yet.
    private var carry: [UInt8] = []
    /// The current line is already being fed to the tokenizer (it outgrew `carry`).
    private var streaming = false

    package init(fastPath: SaveLineFastPath?) {
        self.fastPath = fastPath
    }

    /// Hands each line `chunk` completes to `fast` (with its number) or `tokens`, in
    /// order, until one returns true (stop: the rest of the chunk is not read). Returns
    /// whether it stopped. Lines go to closures, not into an array, and a fast line is
    /// not wrapped in an enum with the others, so no line is copied on its way.
    package mutating func feed<E: Error>(
        _ chunk: [UInt8], fast: (SaveLineFastPath.SaveLine, Int) throws(E) -> Bool,
        tokens: (RestoreLine) throws(E) -> Bool
    ) throws(E) -> Bool {
        try chunk.withUnsafeBufferPointer { (bytes) throws(E) -> Bool in
            var start = 0
            while let newline = Self.newline(in: bytes, from: start) {
                let stop: Bool
                if streaming {
                    streaming = false
                    stop = try Self.each(tokenizer.feed(bytes[start...newline]), tokens)
                } else if carry.isEmpty {
                    stop = try take(UnsafeBufferPointer(rebasing: bytes[start...newline]), fast, tokens)
                } else {
                    carry += bytes[start...newline]
                    let line = carry
                    carry.removeAll(keepingCapacity: true)
                    stop = try line.withUnsafeBufferPointer { (line) throws(E) -> Bool in try take(line, fast, tokens) }
                }
                if stop { return true }
                start = newline + 1
            }
            let rest = bytes[start...]
            if streaming { return try Self.each(tokenizer.feed(rest), tokens) }
            carry += rest
            guard carry.count > Self.longestKeptLine else { return false }
            streaming = true
            defer { carry.removeAll(keepingCapacity: true) }
            return try Self.each(tokenizer.feed(carry), tokens)
        }
    }

    /// The last line at end of input (one without LF), if it counts by `-R`'s rules. It
    /// is always the tokenizer's: the fast path judges only lines that end in LF.
    package mutating func finish() -> RestoreLine? {
        _ = tokenizer.feed(carry)  // completes no line: there is no LF in it
        carry = []
        streaming = false
        return tokenizer.finish()
    }

    /// The index of the next LF at or after `start`. memchr: faster than a byte-by-byte
    /// search through the slice, which every line of a long input would pay.
    private static func newline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
        else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// One whole line, its LF included.
    private mutating func take<E: Error>(
        _ line: UnsafeBufferPointer<UInt8>, _ fast: (SaveLineFastPath.SaveLine, Int) throws(E) -> Bool,
        _ tokens: (RestoreLine) throws(E) -> Bool
    ) throws(E) -> Bool {
        if let read = fastPath?.read(UnsafeBufferPointer(rebasing: line.dropLast())) {
            return try fast(read, tokenizer.skipLine())
        }
        return try Self.each(tokenizer.feed(line), tokens)
    }

    private static func each<E: Error>(_ lines: [RestoreLine], _ body: (RestoreLine) throws(E) -> Bool) throws(E)
        -> Bool
    {
        for line in lines where try body(line) { return true }
        return false
    }
}
