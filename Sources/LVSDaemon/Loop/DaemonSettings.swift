import LVSConfig

/// How one lvsadmd runs: where its files are and how often it looks at the kernel.
public struct DaemonSettings: Sendable {
    /// Reads the configuration file afresh (start, SIGHUP, `ctl reload`).
    public var readConfiguration: @Sendable () throws -> LoadedConfiguration
    public var stateFile: StateFile?
    /// The control socket's path; nil for none.
    public var socketPath: String?
    /// How often the kernel's table is read again to repair drift.
    public var driftInterval: Duration
    /// How long after the first health change of a burst the table is written: the other
    /// changes of the burst go into the same plan.
    public var settle: Duration
    /// A program run (not waited for) on each transition; nil for none.
    public var transitionProgram: String?

    public init(
        readConfiguration: @escaping @Sendable () throws -> LoadedConfiguration, stateFile: StateFile?,
        socketPath: String?, driftInterval: Duration = .seconds(10), settle: Duration = .milliseconds(200),
        transitionProgram: String? = nil
    ) {
        self.readConfiguration = readConfiguration
        self.stateFile = stateFile
        self.socketPath = socketPath
        self.driftInterval = driftInterval
        self.settle = settle
        self.transitionProgram = transitionProgram
    }

    public static let defaultSocketPath = "/run/lvsadmd.sock"
}
