import Foundation
import IPVSKit
import LVSHealth

enum Fixtures {
    /// A committed test fixture: the self-signed certificate (for `probe.test` and
    /// 127.0.0.1, valid for a century) and its key were made once with
    /// `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout test-key.pem -out test-cert.pem -days 36500 -subj /CN=probe.test -addext subjectAltName=DNS:probe.test,IP:127.0.0.1`.
    /// Never used outside these tests.
    static func path(_ name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")?.path ?? name
    }
}

func loopback(_ port: UInt16) -> RealServerID {
    RealServerID(address: .v4(IPv4Address(0x7f00_0001)), port: port)
}

func loopback6(_ port: UInt16) -> RealServerID {
    RealServerID(address: .v6(IPv6Address(high: 0, low: 1)), port: port)
}

/// How long a block took, for bounds (never exact timings).
func elapsed<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
    let start = ContinuousClock.now
    let value = try await body()
    return (value, ContinuousClock.now - start)
}
