/// One command line read by `-R`.
package struct RestoreLine: Equatable {
    /// 1-based line number in the input, for messages.
    package var number: Int
    /// The arguments, without the program name.
    package var tokens: [String]
}

/// Splits `-R` input into command lines exactly as ipvsadm reads it:
///
/// - tokens are separated by space, tab and CR; a line ends at LF; no quotes, no escapes,
///   no comments (`#` is a token like any other);
/// - every token `ipvsadm` is dropped, wherever it is;
/// - lines left without tokens are skipped;
/// - a last line without LF counts unless it ends in two or more blanks (one trailing
///   space, tab or CR is fine: that is what the reference binary does);
/// - a token longer than 4096 bytes is cut into 4096-byte tokens.
///
/// Input comes in chunks of any size; lines may straddle them.
package struct RestoreTokenizer {
    static let maximumTokenLength = 4096

    private var lineNumber = 1
    private var tokens: [String] = []
    private var word: [UInt8] = []
    /// Separators since the last token byte on the current line.
    private var trailingSeparators = 0

    package init() {}

    /// Counts a line read by someone else (the save-format fast path) and returns its
    /// number; only between lines, when nothing of the current one has been fed.
    mutating func skipLine() -> Int {
        defer { lineNumber += 1 }
        return lineNumber
    }

    /// The lines completed by `bytes`.
    package mutating func feed(_ bytes: some Sequence<UInt8>) -> [RestoreLine] {
        var lines: [RestoreLine] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                endWord()
                trailingSeparators += 1
            case UInt8(ascii: "\n"):
                endWord()
                trailingSeparators = 0
                if !tokens.isEmpty {
                    lines.append(RestoreLine(number: lineNumber, tokens: tokens))
                    tokens.removeAll(keepingCapacity: true)
                }
                lineNumber += 1
            default:
                trailingSeparators = 0
                word.append(byte)
                if word.count == Self.maximumTokenLength { endWord() }
            }
        }
        return lines
    }

    /// The last line at end of input, if it counts: when the input ends inside a token or
    /// one separator after it (a last line ending in two or more blanks is dropped, as
    /// ipvsadm does).
    package mutating func finish() -> RestoreLine? {
        guard trailingSeparators <= 1 else {
            tokens = []
            word = []
            return nil
        }
        endWord()
        defer { tokens = [] }
        return tokens.isEmpty ? nil : RestoreLine(number: lineNumber, tokens: tokens)
    }

    private mutating func endWord() {
        guard !word.isEmpty else { return }
        let token = String(decoding: word, as: UTF8.self)
        word.removeAll(keepingCapacity: true)
        if token != "ipvsadm" { tokens.append(token) }
    }
}
