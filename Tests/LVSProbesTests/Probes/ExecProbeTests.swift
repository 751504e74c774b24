import Foundation
import LVSHealth
import Testing

@testable import LVSProbes

@Suite(.onTestExecutor) struct ExecProbeTests {
    let prober = Prober()
    let anywhere = loopback(1)

    func sh(_ script: String, _ arguments: String...) -> CheckKind {
        .exec(ExecCheck(program: "/bin/sh", arguments: ["-c", script, "sh"] + arguments))
    }

    @Test func exitStatusZeroPassesAndOtherStatusesFail() async {
        #expect(
            await prober.run(.exec(ExecCheck(program: "/bin/true")), at: anywhere, timeout: .seconds(5))
                == .passed("exit status 0"))
        let failed = await prober.run(sh("exit 3"), at: anywhere, timeout: .seconds(5))
        #expect(failed == .failed(.exitStatus(3)))
        #expect(failed.description == "exit status 3")
    }

    @Test func argumentsArePassedAsIsWithoutAShell() async {
        let outcome = await prober.run(
            sh(#"test "$1" = "a b;*" && test $# = 1"#, "a b;*"), at: anywhere, timeout: .seconds(5))
        #expect(outcome.isPass, "\(outcome)")
    }

    @Test func aMissingProgramFailsClearly() async {
        let outcome = await prober.run(
            .exec(ExecCheck(program: "/nonexistent/check")), at: anywhere, timeout: .seconds(5))
        #expect(outcome == .failed(.other("cannot run /nonexistent/check: No such file or directory")))
    }

    /// The program and the child it started are both killed at the timeout, and the run
    /// ends then, not when the program would have.
    @Test func aProgramPastItsTimeoutIsKilledWithItsWholeGroup() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let script = #"echo $$ > "$1/main"; sleep 30 & echo $! > "$1/child"; wait"#
        let (outcome, took) = await elapsed {
            await prober.run(sh(script, directory.path), at: anywhere, timeout: .seconds(1))
        }
        #expect(outcome == .failed(.killedAtTimeout(after: .seconds(1))))
        #expect(took >= .milliseconds(900) && took < .seconds(10))
        for name in ["main", "child"] {
            let pid = try #require(Int32(directory.read(name)), "\(name) pid not written")
            #expect(await processIsGone(pid), "\(name) (pid \(pid)) still runs")
        }
    }

    @Test func waitStatusesReadAsTheWMacrosDo() {
        #expect(ExecProbe.outcome(ofWaitStatus: 0) == .passed("exit status 0"))
        #expect(ExecProbe.outcome(ofWaitStatus: 2 << 8) == .failed(.exitStatus(2)))
        #expect(ExecProbe.outcome(ofWaitStatus: 15) == .failed(.other("killed by signal 15")))
    }
}

/// Gone, or a zombie waiting for a reaper that is not ours (killed all the same).
func processIsGone(_ pid: Int32) async -> Bool {
    for _ in 0..<100 {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        // The state follows the command name's closing parenthesis.
        if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return false
}

struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "lvsprobes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    func read(_ name: String) -> String {
        ((try? String(contentsOfFile: path + "/" + name, encoding: .utf8)) ?? "").trimmingCharacters(
            in: .whitespacesAndNewlines)
    }
}
