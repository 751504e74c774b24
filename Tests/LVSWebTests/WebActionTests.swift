import Glibc
import XCTest

@testable import LVSWeb

final class WebActionTests: XCTestCase {
    func testActionsAreReadFromTheQuery() {
        XCTAssertEqual(
            WebRoute.route(method: "POST", target: "/api/v1/drain?server=10.0.0.11:80"),
            .action(WebAction(kind: .drain, server: "10.0.0.11:80", service: [])))
        XCTAssertEqual(
            WebRoute.route(
                method: "POST", target: "/api/v1/maintenance/off?server=10.0.0.11:80&service=tcp:10.0.0.100:80"),
            .action(WebAction(kind: .enable, server: "10.0.0.11:80", service: ["-t", "10.0.0.100:80"])))
        XCTAssertEqual(
            WebAction(kind: .enable, server: "10.0.0.11", service: ["-f", "42"]).controlWords,
            ["maintenance", "off", "10.0.0.11", "-f", "42"])
    }

    func testBadActionsAreRefused() {
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
                XCTFail("\(method) \(target) accepted")
                continue
            }
            XCTAssertEqual(got, status, "\(method) \(target)")
        }
    }

    func testTokenComparison() throws {
        let path = "/tmp/lvsweb-token-\(getpid())"
        defer { unlink(path) }
        let token = ActionToken(path: path)
        XCTAssertEqual(token.check("Bearer x"), .unusable("\(path): No such file or directory"))
        try write("s3cret-token\n", to: path, mode: 0o600)
        XCTAssertNil(token.check("Bearer s3cret-token"))
        XCTAssertEqual(token.check("Bearer s3cret-tokem"), .wrong)
        XCTAssertEqual(token.check("Bearer s3cret-token2"), .wrong)
        XCTAssertEqual(token.check("Bearer "), .wrong)
        XCTAssertEqual(token.check("Basic s3cret-token"), .missing)
        XCTAssertEqual(token.check(nil), .missing)
        chmod(path, 0o640)
        guard case .unusable = token.check("Bearer s3cret-token") else {
            return XCTFail("a group-readable file is used")
        }
        try write("\n", to: path, mode: 0o600)
        guard case .unusable = token.check("Bearer ") else { return XCTFail("an empty token is used") }
    }

    private func write(_ text: String, to path: String, mode: mode_t) throws {
        unlink(path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        _ = text.utf8CString.withUnsafeBufferPointer { Glibc.write(descriptor, $0.baseAddress, $0.count - 1) }
        close(descriptor)
        chmod(path, mode)
    }
}
