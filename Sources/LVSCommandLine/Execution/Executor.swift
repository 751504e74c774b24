import IPVSKit

/// Runs one parsed command against the kernel and writes what ipvsadm would write.
final class Executor {
    let programName: String
    let resolver: any NameResolver
    let output: any OutputSink
    let kernel: KernelConnection

    init(programName: String, resolver: any NameResolver, output: any OutputSink, kernel: KernelConnection) {
        self.programName = programName
        self.resolver = resolver
        self.output = output
        self.kernel = kernel
    }

    /// Runs everything but `-R`, which `RestoreRunner` drives. `line` numbers error
    /// messages inside a restore.
    func execute(_ command: Command, line: Int? = nil) -> Outcome {
        switch command {
        case .help:
            write(HelpText.render(programName: programName))
            return .finished
        case .version:
            write(HelpText.versionLine(programName: programName) + "\n")
            return .finished
        case .restore:
            // Only reached from inside a restore: ipvsadm refuses to nest.
            report(CommandLineError.tryHelp(programName: programName).message, line: line)
            return Outcome(status: 255, endsRun: true)
        case .list(let request) where request.format == .json:
            return withClient(line: line) { listJSON(request, client: $0, line: line) }
        case .list(let request):
            return withClient(line: line) { list(request, client: $0, line: line) }
        case .save(_, .json):
            return withClient(line: line) { saveJSON(client: $0, line: line) }
        case .save(let numeric, .text):
            return withClient(line: line) { save(numeric: numeric, client: $0, line: line) }
        default:
            guard let request = command.request else { return .success }
            return withClient(line: line) { client in
                do {
                    if let error = try client.perform([request]).first ?? nil {
                        report(KernelMessages.describe(error), line: line)
                        return .kernelError
                    }
                    return .success
                } catch {
                    report(KernelMessages.describe(error), line: line)
                    return .kernelError
                }
            }
        }
    }

    /// Connects (or reports ipvsadm's "Can't initialize ipvs") and runs `body`.
    func withClient(line: Int?, _ body: (any IPVSClient) -> Outcome) -> Outcome {
        do {
            return body(try kernel.client())
        } catch {
            report(error.message, line: nil)
            return .connectFailure
        }
    }

    func write(_ text: String) {
        if !text.isEmpty { output.write(text, to: .standardOutput) }
    }

    func write(_ buffer: TextBuffer) {
        if !buffer.isEmpty { output.write(bytes: buffer.bytes, to: .standardOutput) }
    }

    /// An error message on stderr; inside a restore prefixed with `line N: `.
    func report(_ message: String, line: Int?) {
        let prefix = line.map { "line \($0): " } ?? ""
        output.write(prefix + message + "\n", to: .standardError)
    }
}
