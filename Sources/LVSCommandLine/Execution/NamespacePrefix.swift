/// `--netns NAME`: run the rest of the command line against the IPVS table of a named
/// network namespace, as `ip -n NAME` does. Each namespace has its own IPVS table (and its
/// own `/proc/net/ip_vs_conn`), and a process sees the one of the namespace it is in, so
/// entering the namespace before anything else makes every command, `-L -c` and `-R` act
/// there without any of them knowing.
///
/// It is not an ipvsadm option and is not in the grammar table: it is recognised only as
/// the very first argument (`--netns NAME` or `--netns=NAME`), and removed before any other
/// dispatch (argv[0], subcommands, the ipvsadm grammar). Anywhere else it is an unknown
/// option to the grammar, as in ipvsadm; inside `-R` input it is never recognised.
public struct NamespacePrefix: Hashable, Sendable {
    /// The name as given: a name under `/run/netns`, or a path when it contains a `/`.
    public var name: String
    /// The file to open: `/run/netns/NAME` (what `ip netns add NAME` creates), or the name
    /// itself when it contains a `/` (e.g. `/proc/1234/ns/net`).
    public var path: String {
        name.contains("/") ? name : Self.directory + name
    }

    static let directory = "/run/netns/"
    static let option = "--netns"

    public init(name: String) {
        self.name = name
    }

    /// Splits a leading `--netns NAME` / `--netns=NAME` off `arguments`; `nil` and the
    /// arguments unchanged when they do not start with it. A missing or empty name is a
    /// usage error (status 255, like popt's `missing argument`).
    public static func split(_ arguments: [String]) throws(CommandLineError) -> (
        prefix: NamespacePrefix?, rest: [String]
    ) {
        guard let first = arguments.first else { return (nil, arguments) }
        let name: String
        let consumed: Int
        if first == option {
            guard arguments.count >= 2 else { throw CommandLineError(.optionSyntax, "\(option): missing argument") }
            name = arguments[1]
            consumed = 2
        } else if first.hasPrefix(option + "=") {
            name = String(first.dropFirst(option.count + 1))
            consumed = 1
        } else {
            return (nil, arguments)
        }
        guard !name.isEmpty else { throw CommandLineError(.optionSyntax, "\(option): empty namespace name") }
        return (NamespacePrefix(name: name), Array(arguments.dropFirst(consumed)))
    }
}

/// Why a namespace could not be entered: the system's words for the errno of `open` or
/// `setns`, ready for the message.
public struct NamespaceFailure: Error, Hashable, Sendable {
    /// What failed, e.g. `No such file or directory`, `Operation not permitted`, or
    /// `not a network namespace`.
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
