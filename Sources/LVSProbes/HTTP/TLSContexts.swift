import LVSHealth
import NIOConcurrencyHelpers
import NIOSSL

/// The two client TLS contexts every HTTPS probe shares, one verifying certificates and
/// one not. Made on first use: a context loads the trust store and sets up BoringSSL,
/// which is far too costly to repeat on every run, and a prober with no HTTPS check never
/// pays for it.
final class TLSContexts: Sendable {
    private let trustRoots: NIOSSLTrustRoots
    private let made = NIOLockedValueBox<[Bool: NIOSSLContext]>([:])

    init(trustRoots: NIOSSLTrustRoots) {
        self.trustRoots = trustRoots
    }

    func context(verifying: Bool) throws -> NIOSSLContext {
        try made.withLockedValue { made in
            if let context = made[verifying] { return context }
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = verifying ? .fullVerification : .none
            configuration.trustRoots = trustRoots
            configuration.applicationProtocols = ["http/1.1"]
            // Closing a TLS channel first waits for the peer's close_notify. The verdict is
            // in by then; this only bounds how long the socket outlives it.
            configuration.shutdownTimeout = .milliseconds(200)
            let context = try NIOSSLContext(configuration: configuration)
            made[verifying] = context
            return context
        }
    }
}
