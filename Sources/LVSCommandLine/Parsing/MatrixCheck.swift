import IPVSKit

/// The command-by-option matrix check (ipvsadm's `generic_opt_check`), and the same
/// scheme applied to tunnel options by tunnel type.
enum MatrixCheck {
    /// Walks the rows in table order; the first missing `+`, present `x`, or second
    /// present `1` decides the message.
    static func check(_ state: ParseState) throws(CommandLineError) {
        let command = state.command
        try walk(
            TrackedOption.allCases, given: state.given, rule: { $0.rule(for: command) },
            owner: "'\(command.messageName)' command")
    }

    /// Which tunnel options each tunnel type takes (ipip none; gue needs a port and at
    /// most one checksum option; gre refuses a port and remote checksum).
    static func tunnelRule(_ option: TrackedOption, type: TunnelType) -> OptionRule {
        switch (type, option) {
        case (.gue, .tunnelPort): .required
        case (.gue, .tunnelNoChecksum), (.gue, .tunnelChecksum), (.gue, .tunnelRemoteChecksum): .oneOf
        case (.gre, .tunnelNoChecksum), (.gre, .tunnelChecksum): .oneOf
        default: .illegal
        }
    }

    static let tunnelOptions: [TrackedOption] = [
        .tunnelPort, .tunnelNoChecksum, .tunnelChecksum, .tunnelRemoteChecksum,
    ]

    static func checkTunnel(_ state: ParseState) throws(CommandLineError) {
        let type = state.tunnelType
        try walk(
            tunnelOptions, given: state.given, rule: { tunnelRule($0, type: type) }, owner: "'\(type)' tunnel type")
    }

    private static func walk(
        _ options: [TrackedOption], given: SmallEnumSet<TrackedOption>, rule: (TrackedOption) -> OptionRule,
        owner: @autoclosure () -> String
    ) throws(CommandLineError) {
        // `owner` is only for messages: built when one is thrown, not for every line of -R.
        var firstOfOne: TrackedOption?
        for option in options {
            let isGiven = given.contains(option)
            switch rule(option) {
            case .required where !isGiven:
                throw .invalid("You need to supply the '\(option.messageName)' option for the \(owner())")
            case .illegal where isGiven:
                throw .invalid("Illegal '\(option.messageName)' option with the \(owner())")
            case .oneOf where isGiven:
                if let earlier = firstOfOne {
                    throw .invalid(
                        "The option '\(option.messageName)' conflicts with the '\(earlier.messageName)' option in the \(owner())"
                    )
                }
                firstOfOne = option
            default: break
            }
        }
    }
}
