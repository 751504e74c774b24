import Hummingbird
import HummingbirdTesting
import LVSDaemon
import Logging
import Synchronization
import XCTest

@testable import LVSWeb

/// The server through Hummingbird: a refused request never reaches the daemon (no view is
/// made, no control request sent), an accepted one gets the rendered page.
final class WebServerTests: XCTestCase {
    final class Calls: Sendable {
        let views = Atomic<Int>(0)
        let controls = Mutex<[[String]]>([])
    }

    func backend(_ calls: Calls, token: ActionToken? = nil) -> WebServer.Backend {
        WebServer.Backend(
            view: {
                calls.views.add(1, ordering: .relaxed)
                return sampleView()
            },
            control: { words in
                calls.controls.withLock { $0.append(words) }
                return .done("maintenance on: \(words[2])")
            }, token: token)
    }

    func testPagesAndRefusals() async throws {
        let calls = Calls()
        let app = WebServer.application(listen: .default, backend: backend(calls), logger: Logger(label: "test"))
        try await app.test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(response.headers[.contentType], MetricsDocument.contentType)
                XCTAssertEqual(String(buffer: response.body), MetricsDocument.render(sampleView()))
            }
            XCTAssertEqual(calls.views.load(ordering: .relaxed), 1)
            let refused: [(String, HTTPRequest.Method, HTTPResponse.Status)] = [
                ("/metrics", .post, .methodNotAllowed), ("/", .delete, .methodNotAllowed),
                ("/../metrics", .get, .badRequest), ("/nothing", .get, .notFound),
                ("/%2e%2e/etc/passwd", .get, .badRequest),
                ("/api/v1/drain?server=10.0.0.12:8080", .post, .forbidden),
            ]
            for (uri, method, status) in refused {
                try await client.execute(uri: uri, method: method) { response in
                    XCTAssertEqual(response.status, status, "\(method) \(uri)")
                }
            }
        }
        XCTAssertEqual(calls.views.load(ordering: .relaxed), 1)
        XCTAssertEqual(calls.controls.withLock { $0 }, [])
    }

    func testActionsNeedTheToken() async throws {
        let path = "/tmp/lvsweb-server-token-\(getpid())"
        defer { unlink(path) }
        unlink(path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        _ = "abc123".utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, 6) }
        close(descriptor)
        let calls = Calls()
        let app = WebServer.application(
            listen: .default, backend: backend(calls, token: ActionToken(path: path)), logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let uri = "/api/v1/drain?server=10.0.0.12:8080"
            try await client.execute(uri: uri, method: .post) { XCTAssertEqual($0.status, .unauthorized) }
            try await client.execute(uri: uri, method: .post, headers: [.authorization: "Bearer abc124"]) {
                XCTAssertEqual($0.status, .forbidden)
            }
            try await client.execute(
                uri: uri, method: .post, headers: [.authorization: "Bearer abc123"], body: ByteBuffer(string: "x")
            ) { XCTAssertEqual($0.status, .contentTooLarge) }
            XCTAssertEqual(calls.controls.withLock { $0 }, [])
            try await client.execute(uri: uri, method: .post, headers: [.authorization: "Bearer abc123"]) {
                XCTAssertEqual($0.status, .ok)
                XCTAssertEqual(String(buffer: $0.body), "maintenance on: 10.0.0.12:8080\n")
            }
        }
        XCTAssertEqual(calls.controls.withLock { $0 }, [["maintenance", "on", "10.0.0.12:8080"]])
        XCTAssertEqual(calls.views.load(ordering: .relaxed), 0)
    }
}
