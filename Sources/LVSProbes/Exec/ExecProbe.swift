import LVSHealth
import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// `exec`: runs the check's program; exit status 0 passes. At the timeout its whole
/// process group is killed (SIGKILL) and the run ends when the program has really gone, so
/// the next run of the target (which the scheduler starts only after this one ends) never
/// overlaps it.
enum ExecProbe {
    static func run(_ check: ExecCheck, timeout: Duration, on loop: EventLoop) async -> ProbeOutcome {
        let program: SpawnedProgram
        do {
            program = try SpawnedProgram(program: check.program, arguments: check.arguments)
        } catch {
            return .failed(.other("cannot run \(check.program): \(String(cString: strerror(error.errno)))"))
        }
        // The event loop's timer does the killing: no thread sleeps for the timeout.
        let deadline = loop.scheduleTask(in: TimeAmount(timeout)) { program.killGroup() }
        let status = await exitStatus(of: program)
        deadline.cancel()
        if program.wasKilled { return .failed(.killedAtTimeout(after: timeout)) }
        return outcome(ofWaitStatus: status)
    }

    /// Waits on a thread of its own: a wait blocks, and blocking an event loop thread
    /// would stall every network probe on it. One short-lived thread per running program
    /// is cheap next to the process it waits for, and there is at most one per exec target.
    private static func exitStatus(of program: SpawnedProgram) async -> Int32 {
        await withCheckedContinuation { continuation in
            let wait: @Sendable () -> Void = { continuation.resume(returning: program.waitForExit()) }
            // A waiter needs little stack: 256 KiB of address space, not the default 8 MiB.
            // With no thread to be had, it waits here rather than lose the program's exit.
            if !DetachedThread.start(stackSize: 256 * 1024, wait) { wait() }
        }
    }

    /// Reads a wait status (the W* macros, which Swift does not import).
    static func outcome(ofWaitStatus status: Int32) -> ProbeOutcome {
        let signal = status & 0x7f
        if signal == 0 {
            let code = (status >> 8) & 0xff
            return code == 0 ? .passed("exit status 0") : .failed(.exitStatus(code))
        }
        return .failed(.other("killed by signal \(signal)"))
    }
}
