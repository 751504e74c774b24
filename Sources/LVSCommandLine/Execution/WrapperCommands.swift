/// `ipvsadm-save` and `ipvsadm-restore`: what Debian's shell wrappers do, done by the one
/// binary when its name asks for it (see `Invocation`).
extension Program {
    /// The wrapped command line, named as the wrapper calls it (`ipvsadm-save` runs `ipvsadm`).
    private var wrapped: Program {
        var program = self
        let name = Invocation.baseName(programName)
        program.programName = String(name.prefix(upTo: name.lastIndex(of: "-") ?? name.endIndex))
        return program
    }

    /// `-n` saves numerically; any other argument starting with `-` prints the wrapper's
    /// usage and fails with 1; other arguments are ignored (as ipvsadm-save does).
    func runSaveWrapper(_ arguments: [String]) -> Int32 {
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
        return wrapped.runCommandLine(numeric ? ["-S", "-n"] : ["-S"])
    }

    /// Reads all of standard input, drops the lines that start with `#`, clears the table
    /// and restores the rest; the status is the restore's (as ipvsadm-restore, whose
    /// `echo "$INPUT"` also ends the text with exactly one newline).
    func runRestoreWrapper() -> Int32 {
        var bytes: [UInt8] = []
        while let chunk = input.read() { bytes += chunk }
        let kept = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#") }
        var text = kept.joined(separator: "\n")
        while text.hasSuffix("\n") { text.removeLast() }
        text += "\n"
        var program = wrapped
        _ = program.runCommandLine(["-C"])
        program.input = ChunkedInput(text)
        return program.runCommandLine(["-R"])
    }
}
