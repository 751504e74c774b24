import Glibc

/// systemd's readiness protocol (sd_notify(3)) without libsystemd: one datagram of
/// `NAME=value` lines to the socket in NOTIFY_SOCKET. Outside systemd (no variable) every
/// call does nothing.
public struct SystemdNotifier: Sendable {
    public let socketPath: String?
    /// Half of WATCHDOG_USEC, as sd_watchdog_enabled(3) advises: how often to send
    /// WATCHDOG=1; nil when systemd watches no watchdog for this process.
    public let watchdogInterval: Duration?

    public init(environment: (String) -> String? = { getenv($0).map { String(cString: $0) } }) {
        socketPath = environment("NOTIFY_SOCKET").flatMap { $0.isEmpty ? nil : $0 }
        let forThisProcess = environment("WATCHDOG_PID").map { Int32($0) == getpid() } ?? true
        if forThisProcess, let text = environment("WATCHDOG_USEC"), let micro = Int64(text), micro > 0 {
            watchdogInterval = .microseconds(micro / 2)
        } else {
            watchdogInterval = nil
        }
    }

    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
    /// With the monotonic time, which `Type=notify-reload` requires and plain `notify` ignores.
    public func reloading() { send("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())") }
    public func stopping() { send("STOPPING=1") }
    public func watchdog() { send("WATCHDOG=1") }

    public func send(_ message: String) {
        guard let socketPath else { return }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array(message.utf8)
        _ = withUnixAddress(socketPath) { address, length in
            bytes.withUnsafeBytes { sendto(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), address, length) }
        }
    }

    static func monotonicMicroseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
    }
}
