import Testing

@testable import LVSCommandLine

/// `RestoreReader` must number and read lines exactly as the tokenizer and parser alone
/// do, however the input is cut into chunks.
@Suite struct RestoreReaderTests {
    let parser = CommandLineParser(programName: "ipvsadm", resolver: TableResolver())

    /// What a line comes to: the parser's command, or its tokens when the parser refuses it.
    enum Outcome: Equatable {
        case command(Command, Int)
        case refused([String], Int)
    }

    private func reference(_ input: [UInt8]) -> [Outcome] {
        var tokenizer = RestoreTokenizer()
        var lines = tokenizer.feed(input)
        if let last = tokenizer.finish() { lines.append(last) }
        return lines.map(outcome)
    }

    private func outcome(_ line: RestoreLine) -> Outcome {
        if let command = try? parser.parse(line.tokens) { return .command(command, line.number) }
        return .refused(line.tokens, line.number)
    }

    /// The reader's lines, fast ones read as the parser would have them.
    private func read(_ input: [UInt8], cuts: [Int]) -> (outcomes: [Outcome], fast: Int) {
        var reader = RestoreReader(fastPath: SaveLineFastPath(parser: parser))
        var outcomes: [Outcome] = []
        var fast = 0
        var start = 0
        for cut in cuts.sorted() + [input.count] where cut >= start {
            _ = reader.feed(
                Array(input[start..<cut]),
                fast: { read, number in
                    fast += 1
                    outcomes.append(.command(read.command, number))
                    return false
                },
                tokens: { line in
                    outcomes.append(outcome(line))
                    return false
                })
            start = cut
        }
        if let last = reader.finish() { outcomes.append(outcome(last)) }
        return (outcomes, fast)
    }

    static let pieces = [
        "-A -t 10.0.0.1:80 -s wlc\n", "-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w 1\n",
        "-A -u 10.0.0.2:53 -s rr -p 60\n",
        "-a -u 10.0.0.2:53 -r 172.16.0.9:53 -g -w 0\n", "\n", "  \n", "-A  -t 10.0.0.3:80 -s wlc\n",
        "ipvsadm -A -t 10.0.0.4:80\n", "-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w 01\n", "# comment\n", "-C\n",
        "-A -t 10.0.0.5:80 -s wlc\r\n", "-A -t 10.0.0.6:80 -s wlc", "-A -t 10.0.0.6:80 -s wlc ",
        "-A -t 10.0.0.6:80 -s wlc  ",
        "\t-E -t 10.0.0.1:80 -s sh\n", String(repeating: "x", count: 5000),
        String(repeating: "-A ", count: 2000) + "\n",
    ]

    @Test func agreesWithTheTokenizerAndParserForAnyCuts() {
        var random = ParserFuzzTests.SeededGenerator(state: 0x00C0_FFEE)
        var fastLines = 0
        for _ in 0..<400 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in
                Self.pieces.randomElement(using: &random) ?? ""
            }
            .joined()
            let input = Array(text.utf8)
            let cuts = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                Int.random(in: 0...input.count, using: &random)
            }
            let (outcomes, fast) = read(input, cuts: cuts)
            fastLines += fast
            #expect(outcomes == reference(input), "\(text.debugDescription) cut at \(cuts.sorted())")
        }
        #expect(fastLines > 200)  // the fast path was exercised
    }

    /// A line longer than any the fast path takes is streamed, not kept whole.
    @Test func aLongLineWithoutLFIsNotKept() {
        var reader = RestoreReader(fastPath: SaveLineFastPath(parser: parser))
        var tokenLines: [RestoreLine] = []
        var fastNumbers: [Int] = []
        func feed(_ text: [UInt8]) {
            _ = reader.feed(
                text,
                fast: { _, number in
                    fastNumbers.append(number)
                    return false
                },
                tokens: { line in
                    tokenLines.append(line)
                    return false
                })
        }
        for _ in 0..<100 {
            feed(Array(repeating: UInt8(ascii: "y"), count: 1000))
            #expect(tokenLines.isEmpty && fastNumbers.isEmpty)
        }
        feed(Array(" -A -t 10.0.0.1:80 -s wlc\n-A -t 10.0.0.2:80 -s wlc\n".utf8))
        // A token line, then a fast one.
        #expect(tokenLines.count == 1 && fastNumbers == [2])
        #expect(tokenLines.first?.number == 1 && tokenLines.first?.tokens.count == 25 + 5)
    }
}
