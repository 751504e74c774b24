import Dispatch
import Glibc
import LVSHealth
import Logging

/// The operator's program run on each transition, once per real server it decides:
/// `PROGRAM SERVICE SERVER OLD NEW REASON` (`PROGRAM '-t 10.0.0.100:80' 10.0.0.11:80 up
/// down 'connect timeout ...'`), without a shell. It is started and never waited for by the
/// loop (a slow or hung program must not delay the next write); a background queue reaps
/// it and logs a failure.
public struct TransitionCommand: Sendable {
    public var program: String
    let logger: Logger

    public init(program: String, logger: Logger) {
        self.program = program
        self.logger = logger
    }

    public func run(_ transition: HealthTransition, users: [TargetUser]) {
        for user in users {
            spawn([
                program, ServiceText.options(user.service), "\(user.server)", "\(transition.from)",
                "\(transition.to)", transition.reason,
            ])
        }
    }

    private func spawn(_ arguments: [String]) {
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, nil, nil, &cArguments, environ)
        guard result == 0 else {
            logger.error("on-transition \(program): \(String(cString: strerror(result)))")
            return
        }
        let logger = self.logger
        let program = self.program
        let child = pid
        DispatchQueue.global().async {
            var status: Int32 = 0
            while waitpid(child, &status, 0) < 0 && errno == EINTR {}
            let exited = status & 0x7f == 0
            if !exited || (status >> 8) & 0xff != 0 {
                logger.warning(
                    "on-transition \(program) ended with status \(exited ? (status >> 8) & 0xff : 128 + status & 0x7f)")
            }
        }
    }
}
