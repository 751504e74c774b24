import LVSCommandLine

/// `-R`/apply input: `RestoreReader` (which hands the lines `SaveLineFastPath` takes
/// straight to the caller) must number and read every line exactly as the tokenizer and
/// the parser alone do, whichever way the input is cut into chunks. Then the desired state
/// of apply is read from the same bytes, which must not trap.
enum RulesTarget {
    static let parser = CommandLineParser(programName: "ipvsadm", resolver: FixedResolver())
    /// Made once, as `-R` makes it once per input; it is only read after.
    nonisolated(unsafe) static let fastPath = SaveLineFastPath(parser: parser)

    /// What a line comes to: the parser's command, or its tokens when the parser refuses it.
    enum Outcome: Equatable {
        case command(Command, line: Int)
        case refused([String], line: Int)
    }

    static func run(_ input: [UInt8]) throws(FuzzFinding) {
        guard fastPath != nil else { throw FuzzFinding("the fast path refused its own templates") }
        // The chunk size comes from the input, so the fuzzer also explores lines that
        // straddle chunks; the first byte of a save file ('-') gives 45.
        let chunk = max(1, Int(input.first ?? 1))
        let reference = tokenizerAndParser(input)
        let read = reader(input, chunk: chunk)
        guard read == reference else {
            let index =
                zip(read, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(read.count, reference.count)
            throw FuzzFinding(
                "chunks of \(chunk): line outcome \(index) differs: reader "
                    + "\(index < read.count ? "\(read[index])" : "none"), tokenizer and parser "
                    + "\(index < reference.count ? "\(reference[index])" : "none")")
        }
        _ = try? DesiredStateReader(parser: parser).read(input)
    }

    private static func outcome(_ line: RestoreLine) -> Outcome {
        if let command = try? parser.parse(line.tokens) { return .command(command, line: line.number) }
        return .refused(line.tokens, line: line.number)
    }

    private static func tokenizerAndParser(_ input: [UInt8]) -> [Outcome] {
        var tokenizer = RestoreTokenizer()
        var lines = tokenizer.feed(input)
        if let last = tokenizer.finish() { lines.append(last) }
        return lines.map(outcome)
    }

    private static func reader(_ input: [UInt8], chunk: Int) -> [Outcome] {
        var reader = RestoreReader(fastPath: fastPath)
        var outcomes: [Outcome] = []
        var start = 0
        repeat {
            let end = min(start + chunk, input.count)
            _ = reader.feed(
                Array(input[start..<end]),
                fast: { read, number in
                    outcomes.append(.command(read.command, line: number))
                    return false
                },
                tokens: { line in
                    outcomes.append(outcome(line))
                    return false
                })
            start = end
        } while start < input.count
        if let last = reader.finish() { outcomes.append(outcome(last)) }
        return outcomes
    }
}
