/// The save and restore commands. Debian ships `ipvsadm-save` and `ipvsadm-restore` as
/// shell wrappers; lvsadm is one binary and its name (argv[0]) decides: installed as
/// `lvsadm-save` or `ipvsadm-save` it saves, as `...-restore` it restores, and under any
/// other name it is the command line itself.
public enum Invocation: Equatable, Sendable {
    case commandLine
    case save
    case restore

    public init(programName: String) {
        let name = Invocation.baseName(programName)
        if name.hasSuffix("-save") {
            self = .save
        } else if name.hasSuffix("-restore") {
            self = .restore
        } else {
            self = .commandLine
        }
    }

    static func baseName(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
    }
}

extension Program {
    /// Runs as the program's name says (see `Invocation`).
    public func runAsInvoked(_ arguments: [String]) -> Int32 {
        switch Invocation(programName: programName) {
        case .commandLine: run(arguments)
        case .save: save(arguments)
        case .restore: restore()
        }
    }

    /// The wrapped command line, named as the wrapper calls it (`ipvsadm-save` runs `ipvsadm`).
    private var wrapped: Program {
        var program = self
        let name = Invocation.baseName(programName)
        program.programName = String(name.prefix(upTo: name.lastIndex(of: "-") ?? name.endIndex))
        return program
    }

    /// `-n` saves numerically; any other argument starting with `-` prints the wrapper's
    /// usage and fails with 1; other arguments are ignored (as ipvsadm-save does).
    private func save(_ arguments: [String]) -> Int32 {
        var numeric = false
        for argument in arguments where argument.hasPrefix("-") {
            guard argument == "-n" else {
                let name = Invocation.baseName(programName)
                output.write(
                    "\(name): Script to save the IPVS table to stdout.\n"
                        + "   With the -n option, prints out the table in numeric format.\n", to: .standardError)
                return 1
            }
            numeric = true
        }
        return wrapped.run(numeric ? ["-S", "-n"] : ["-S"])
    }

    /// Reads all of standard input, drops the lines that start with `#`, clears the table
    /// and restores the rest; the status is the restore's (as ipvsadm-restore, whose
    /// `echo "$INPUT"` also ends the text with exactly one newline).
    private func restore() -> Int32 {
        var bytes: [UInt8] = []
        while let chunk = input.read() { bytes += chunk }
        let kept = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#") }
        var text = kept.joined(separator: "\n")
        while text.hasSuffix("\n") { text.removeLast() }
        text += "\n"
        var program = wrapped
        _ = program.run(["-C"])
        program.input = ChunkedInput(text)
        return program.run(["-R"])
    }
}
