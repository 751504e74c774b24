import IPVSKit

/// How a switch takes its value, as popt sees it.
public enum ValueKind: Hashable, Sendable {
    /// A flag (`-n`). `--long=value` is refused ("option does not take an argument").
    case none
    /// The value is attached (`-p600`, `--persistent=600`) or the next argument, whatever
    /// it looks like (`-f -5` gives the fwmark "-5").
    case required
    /// Like `.required`, but a next argument starting with `-` is not taken (`-p -t ...`).
    case optional
    /// No value of its own, but the command takes three positional arguments (`--set`).
    case threePositionals
}

/// What a switch does once recognised. Most options are one matrix row each, named by it;
/// the switches that share a row, and the two outside the matrix, have roles of their own.
public enum SwitchRole: Hashable, Sendable {
    case command(CommandKind)
    /// The option of that row, the only switch spelling it.
    case option(TrackedOption)
    /// `-t`, `-u`, `--sctp-service`, `-f`: all the row 'service-address'.
    case service(ServiceSwitch)
    /// `-g`, `-i`, `-m`: all the row 'forwarding-method'.
    case forwarding(ForwardingMethod)
    /// `-6` and `--sort`: outside the matrix, so they may repeat and no command refuses
    /// them.
    case ipv6, sort

    /// The matrix row the switch counts as: it may be given once, and the matrix says
    /// which commands take it. nil for commands, `-6` and `--sort`.
    public var tracked: TrackedOption? {
        switch self {
        case .option(let option): option
        case .service: .serviceAddress
        case .forwarding: .forwardingMethod
        case .command, .ipv6, .sort: nil
        }
    }
}

/// The four ways to name a virtual service.
public enum ServiceSwitch: Hashable, Sendable {
    case tcp, udp, sctp, fwmark
}

/// Where a switch appears in the help text.
public enum HelpSection: Hashable, Sendable, CaseIterable {
    case commands, virtualService, options, daemonOptions
}

/// The help text of one switch: the left column and the description lines.
public struct HelpEntry: Hashable, Sendable {
    public let section: HelpSection
    /// The left column, e.g. `--scheduler    -s scheduler`; padded by the help builder.
    public let syntax: String
    /// One or more lines; the later ones are indented under the first.
    public let description: [String]
}

/// One entry of the option table: its spellings, its value and its meaning.
public struct Switch: Hashable, Sendable {
    public let shortNames: [Character]
    public let longName: String
    public let value: ValueKind
    public let role: SwitchRole
    public let help: HelpEntry?
    /// An lvsadm extension, unknown to ipvsadm: kept out of `-h` (it has no help entry).
    public let isLvsadmOnly: Bool

    init(
        _ shortNames: String, _ longName: String, _ value: ValueKind, _ role: SwitchRole, help: HelpEntry? = nil,
        lvsadmOnly: Bool = false
    ) {
        self.shortNames = Array(shortNames)
        self.longName = longName
        self.value = value
        self.role = role
        self.help = help
        self.isLvsadmOnly = lvsadmOnly
    }

    /// The value kind popt uses when scanning: `--set` reads its values as leftovers.
    var scanValue: ValueKind { value == .threePositionals ? .none : value }
}
