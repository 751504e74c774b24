import LVSHealth

/// Everything that makes the director act, in the one stream its loop reads: signals,
/// timers, probe results and control requests are turned into events, so the director sees
/// one at a time and needs no lock.
public enum DaemonEvent: Sendable {
    case probed(ProbeResult)
    /// The settle time after the first of a burst of health changes is over: write them.
    case settled
    /// Time to read the kernel again and repair drift.
    case driftCheck
    /// SIGHUP, or `lvsadmd ctl reload` (which is answered).
    case reload(reply: (@Sendable (ControlReply) -> Void)?)
    case control([String], reply: @Sendable (ControlReply) -> Void)
    /// Time to tell systemd the loop is alive.
    case watchdog
    /// An HTTP request wants the director as it is now (nil: the kernel cannot be read, or
    /// lvsadmd is stopping).
    case observe(reply: @Sendable (DirectorView?) -> Void)
}

/// The answer to one control request: its text, and whether it was done.
public struct ControlReply: Hashable, Sendable {
    public var succeeded: Bool
    public var text: String

    public init(succeeded: Bool, text: String) {
        self.succeeded = succeeded
        self.text = text.hasSuffix("\n") || text.isEmpty ? text : text + "\n"
    }

    public static func done(_ text: String) -> Self { ControlReply(succeeded: true, text: text) }
    public static func refused(_ text: String) -> Self { ControlReply(succeeded: false, text: text) }
}
