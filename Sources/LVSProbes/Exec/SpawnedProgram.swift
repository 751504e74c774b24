import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A check program started with posix_spawn in a process group of its own, so that at the
/// timeout the whole group (the program and whatever it started: a shell's children, a
/// curl in a script) is killed at once, not only the program.
///
/// The group's id is the program's pid, which the kernel may give to a new process once
/// the program has been reaped. So the program is first waited for without being reaped
/// (`WNOWAIT`), marked as exited under the same lock that `killGroup` takes, and only then
/// reaped: `killGroup` can never signal a group that is no longer ours.
final class SpawnedProgram: Sendable {
    let pid: pid_t
    private let state = NIOLockedValueBox(State())

    private struct State {
        var exited = false
        var killed = false
    }

    struct SpawnFailed: Error {
        var errno: Int32
    }

    /// Starts `program` with `arguments`, stdin, stdout and stderr on /dev/null (a check
    /// speaks through its exit status; its chatter must not reach the daemon's log), signal
    /// dispositions reset (the daemon ignores SIGPIPE, and an ignored signal would stay
    /// ignored in the program), and the environment inherited.
    init(program: String, arguments: [String]) throws(SpawnFailed) {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        var noSignal = sigset_t()
        sigemptyset(&noSignal)
        posix_spawnattr_setsigmask(&attributes, &noSignal)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, program, &actions, &attributes, argv, environ)
        guard status == 0 else { throw SpawnFailed(errno: status) }
        self.pid = pid
    }

    /// SIGKILL to the whole group, unless the program has already exited.
    func killGroup() {
        state.withLockedValue { state in
            guard !state.exited else { return }
            state.killed = true
            kill(-pid, SIGKILL)
        }
    }

    /// Whether `killGroup` killed it: read after `waitForExit`, so a program that exited
    /// just before the kill was due reads as exiting by itself.
    var wasKilled: Bool { state.withLockedValue { $0.killed } }

    /// Blocks until the program exits, then reaps it: for a thread of its own, never an
    /// event loop. Returns the raw wait status.
    func waitForExit() -> Int32 {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        state.withLockedValue { $0.exited = true }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }
}
