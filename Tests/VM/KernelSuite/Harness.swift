import Glibc
import IPVSKit

/// A failed expectation inside a check; the message says what differed.
struct CheckFailure: Error, CustomStringConvertible {
    var description: String
}

/// One named real-kernel check. Each starts from a clean table (see `Suite.reset`).
struct Check {
    var name: String
    var body: (IPVSClient) throws -> Void
}

/// Registers checks and runs them in order, printing one line per check and the
/// `N passed, N failed` summary that CI reads.
final class Suite {
    private(set) var checks: [Check] = []

    func check(_ name: String, _ body: @escaping (IPVSClient) throws -> Void) {
        checks.append(Check(name: name, body: body))
    }

    func run(client: IPVSClient, only filter: String?) -> Int32 {
        var passed = 0
        var failed = 0
        for check in checks where filter.map({ check.name.contains($0) }) ?? true {
            let started = secondsNow()
            do {
                try reset(client)
                try check.body(client)
                passed += 1
                print("ok   \(check.name) (\(elapsed(since: started)))")
            } catch {
                failed += 1
                print("FAIL \(check.name) (\(elapsed(since: started))): \(error)")
            }
            fflush(nil)
        }
        print("kernel-suite: \(passed) passed, \(failed) failed")
        return failed == 0 && passed > 0 ? 0 : 1
    }

    /// Empties the table, stops daemons and restores the default timeouts in one batch,
    /// then asks the reference tool whether anything is left, so a bug of ours cannot
    /// leave state behind for the next check unnoticed.
    func reset(_ client: IPVSClient) throws {
        _ = try client.perform([
            .flush, .stopDaemon(.master), .stopDaemon(.backup), .setTimeouts(Timeouts(tcp: 900, tcpFin: 120, udp: 300)),
        ])
        let left = shell("ipvsadm -S -n; ipvsadm -L --daemon").output
        guard left.isEmpty else { throw CheckFailure(description: "reset left: \(left)") }
    }
}

private func secondsNow() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

private func elapsed(since start: Double) -> String {
    let tenths = Int((secondsNow() - start) * 10)
    return "\(tenths / 10).\(tenths % 10) s"
}

// MARK: - Expectations

func expectEqual<T: Equatable>(
    _ actual: T, _ expected: T, _ what: @autoclosure () -> String = "value", line: Int = #line
) throws {
    guard actual == expected else {
        throw CheckFailure(description: "\(what()) (line \(line)): got \(actual), expected \(expected)")
    }
}

func expect(_ condition: Bool, _ what: @autoclosure () -> String, line: Int = #line) throws {
    guard condition else { throw CheckFailure(description: "\(what()) (line \(line))") }
}

/// Runs `body`, which must fail with an `IPVSError` of the given reason and errno.
func expectError(
    _ reason: IPVSError.Reason, errno: Int32, line: Int = #line, _ body: () throws -> Void
) throws {
    do {
        try body()
    } catch let error as IPVSError {
        try expectEqual(error.reason, reason, "error reason", line: line)
        try expectEqual(error.errno, errno, "errno", line: line)
        return
    }
    throw CheckFailure(description: "expected \(reason) (errno \(errno)) but it succeeded (line \(line))")
}

/// What the reference ipvsadm's `-S -n` prints, as lines: the oracle for our writes.
func referenceSave() -> [String] {
    shell("ipvsadm -S -n").output.split(separator: "\n").map(String.init)
}

/// Checks the oracle's save output equals `expected` line for line (order-insensitive:
/// ipvsadm sorts with its own quirks, which the CLI suites test).
func expectReferenceSave(_ expected: [String], line: Int = #line) throws {
    let actual = referenceSave()
    guard actual.sorted() == expected.sorted() else {
        throw CheckFailure(description: "ipvsadm -S -n (line \(line)):\n  got      \(actual)\n  expected \(expected)")
    }
}

// MARK: - Processes

/// Runs `/bin/sh -c command`, returning its exit status and standard output
/// (standard error is discarded).
@discardableResult
func shell(_ command: String) -> (status: Int32, output: String) {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return (-1, "") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    var pid: pid_t = 0
    let words: [String] = ["/bin/sh", "-c", command]
    let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
    let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
    for argument in argv { free(argument) }
    posix_spawn_file_actions_destroy(&actions)
    close(fds[1])
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = read(fds[0], &buffer, buffer.count)
        if n <= 0 { break }
        output += buffer[0..<n]
    }
    close(fds[0])
    guard spawned == 0 else { return (-1, "") }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    var text = String(decoding: output, as: UTF8.self)
    if text.hasSuffix("\n") { text.removeLast() }
    return (exitStatus, text)
}
