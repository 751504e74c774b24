/// One step of scanning the arguments.
enum ScanEvent: Equatable {
    /// A recognised switch with its value, if it takes one and got one.
    case option(Switch, value: String?)
    /// What popt reports as "<token>: <problem>".
    case error(PoptProblem)
}

/// The errors popt can report for ipvsadm's table, with popt's words.
enum PoptProblem: String, Equatable {
    case missingArgument = "missing argument"
    case unknownOption = "unknown option"
    case unwantedArgument = "option does not take an argument"
}

/// Splits arguments the way popt (1.19, as ipvsadm calls it: no aliases, no flags) does:
///
/// - `--name` and `--name=value` (exact names, no abbreviations; a flag given `=value`
///   is an error);
/// - `-abc` is a cluster of short switches; a switch taking a value takes the rest of the
///   cluster (an `=` right after the letter is skipped: `-p=5`), or else the next argument;
///   an `=` right after a switch without a value is an error (`-n=`);
/// - an optional value (`-p`) is not taken from a next argument starting with `-`;
/// - anything else, a lone `-`, and everything after `--` are positional ("leftovers"),
///   collected wherever they appear.
struct PoptScanner {
    private let arguments: [String]
    private var next = 0
    /// The rest of a short-switch cluster still to be read.
    private var cluster: Substring?
    /// The positional arguments met so far, in order.
    private(set) var leftovers: [String] = []
    private var restAreLeftovers = false

    init(_ arguments: [String]) {
        self.arguments = arguments
    }

    /// The argument popt names in its messages (`poptBadOption`): the last one consumed,
    /// which is the value's when a value was taken from the next argument.
    var lastConsumed: String { next > 0 && next <= arguments.count ? arguments[next - 1] : "" }

    /// The next switch or error; nil when the arguments are exhausted.
    mutating func nextEvent() -> ScanEvent? {
        while true {
            if let rest = cluster {
                cluster = nil
                return shortSwitch(rest)
            }
            guard next < arguments.count else { return nil }
            let token = arguments[next]
            next += 1
            if restAreLeftovers || !token.hasPrefix("-") || token == "-" {
                leftovers.append(token)
                continue
            }
            if token == "--" {
                restAreLeftovers = true
                continue
            }
            if token.hasPrefix("--") {
                return longSwitch(token.dropFirst(2))
            }
            // A single dash never names a long option in ipvsadm's table: a cluster.
            cluster = token.dropFirst()
        }
    }

    private mutating func longSwitch(_ text: Substring) -> ScanEvent {
        let name: Substring
        var attached: String?
        if let equals = text.firstIndex(of: "=") {
            name = text[..<equals]
            attached = String(text[text.index(after: equals)...])
        } else {
            name = text
        }
        guard let spec = Grammar.switchFor(long: name) else { return .error(.unknownOption) }
        if spec.scanValue == .none {
            return attached == nil ? .option(spec, value: nil) : .error(.unwantedArgument)
        }
        if let attached { return .option(spec, value: attached) }
        return valueFromNextArgument(for: spec)
    }

    private mutating func shortSwitch(_ text: Substring) -> ScanEvent {
        guard let letter = text.first, let spec = Grammar.switchFor(short: letter) else {
            return .error(.unknownOption)
        }
        var rest = text.dropFirst()
        if spec.scanValue == .none {
            // An `=` right after a flag is a value it cannot take (`-n=`, `-n=x`, `-cn=`),
            // whatever follows it.
            if rest.first == "=" { return .error(.unwantedArgument) }
            cluster = rest.isEmpty ? nil : rest
            return .option(spec, value: nil)
        }
        if rest.first == "=" { rest = rest.dropFirst() }
        if !text.dropFirst().isEmpty { return .option(spec, value: String(rest)) }
        return valueFromNextArgument(for: spec)
    }

    private mutating func valueFromNextArgument(for spec: Switch) -> ScanEvent {
        guard next < arguments.count else {
            return spec.scanValue == .optional ? .option(spec, value: nil) : .error(.missingArgument)
        }
        let candidate = arguments[next]
        if spec.scanValue == .optional && candidate.hasPrefix("-") { return .option(spec, value: nil) }
        next += 1
        return .option(spec, value: candidate)
    }
}
