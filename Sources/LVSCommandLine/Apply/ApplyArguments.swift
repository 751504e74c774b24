/// The arguments of `lvsadm apply` and `lvsadm diff`, which are not ipvsadm grammar:
///
///     lvsadm apply [--dry-run] [--drain SECONDS] [FILE|-]
///     lvsadm diff [FILE|-]
///
/// Hand-parsed: three options do not justify a second argument parser in the binary,
/// and `diff`'s exit statuses (2 for a usage error) are not swift-argument-parser's (64).
struct ApplyArguments: Equatable {
    enum Mode: String, Equatable, CaseIterable {
        case apply, diff
    }

    /// Each mode's options besides `-h`/`--help`: `parse` refuses any other, and shell
    /// completion offers these.
    static func options(for mode: Mode) -> [String] {
        switch mode {
        case .apply: ["--dry-run", "--drain"]
        case .diff: []
        }
    }

    var mode: Mode
    /// `--dry-run`, or `diff`: print the plan, change nothing.
    var dryRun = false
    /// `--drain SECONDS`: removed real servers go to weight 0 first.
    var drainSeconds: UInt32?
    /// nil (or `-`): standard input.
    var path: String?
    /// `-h`, `--help`.
    var help = false

    static func usage(_ mode: Mode) -> String {
        switch mode {
        case .apply:
            "Usage: lvsadm apply [--dry-run] [--drain SECONDS] [FILE|-]\n"
                + "Makes the IPVS table equal the rules in FILE (the -S format; standard input\n"
                + "without FILE or with -), with the fewest changes; undoes them all if one fails.\n"
                + "  --dry-run        print the changes as ipvsadm lines, change nothing (as diff)\n"
                + "  --drain SECONDS  set a real server to be removed to weight 0 first, and delete\n"
                + "                   it when it has no active connection or after SECONDS\n"
        case .diff:
            "Usage: lvsadm diff [FILE|-]\n"
                + "Prints the ipvsadm lines that would make the IPVS table equal the rules in FILE;\n"
                + "exits 0 when there is nothing to do, 1 when there is, 2 on error.\n"
        }
    }

    struct UsageError: Error, Equatable {
        var message: String
    }

    static func parse(_ mode: Mode, _ arguments: [String]) throws(UsageError) -> ApplyArguments {
        var result = ApplyArguments(mode: mode, dryRun: mode == .diff)
        var positionals: [String] = []
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                positionals.append(argument)
                continue
            }
            let (name, inlineValue) = split(argument)
            guard ["--", "-h", "--help"].contains(name) || options(for: mode).contains(name) else {
                throw UsageError(message: "unknown option `\(argument)'")
            }
            switch name {
            case "--": optionsEnded = true
            case "-h", "--help": result.help = true
            case "--dry-run" where inlineValue == nil: result.dryRun = true
            case "--drain":
                let text: String
                if let inlineValue {
                    text = inlineValue
                } else if index < arguments.count {
                    text = arguments[index]
                    index += 1
                } else {
                    throw UsageError(message: "--drain needs a number of seconds")
                }
                guard let seconds = UInt32(text) else {
                    throw UsageError(message: "--drain: `\(text)' is not a number of seconds")
                }
                result.drainSeconds = seconds
            default: throw UsageError(message: "unknown option `\(argument)'")
            }
        }
        guard positionals.count <= 1 else { throw UsageError(message: "more than one input file") }
        if let path = positionals.first, path != "-" { result.path = path }
        return result
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}
