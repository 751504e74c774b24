import Glibc
import Testing

@testable import LVSWeb

@Suite struct WebActionTests {
    @Test func actionsAreReadFromTheQuery() {
        #expect(
            WebRoute.route(method: "POST", target: "/api/v1/drain?server=10.0.0.11:80")
                == .action(WebAction(kind: .drain, server: "10.0.0.11:80", service: [])))
        #expect(
            WebRoute.route(
                method: "POST", target: "/api/v1/maintenance/off?server=10.0.0.11:80&service=tcp:10.0.0.100:80")
                == .action(WebAction(kind: .enable, server: "10.0.0.11:80", service: ["-t", "10.0.0.100:80"])))
        #expect(
            WebAction(kind: .enable, server: "10.0.0.11", service: ["-f", "42"]).controlWords
                == ["maintenance", "off", "10.0.0.11", "-f", "42"])
    }

    @Test func badActionsAreRefused() {
        let cases: [(String, String, Int)] = [
            ("GET", "/api/v1/drain?server=10.0.0.11:80", 405),
            ("POST", "/api/v1/drain", 400),
            ("POST", "/api/v1/drain?server=", 400),
            ("POST", "/api/v1/drain?server=10.0.0.11:80&server=10.0.0.12:80", 400),
            ("POST", "/api/v1/drain?server=10.0.0.11:80&weight=0", 400),
            ("POST", "/api/v1/drain?server=10.0.0.11%3A80", 400),
            ("POST", "/api/v1/drain?server=10.0.0.11:80&service=icmp:1", 400),
            ("POST", "/api/v1/drain?server=10.0.0.11:80&service=10.0.0.100:80", 400),
            ("POST", "/api/v1/drain/?server=10.0.0.11:80", 404),
        ]
        for (method, target, status) in cases {
            guard case .refused(let got, _) = WebRoute.route(method: method, target: target) else {
                Issue.record("\(method) \(target) accepted")
                continue
            }
            #expect(got == status, "\(method) \(target)")
        }
    }

    @Test func tokenComparison() throws {
        let path = "/tmp/lvsweb-token-\(getpid())"
        defer { unlink(path) }
        let token = ActionToken(path: path)
        #expect(token.check("Bearer x") == .unusable("\(path): No such file or directory"))
        try write("s3cret-token\n", to: path, mode: 0o600)
        #expect(token.check("Bearer s3cret-token") == nil)
        #expect(token.check("Bearer s3cret-tokem") == .wrong)
        #expect(token.check("Bearer s3cret-token2") == .wrong)
        #expect(token.check("Bearer ") == .wrong)
        #expect(token.check("Basic s3cret-token") == .missing)
        #expect(token.check(nil) == .missing)
        chmod(path, 0o640)
        guard case .unusable = token.check("Bearer s3cret-token") else {
            Issue.record("a group-readable file is used")
            return
        }
        try write("\n", to: path, mode: 0o600)
        guard case .unusable = token.check("Bearer ") else {
            Issue.record("an empty token is used")
            return
        }
    }

    private func write(_ text: String, to path: String, mode: mode_t) throws {
        unlink(path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        try #require(descriptor >= 0)
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.write(descriptor, $0.baseAddress, $0.count - 1) }
        close(descriptor)
        chmod(path, mode)
    }
}
