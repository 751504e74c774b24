/// The inputs lvsadm takes from outside, one fuzz target each. A target reads one input
/// the way lvsadm would and checks what must hold whatever the input: no trap, and where
/// two readers exist for the same text (a fast path beside the general one), the same
/// result from both.
///
/// The same code runs under libFuzzer (`Scripts/fuzz`, the `lvsadm-fuzz` executable built
/// with `-sanitize=fuzzer,address`) and in `swift test`, which replays every committed
/// seed and crash reproducer (`Tests/LVSFuzzingTests`).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// One argv, its arguments separated by NUL bytes.
    case commandLine = "command-line"
    /// `-R`/apply input in the save format: `SaveLineFastPath` and `RestoreReader` against
    /// the tokenizer and parser alone.
    case rules
    /// A `--json` document as apply reads it.
    case json
    /// A datagram as if from the kernel, walked and decoded as replies.
    case netlink

    /// Reads one input; throws when two readers disagree or a result does not read back.
    public func run(_ input: [UInt8]) throws(FuzzFinding) {
        switch self {
        case .commandLine: try CommandLineTarget.run(input)
        case .rules: try RulesTarget.run(input)
        case .json: try JSONTarget.run(input)
        case .netlink: NetlinkTarget.run(input)
        }
    }
}

/// A property a target checks that did not hold for an input.
public struct FuzzFinding: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
