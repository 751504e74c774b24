/// A command line ipvsadm would refuse, with its message and what follows from it.
public struct CommandLineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The three ways ipvsadm refuses a line; they differ in exit status and in whether a
    /// restore (`-R`) goes on with the next line.
    public enum Kind: Hashable, Sendable {
        /// No command first, or `-R` inside a restore: `Try ... -h`, exit 255, restore stops.
        case tryHelp
        /// popt's own error (`-t: missing argument`): exit 255, restore goes on.
        case optionSyntax
        /// A refused value or combination (ipvsadm's `fail()`): exit 2, restore stops.
        case invalid
    }

    public var kind: Kind
    /// The text for stderr, without the final newline.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var exitStatus: Int32 { kind == .invalid ? 2 : 255 }
    /// Whether a restore stops at this line (else it reports and reads the next one).
    public var stopsRestore: Bool { kind != .optionSyntax }
    public var description: String { message }

    static func invalid(_ message: String) -> CommandLineError { CommandLineError(.invalid, message) }

    static func tryHelp(programName p: String) -> CommandLineError {
        CommandLineError(.tryHelp, "Try `\(p) -h' or '\(p) --help' for more information.")
    }
}
