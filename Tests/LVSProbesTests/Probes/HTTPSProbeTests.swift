import LVSHealth
import NIOCore
import NIOSSL
import Testing

@testable import LVSProbes

/// HTTPS against a server with the committed self-signed certificate for `probe.test`.
@Suite(.onTestExecutor) struct HTTPSProbeTests {
    let prober = Prober()

    @Test func withoutVerificationASelfSignedServerPassesAndGetsTheSNIName() async throws {
        let recorder = RequestRecorder()
        let server = try await TestListeners.http(tls: TestListeners.tlsContext(recorder: recorder), recorder: recorder)
        defer { server.close(promise: nil) }
        let check = HTTPCheck(host: "probe.test", tls: TLSOptions(serverName: "probe.test", verify: false))
        let outcome = await prober.run(.http(check), at: loopback(server.boundPort), timeout: .seconds(3))
        #expect(outcome == .passed("HTTP 200"))
        #expect(recorder.serverNames == ["probe.test"])
        #expect(recorder.requests.first?.headers["Host"] == ["probe.test"])
    }

    @Test func withVerificationAnUntrustedCertificateFails() async throws {
        let server = try await TestListeners.http(tls: TestListeners.tlsContext(recorder: RequestRecorder()))
        defer { server.close(promise: nil) }
        let check = HTTPCheck(tls: TLSOptions(serverName: "probe.test", verify: true))
        let outcome = await prober.run(.http(check), at: loopback(server.boundPort), timeout: .seconds(3))
        guard case .failed(.tlsFailed(let reason)) = outcome else {
            Issue.record("expected a TLS failure, got \(outcome)")
            return
        }
        #expect(reason.contains("CERTIFICATE_VERIFY_FAILED"), "\(reason)")
    }

    /// Trusting the test certificate shows verification is real both ways: the right name
    /// passes, another name fails. On ::1, which the certificate does not name: NIOSSL
    /// also accepts a certificate that names the address connected to.
    @Test func withVerificationATrustedCertificatePassesOnlyForItsName() async throws {
        let trusting = Prober(trustRoots: .file(Fixtures.path("test-cert.pem")))
        let server = try await TestListeners.http(
            tls: TestListeners.tlsContext(recorder: RequestRecorder()), host: "::1")
        defer { server.close(promise: nil) }
        let endpoint = loopback6(server.boundPort)
        let right = HTTPCheck(tls: TLSOptions(serverName: "probe.test", verify: true))
        #expect(await trusting.run(.http(right), at: endpoint, timeout: .seconds(3)) == .passed("HTTP 200"))
        let wrong = HTTPCheck(tls: TLSOptions(serverName: "other.test", verify: true))
        let outcome = await trusting.run(.http(wrong), at: endpoint, timeout: .seconds(3))
        guard case .failed(.tlsFailed(let reason)) = outcome else {
            Issue.record("expected a TLS failure for the wrong name, got \(outcome)")
            return
        }
        #expect(reason.contains("other.test"), "\(reason)")
    }

    /// With no server name, the certificate must be valid for the address connected to
    /// (the test certificate names 127.0.0.1, not ::1).
    @Test func withVerificationAndNoNameTheAddressIsChecked() async throws {
        let trusting = Prober(trustRoots: .file(Fixtures.path("test-cert.pem")))
        let check = HTTPCheck(tls: TLSOptions(serverName: nil, verify: true))
        let v4 = try await TestListeners.http(tls: TestListeners.tlsContext(recorder: RequestRecorder()))
        defer { v4.close(promise: nil) }
        #expect(
            await trusting.run(.http(check), at: loopback(v4.boundPort), timeout: .seconds(3)) == .passed("HTTP 200"))
        let v6 = try await TestListeners.http(tls: TestListeners.tlsContext(recorder: RequestRecorder()), host: "::1")
        defer { v6.close(promise: nil) }
        let outcome = await trusting.run(.http(check), at: loopback6(v6.boundPort), timeout: .seconds(3))
        guard case .failed(.tlsFailed) = outcome else {
            Issue.record("expected a TLS failure for an address the certificate does not name, got \(outcome)")
            return
        }
    }

    /// A server that accepts TCP and never answers the ClientHello: the handshake stage
    /// must end at the timeout (the check must not wait forever for TLS).
    @Test func aHandshakeThatNeverHappensFailsAtTheTimeout() async throws {
        let silent = try await TestListeners.silentTCP()
        defer { silent.close(promise: nil) }
        let check = HTTPCheck(tls: TLSOptions(serverName: "probe.test"))
        let (outcome, took) = await elapsed {
            await prober.run(.http(check), at: loopback(silent.boundPort), timeout: .milliseconds(300))
        }
        #expect(outcome == .failed(.tlsFailed("no handshake within 0.3 s")))
        #expect(took >= .milliseconds(250) && took < .seconds(3))
    }

    @Test func anAddressAsSNINameIsRefusedClearly() async throws {
        let server = try await TestListeners.http(tls: TestListeners.tlsContext(recorder: RequestRecorder()))
        defer { server.close(promise: nil) }
        let check = HTTPCheck(tls: TLSOptions(serverName: "127.0.0.1"))
        let outcome = await prober.run(.http(check), at: loopback(server.boundPort), timeout: .seconds(3))
        guard case .failed(.tlsFailed(let reason)) = outcome else {
            Issue.record("expected a TLS failure, got \(outcome)")
            return
        }
        #expect(reason.hasPrefix("cannot set up"), "\(reason)")
    }
}
