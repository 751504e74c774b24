import LVSHealth
import NIOCore
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

extension ProbeFailure {
    /// What a run that reaches its deadline during `stage` logs.
    static func timedOut(during stage: ProbeRun.Stage, after timeout: Duration) -> ProbeFailure {
        switch stage {
        case .connecting: .connectTimeout(after: timeout)
        case .tlsHandshake: .tlsFailed("no handshake within \(timeout.secondsText)")
        case .awaitingReply: .replyTimeout(after: timeout)
        }
    }

    /// The words for an error NIO (or NIOSSL) reports during `stage`: the errno cases an
    /// operator acts on get their own case, anything else its own description.
    init(_ error: any Error, during stage: ProbeRun.Stage, timeout: Duration) {
        if let error = error as? ChannelError, case .connectTimeout = error {
            self = .connectTimeout(after: timeout)
        } else if let error = error as? IOError {
            self = ProbeFailure(errno: error.errnoCode)
        } else if let error = error as? TLSSetupFailed {
            self = .tlsFailed("cannot set up: \(error.reason)")
        } else if let error = error as? NIOSSLError {
            self = .tlsFailed(Self.words(for: error))
        } else if let error = error as? NIOSSLExtraError {
            self = .tlsFailed("\(error)")
        } else if stage == .tlsHandshake {
            self = .tlsFailed("\(error)")
        } else {
            self = .other("\(error)")
        }
    }

    /// An errno from connect, send or receive.
    init(errno code: Int32) {
        switch code {
        case ECONNREFUSED: self = .connectionRefused
        case ECONNRESET, EPIPE: self = .connectionReset
        case ENETUNREACH, EHOSTUNREACH, EHOSTDOWN, ENETDOWN, EADDRNOTAVAIL:
            self = .unreachable(String(cString: strerror(code)))
        case ETIMEDOUT: self = .other("connection timed out (the kernel gave up)")
        default: self = .other(String(cString: strerror(code)))
        }
    }

    /// NIOSSL's descriptions nest BoringSSL's error queue in enum syntax; the reason text
    /// (`CERTIFICATE_VERIFY_FAILED`) is what an operator needs.
    private static func words(for error: NIOSSLError) -> String {
        switch error {
        case .handshakeFailed(let inner): "\(inner)"
        case .uncleanShutdown: "the peer closed the connection during the handshake"
        default: "\(error)"
        }
    }
}
