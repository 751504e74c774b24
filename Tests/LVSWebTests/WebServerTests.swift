import Glibc
import Hummingbird
import LVSDaemon
import Synchronization
import Testing

@testable import LVSWeb

/// The server's responder on Hummingbird's own request values: a refused request never
/// reaches the daemon (no view is made, no control request sent), an accepted one gets
/// the rendered page. (Not through HummingbirdTesting: its test client brings an HTTP
/// client, HTTP/2 and TLS into every build of the tests.)
@Suite struct WebServerTests {
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

    func request(
        _ method: HTTPRequest.Method, _ path: String, headers: HTTPFields = [:], body: String = ""
    ) -> Request {
        Request(
            head: HTTPRequest(method: method, scheme: "http", authority: "x", path: path, headerFields: headers),
            body: RequestBody(buffer: ByteBuffer(string: body)))
    }

    @Test func pagesAndRefusals() async throws {
        let calls = Calls()
        let backend = backend(calls)
        let response = await WebServer.respond(to: request(.get, "/metrics"), backend: backend)
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == MetricsDocument.contentType)
        #expect(calls.views.load(ordering: .relaxed) == 1)
        let refused: [(String, HTTPRequest.Method, HTTPResponse.Status)] = [
            ("/metrics", .post, .methodNotAllowed), ("/", .delete, .methodNotAllowed),
            ("/../metrics", .get, .badRequest), ("/nothing", .get, .notFound),
            ("/%2e%2e/etc/passwd", .get, .badRequest),
            ("/api/v1/drain?server=10.0.0.12:8080", .post, .forbidden),
        ]
        for (path, method, status) in refused {
            let response = await WebServer.respond(to: request(method, path), backend: backend)
            #expect(response.status == status, "\(method) \(path)")
        }
        #expect(calls.views.load(ordering: .relaxed) == 1)
        #expect(calls.controls.withLock { $0 } == [])
    }

    @Test func actionsNeedTheToken() async throws {
        let path = "/tmp/lvsweb-server-token-\(getpid())"
        defer { unlink(path) }
        unlink(path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        _ = "abc123".utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, 6) }
        close(descriptor)
        let calls = Calls()
        let backend = backend(calls, token: ActionToken(path: path))
        let uri = "/api/v1/drain?server=10.0.0.12:8080"
        var response = await WebServer.respond(to: request(.post, uri), backend: backend)
        #expect(response.status == .unauthorized)
        response = await WebServer.respond(
            to: request(.post, uri, headers: [.authorization: "Bearer abc124"]), backend: backend)
        #expect(response.status == .forbidden)
        response = await WebServer.respond(
            to: request(.post, uri, headers: [.authorization: "Bearer abc123", .contentLength: "1"], body: "x"),
            backend: backend)
        #expect(response.status == .contentTooLarge)
        #expect(calls.controls.withLock { $0 } == [])
        response = await WebServer.respond(
            to: request(.post, uri, headers: [.authorization: "Bearer abc123"]), backend: backend)
        #expect(response.status == .ok)
        #expect(calls.controls.withLock { $0 } == [["maintenance", "on", "10.0.0.12:8080"]])
        #expect(calls.views.load(ordering: .relaxed) == 0)
    }
}
