import IPVSKit

/// The command line as a whole: `lvsadm`'s (and `ipvsadm`'s) entry point.
///
/// Unlike ipvsadm it parses before it connects, so `-h`, `-v` and usage errors need no
/// kernel; the connection is made by `connect` when a command first needs it.
public struct Program {
    /// argv[0] as typed: shown by `-h` and in "Try ... -h".
    public var programName: String
    public var resolver: any NameResolver
    public var output: any OutputSink
    /// Standard input, read by `-R`.
    public var input: any ByteInput
    /// Opens the kernel client; called at most once per run.
    public var connect: () throws -> any IPVSClient
    /// Tried once if connecting fails, then connecting is retried if it returns true
    /// (ipvsadm runs `/sbin/modprobe -- ip_vs`).
    public var loadModule: () -> Bool
    /// Moves the process into the network namespace at the path (`--netns`, see
    /// `run`); the default refuses, so only the executable can switch namespaces.
    public var enterNamespace: (String) throws(NamespaceFailure) -> Void
    /// Files, lock and clock for `apply`.
    public var host: any ApplyHost

    public init(
        programName: String, resolver: any NameResolver, output: any OutputSink, input: any ByteInput,
        connect: @escaping () throws -> any IPVSClient, loadModule: @escaping () -> Bool = { false },
        enterNamespace: @escaping (String) throws(NamespaceFailure) -> Void = { _ throws(NamespaceFailure) in
            throw NamespaceFailure(reason: "network namespaces are not supported here")
        },
        host: any ApplyHost = SystemApplyHost()
    ) {
        self.programName = programName
        self.resolver = resolver
        self.output = output
        self.input = input
        self.connect = connect
        self.loadModule = loadModule
        self.enterNamespace = enterNamespace
        self.host = host
    }

    /// The command line proper, once the namespace prefix and argv[0] are dealt with (see
    /// `run`): lvsadm's own `apply` and `diff`, else the ipvsadm grammar.
    func runCommandLine(_ arguments: [String]) -> Int32 {
        // Not ipvsadm grammar (ipvsadm refuses a first argument without a dash).
        if let first = arguments.first, let mode = ApplyArguments.Mode(rawValue: first) {
            let apply = ApplyRunner(
                programName: programName, resolver: resolver, output: output, input: input,
                kernel: KernelConnection(connect: connect, loadModule: loadModule), host: host)
            return apply.run(mode, Array(arguments.dropFirst()))
        }
        let parser = CommandLineParser(programName: programName, resolver: resolver)
        let executor = Executor(
            programName: programName, resolver: resolver, output: output,
            kernel: KernelConnection(connect: connect, loadModule: loadModule))
        let command: Command
        do {
            command = try parser.parse(arguments)
        } catch {
            executor.report(error.message, line: nil)
            return error.exitStatus
        }
        if command == .restore {
            return RestoreRunner(parser: parser, executor: executor, input: input).run()
        }
        return executor.execute(command).status
    }
}
