import IPVSKit

/// `lvsadm apply` and `lvsadm diff`: make the live table equal a desired state with the
/// fewest writes, all or nothing.
///
/// apply: read the desired state; take the lock; read the live table (consistently); plan;
/// send the plan in one batch; if any write fails, send the inverse of those that
/// succeeded, so the table ends as it was. With `--drain`, or a drain left unfinished in
/// the journal, real servers to be removed are set to weight 0 first and deleted once
/// idle or at their deadline.
///
/// Exit status: apply 0 done, 1 a write failed and everything was undone, 2 bad input or
/// no kernel, 3 the table is neither as asked nor as it was: undoing failed too, or the
/// removal after a drain failed (the message says what is left); diff (and
/// `apply --dry-run`) 0 nothing to do, 1 changes printed, 2 error.
final class ApplyRunner {
    static let lockVariable = "LVSADM_LOCK_FILE"
    static let defaultLockPath = "/run/lvsadm.lock"
    static let stateVariable = "LVSADM_STATE_DIR"
    static let defaultStateDirectory = "/var/lib/lvsadm"
    /// How often a drain looks at the active connection counts.
    static let pollInterval = 1.0

    struct Failure: Error {
        var message: String
        var status: Int32
    }

    let programName: String
    let parser: CommandLineParser
    let resolver: any NameResolver
    let output: any OutputSink
    let input: any ByteInput
    let kernel: KernelConnection
    let host: any ApplyHost

    init(
        programName: String, resolver: any NameResolver, output: any OutputSink, input: any ByteInput,
        kernel: KernelConnection, host: any ApplyHost
    ) {
        self.programName = programName
        self.parser = CommandLineParser(programName: programName, resolver: resolver)
        self.resolver = resolver
        self.output = output
        self.input = input
        self.kernel = kernel
        self.host = host
    }

    func run(_ mode: ApplyArguments.Mode, _ arguments: [String]) -> Int32 {
        let options: ApplyArguments
        do {
            options = try ApplyArguments.parse(mode, arguments)
        } catch {
            report("\(programName) \(mode.rawValue): \(error.message)\n" + ApplyArguments.usage(mode))
            return 2
        }
        if options.help {
            output.write(ApplyArguments.usage(mode), to: .standardOutput)
            return 0
        }
        do throws(Failure) {
            let desired = try readDesiredState(options.path)
            let client: any IPVSClient
            do {
                client = try kernel.client()
            } catch {
                throw Failure(message: error.message, status: 2)
            }
            if options.dryRun { return try printPlan(desired, drain: options.drainSeconds, client: client) }
            return try apply(desired, drain: options.drainSeconds, client: client)
        } catch {
            report(error.message)
            return error.status
        }
    }

    // MARK: Reading

    private func readDesiredState(_ path: String?) throws(Failure) -> DesiredState {
        var bytes: [UInt8] = []
        if let path {
            do {
                bytes = try host.readFile(path)
            } catch {
                throw Failure(message: error.message, status: 2)
            }
        } else {
            while let chunk = input.read() { bytes += chunk }
        }
        let state: DesiredState
        do {
            state = try DesiredStateReader(parser: parser).read(bytes)
        } catch {
            throw Failure(message: error.text, status: 2)
        }
        // An empty input is far more often a generator that failed than a wish to remove
        // every service; -C says that plainly.
        let table = state.table
        guard !table.services.isEmpty || table.timeouts != nil || table.daemons != nil else {
            throw Failure(message: "the input has no rules (to remove every service, use -C)", status: 2)
        }
        return state
    }

    private func readLive(for desired: DesiredState, client: any IPVSClient) throws(Failure) -> IPVSTable {
        do {
            return try client.consistentTable(
                withTimeouts: desired.table.timeouts != nil, withDaemons: desired.table.daemons != nil)
        } catch {
            throw Failure(message: "reading the IPVS table: " + KernelMessages.describe(error), status: 2)
        }
    }

    // MARK: diff

    /// The plan as apply would send it: with a drain (asked for, or left unfinished in
    /// the journal), the weight-0 step, then the removals that wait for it.
    private func printPlan(_ desired: DesiredState, drain: UInt32?, client: any IPVSClient) throws(Failure) -> Int32 {
        let live = try readLive(for: desired, client: client)
        let plan = TablePlanner.plan(from: live, to: desired.table)
        guard !plan.isEmpty else { return 0 }
        let drainPlan = DrainPlan(
            plan: plan, live: live, journal: loadJournal(), drainSeconds: drain, now: UInt64(host.now()))
        let indexed = IndexedTable(live)
        for request in drainPlan.first {
            if let note = PlanNotes.before(request, live: indexed, resolver: resolver) {
                output.write(note, to: .standardError)
            }
            output.write(ChangeFormat.line(request, resolver: resolver), to: .standardOutput)
        }
        if !drainPlan.draining.isEmpty {
            output.write(PlanNotes.afterDrain, to: .standardError)
            for entry in drainPlan.draining {
                let removal = IPVSRequest.deleteRealServer(entry.server, service: entry.service)
                output.write(ChangeFormat.line(removal, resolver: resolver), to: .standardOutput)
            }
        }
        return 1
    }

    // MARK: apply

    private func apply(_ desired: DesiredState, drain: UInt32?, client: any IPVSClient) throws(Failure) -> Int32 {
        let lock: any HeldLock
        do {
            lock = try host.lock(host.environment(Self.lockVariable) ?? Self.defaultLockPath)
        } catch {
            throw Failure(message: "taking the lock: " + error.message, status: 2)
        }
        defer { lock.release() }

        // Read under the lock: what another apply did before us is part of the live state.
        let live = try readLive(for: desired, client: client)
        let journal = loadJournal()
        let plan = TablePlanner.plan(from: live, to: desired.table)
        let drainPlan = DrainPlan(
            plan: plan, live: live, journal: journal, drainSeconds: drain, now: UInt64(host.now()))
        if plan.isEmpty {
            if !journal.entries.isEmpty { clearJournal() }
            return 0
        }
        if !drainPlan.draining.isEmpty { try saveJournal(drainPlan.journal) }
        do {
            try performAllOrNothing(drainPlan.first, live: live, desired: desired, client: client)
        } catch {
            // Nothing changed: the journal goes back to what it said before.
            if journal.entries.isEmpty { clearJournal() } else { try? saveJournal(journal) }
            throw error
        }
        guard !drainPlan.draining.isEmpty else {
            if !journal.entries.isEmpty { clearJournal() }
            return 0
        }
        waitForDrain(drainPlan.journal, client: client)
        do {
            try deleteDrained(drainPlan.journal, client: client)
        } catch {
            // The changes stand and the servers not removed stay at weight 0, recorded for
            // the next apply: the table is neither as asked nor as it was, which is 3.
            throw Failure(message: error.message, status: 3)
        }
        clearJournal()
        return 0
    }

    private func report(_ message: String) {
        output.write(message.hasSuffix("\n") ? message : message + "\n", to: .standardError)
    }
}
