import IPVSKit
import LVSCommandLine
import LVSHealth

/// Reads lvsadmd's own format (Docs/lvsadmd-config.md). A line is one of:
/// - an ipvsadm line (`-A ...`, `-a ...`): the services and real servers, exactly as
///   `lvsadm apply` reads them; they go to apply's reader with every other line blanked,
///   so its line numbers, duplicate checks and messages hold unchanged;
/// - `check`, `sorry`, `name`, `listen` or `defaults` (see `Directives.swift`,
///   `NameDirective.swift`);
/// - blank, or a comment from `#` to the end of the line.
/// Every line is read even after an error, so all of a file's errors are reported at once.
struct OwnFormatReader {
    let file: String
    let parser: CommandLineParser

    func read(_ text: String) throws(ConfigProblems) -> LoadedConfiguration {
        var errors: [ConfigDiagnostic] = []
        var directives = OwnDirectives()
        // Byte by byte: a large file's table lines are copied once, as apply reads them,
        // and only the directives become text.
        let bytes = Array(text.utf8)
        var table: [UInt8] = []
        table.reserveCapacity(bytes.count)
        for (index, line) in TextLines.ranges(bytes).enumerated() {
            let number = index + 1
            if index > 0 { table.append(UInt8(ascii: "\n")) }
            var first = line.lowerBound
            while first < line.upperBound && (bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t")) {
                first += 1
            }
            if first < line.upperBound && bytes[first] == UInt8(ascii: "-") {
                table.append(contentsOf: bytes[line.lowerBound..<Self.commentStart(bytes, in: line)])
                continue
            }
            do {
                let words = Substring(String(decoding: bytes[line], as: UTF8.self))
                try directives.add(DirectiveTokenizer.tokens(words), line: number, parser: parser)
            } catch {
                errors.append(ConfigDiagnostic(file: file, line: number, message: error.message))
            }
        }
        var desired: DesiredState?
        do {
            desired = try DesiredStateReader(parser: parser).read(table)
        } catch {
            errors.append(ConfigDiagnostic(file: file, line: error.line ?? 0, message: error.message))
        }
        var configuration = HealthConfiguration()
        if let desired {
            var assembly = OwnFormatAssembly(file: file, desired: desired, directives: directives)
            configuration = assembly.configuration()
            errors += assembly.errors
        }
        guard errors.isEmpty else { throw ConfigProblems(errors.sorted { $0.line < $1.line }) }
        return LoadedConfiguration(
            configuration: configuration, format: .lvsadmd, warnings: [], listen: directives.listenAddresses)
    }

    /// Where an ipvsadm line's comment starts: at a `#` that starts a word (apply's reader
    /// knows only whole comment lines, and an administrator writes `-a ... # rack 3`), else
    /// the line's end.
    static func commentStart(_ bytes: [UInt8], in line: Range<Int>) -> Int {
        var previous = UInt8(ascii: " ")
        for index in line {
            let byte = bytes[index]
            if byte == UInt8(ascii: "#") && (previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t")) {
                return index
            }
            previous = byte
        }
        return line.upperBound
    }
}

/// The directives of a file, as read.
struct OwnDirectives {
    var checks: [CheckDirective] = []
    var sorries: [SorryDirective] = []
    var names: [NameDirective] = []
    /// The `listen` lines' words, in order.
    var listen: [String] = []
    var defaults = DefaultsDirective()
    var defaultsLine: Int?

    /// `listen ADDRESS` (as `--listen` takes it), one a line, or `listen none` alone; every
    /// line is checked against those before it, so the message is on the line at fault.
    private mutating func addListen(_ tokens: ArraySlice<String>) throws(LineError) {
        guard tokens.count == 1, let word = tokens.first else {
            throw LineError("listen takes one address: \(ListenAddress.forms), or none")
        }
        if case .failure(let problem) = ListenAddress.readList(listen + [word]) {
            throw LineError("listen: \(problem.message)")
        }
        listen.append(word)
    }

    /// The addresses the `listen` lines give; nil when there is none.
    var listenAddresses: [ListenAddress]? {
        guard !listen.isEmpty, case .success(let addresses) = ListenAddress.readList(listen) else { return nil }
        return addresses
    }

    mutating func add(_ tokens: [String], line: Int, parser: CommandLineParser) throws(LineError) {
        guard let first = tokens.first else { return }
        let rest = tokens[1...]
        switch first {
        case "check":
            checks.append(try CheckDirective(rest, line: line, parser: parser))
        case "sorry":
            sorries.append(try SorryDirective(rest, line: line, parser: parser))
        case "name":
            names.append(try NameDirective(rest, line: line, parser: parser))
        case "listen":
            try addListen(rest)
        case "defaults":
            if let earlier = defaultsLine { throw LineError("defaults is already given on line \(earlier)") }
            defaults = try DefaultsDirective(rest)
            defaultsLine = line
        default:
            throw LineError(
                "unknown line '\(first)': a line is an ipvsadm -A or -a line, check, sorry, name, listen, defaults or a # comment"
            )
        }
    }
}
