import Foundation
import IPVSKit
import LVSDaemon
import LVSHealth
import Testing

@Suite struct TransitionCommandTests {
    @Test func theProgramGetsServiceServerStatesAndReasonAsArguments() async throws {
        let directory = try TemporaryDirectory()
        let script = directory.path + "/on-transition"
        let output = directory.path + "/arguments"
        try "#!/bin/sh\nprintf '%s|' \"$@\" >\(output).tmp && mv \(output).tmp \(output)\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let log = LogCapture()
        let command = TransitionCommand(program: script, logger: log.logger)
        let checked = ProbeTarget(
            kind: .connect, address: v4(10, 0, 0, 11), port: 80, timing: CheckTiming(), initial: .asFound)
        command.run(
            HealthTransition(
                target: checked, from: .up, to: .down, at: .origin, reason: "connection refused (3 failures in a row)"),
            users: [TargetUser(service: web, server: server(11))])
        await eventually { FileManager.default.fileExists(atPath: output) }
        #expect(
            try String(contentsOfFile: output, encoding: .utf8)
                == "-t 10.0.0.100:80|10.0.0.11:80|up|down|connection refused (3 failures in a row)|")
    }

    @Test func aProgramThatCannotStartIsLogged() {
        let log = LogCapture()
        TransitionCommand(program: "/nonexistent/program", logger: log.logger).run(
            HealthTransition(
                target: ProbeTarget(
                    kind: .connect, address: v4(10, 0, 0, 11), port: 80, timing: CheckTiming(), initial: .up),
                from: .up, to: .down, at: .origin, reason: "x"),
            users: [TargetUser(service: web, server: server(11))])
        #expect(log.lines == ["error: on-transition /nonexistent/program: No such file or directory"])
    }
}
