#if canImport(Glibc)
    import Glibc
#endif

/// Where `connect` checks run: the one place that chooses.
public enum ConnectChecks: Sendable, Equatable {
    /// On the `ConnectReactor`'s own thread: a socket and a few system calls per check.
    case reactor
    /// On the prober's NIO event loops, as a channel of its own (`ConnectProbe`), like the
    /// checks that exchange bytes.
    case eventLoop

    /// The reactor, unless the environment sets `LVSADMD_CONNECT_CHECKS=event-loop`: that
    /// exists so that one build can measure the two against each other
    /// (Docs/performance.md).
    public static var fromEnvironment: ConnectChecks {
        guard let value = getenv("LVSADMD_CONNECT_CHECKS") else { return .reactor }
        return String(cString: value) == "event-loop" ? .eventLoop : .reactor
    }
}
