/// What the program's name (argv[0]) asks for. Debian ships `ipvsadm-save` and
/// `ipvsadm-restore` as shell wrappers; lvsadm is one binary and its name decides:
/// installed as `lvsadm-save` or `ipvsadm-save` it saves, as `...-restore` it restores,
/// and under any other name it is the command line itself.
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
    /// The executable's entry point; `arguments` excludes argv[0]. Returns the exit status.
    ///
    /// First a leading `--netns NAME` is removed and that namespace entered, before any
    /// socket is opened or file read, so that everything after it acts there. Then the
    /// program's name picks the wrapper (`Invocation`) or the command line.
    ///
    /// A namespace that cannot be entered is reported and ends the run with status 2 (as
    /// "Can't initialize ipvs" does: the table cannot be reached) before any table is
    /// touched.
    public func run(_ arguments: [String]) -> Int32 {
        let split: (prefix: NamespacePrefix?, rest: [String])
        do {
            split = try NamespacePrefix.split(arguments)
        } catch {
            output.write(error.message + "\n", to: .standardError)
            return error.exitStatus
        }
        if let prefix = split.prefix {
            do {
                try enterNamespace(prefix.path)
            } catch {
                output.write(
                    "Cannot enter network namespace \"\(prefix.name)\" (\(prefix.path)): \(error.reason)\n",
                    to: .standardError)
                return 2
            }
        }
        switch Invocation(programName: programName) {
        case .commandLine: return runCommandLine(split.rest)
        case .save: return runSaveWrapper(split.rest)
        case .restore: return runRestoreWrapper()
        }
    }
}
