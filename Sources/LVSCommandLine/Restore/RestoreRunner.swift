import IPVSKit

/// `-R`: runs the command lines of standard input.
///
/// Per line it behaves as ipvsadm does: a popt error or a kernel error is reported and
/// the next line is read; a refused value, a missing command, `-R`, `-h`, `-v` or a failed
/// listing end the run; the exit status is that of the last line processed.
///
/// Unlike ipvsadm it sends consecutive writes in one batch (`IPVSClient.perform`), and
/// numbers its error messages (`line 3: Service already exists`). Batching is invisible
/// otherwise: a batch is sent before any line that reads or prints, before any error
/// message, before waiting for more input, and at the end; its errors are reported in
/// line order.
final class RestoreRunner {
    private let parser: CommandLineParser
    private let executor: Executor
    private let input: any ByteInput
    private var pending: [(line: Int, request: IPVSRequest)] = []
    private var status: Int32 = 0

    init(parser: CommandLineParser, executor: Executor, input: any ByteInput) {
        self.parser = parser
        self.executor = executor
        self.input = input
    }

    func run() -> Int32 {
        // Usual save-format lines skip the tokenizer and parser (as apply's do); they make
        // the same commands.
        var reader = RestoreReader(fastPath: SaveLineFastPath(parser: parser))
        while let chunk = input.read() {
            var end: Int32?
            _ = reader.feed(
                chunk,
                fast: { read, number in
                    end = process(read.command, line: number)
                    return end != nil
                },
                tokens: { line in
                    end = process(line)
                    return end != nil
                })
            if let end { return end }
            // Apply what was read before possibly waiting on a terminal.
            if let end = flush() { return end }
        }
        if let line = reader.finish(), let end = process(line) { return end }
        return flush() ?? status
    }

    /// Handles one line; returns the exit status if the run ends here.
    private func process(_ line: RestoreLine) -> Int32? {
        let command: Command
        do {
            command = try parser.parse(line.tokens)
        } catch {
            if let end = flush() { return end }
            executor.report(error.message, line: line.number)
            if error.stopsRestore { return error.exitStatus }
            status = error.exitStatus
            return nil
        }
        return process(command, line: line.number)
    }

    private func process(_ command: Command, line: Int) -> Int32? {
        if let request = command.request {
            pending.append((line, request))
            return nil
        }
        if let end = flush() { return end }
        let outcome = executor.execute(command, line: line)
        if outcome.endsRun { return outcome.status }
        status = outcome.status
        return nil
    }

    /// Sends the pending writes; reports their errors in line order and takes the last
    /// one's status. Returns an exit status if the run must end (no connection, or the
    /// exchange broke so that it is unknown what was applied).
    private func flush() -> Int32? {
        guard !pending.isEmpty else { return nil }
        let batch = pending
        pending = []
        let client: any IPVSClient
        do {
            client = try executor.kernel.client()
        } catch {
            executor.report(error.message, line: nil)
            return Outcome.connectFailure.status
        }
        let results: [IPVSError?]
        do {
            results = try client.perform(batch.map(\.request))
        } catch {
            executor.report(KernelMessages.describe(error), line: batch.first?.line)
            return Outcome.kernelError.status
        }
        for (index, entry) in batch.enumerated() {
            let error = index < results.count ? results[index] : nil
            if let error { executor.report(KernelMessages.describe(error), line: entry.line) }
            status = error == nil ? 0 : Outcome.kernelError.status
        }
        return nil
    }
}
