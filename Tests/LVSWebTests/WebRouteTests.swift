import XCTest

@testable import LVSWeb

final class WebRouteTests: XCTestCase {
    func testTheEndpoints() {
        XCTAssertEqual(WebRoute.route(method: "GET", target: "/"), .statusPage)
        XCTAssertEqual(WebRoute.route(method: "GET", target: "/metrics"), .metrics)
        XCTAssertEqual(WebRoute.route(method: "HEAD", target: "/metrics"), .metrics)
        XCTAssertEqual(WebRoute.route(method: "GET", target: "/metrics?name[]=x"), .metrics)
        XCTAssertEqual(WebRoute.route(method: "GET", target: "/api/v1/table"), .table)
        XCTAssertEqual(WebRoute.route(method: "GET", target: "/api/v1/health"), .health)
    }

    func testBadRequestsAreRefusedWithTheirStatus() {
        let cases: [(String, String, Int)] = [
            ("POST", "/metrics", 405), ("PUT", "/", 405), ("DELETE", "/api/v1/table", 405),
            ("GET", "/nothing", 404), ("GET", "/metrics/", 404), ("GET", "/API/v1/table", 404),
            ("GET", "/../metrics", 400), ("GET", "/api/v1/../v1/table", 400), ("GET", "/./metrics", 400),
            ("GET", "//metrics", 400), ("GET", "/%2e%2e/metrics", 400), ("GET", "/metrics%00", 400),
            ("GET", "metrics", 400), ("GET", "http://example/metrics", 400), ("GET", "*", 400),
            ("GET", "/m\u{e9}trics", 400), ("GET", "/metrics\u{7f}", 400),
            ("GET", "/" + String(repeating: "a", count: 300), 414),
        ]
        for (method, target, status) in cases {
            guard case .refused(let got, _) = WebRoute.route(method: method, target: target) else {
                XCTFail("\(method) \(target) accepted")
                continue
            }
            XCTAssertEqual(got, status, "\(method) \(target)")
        }
    }

    func testListenAddresses() {
        XCTAssertEqual(WebServer.Listen.read("127.0.0.1:9531"), .tcp(host: "127.0.0.1", port: 9531))
        XCTAssertEqual(WebServer.Listen.read("[::1]:80"), .tcp(host: "::1", port: 80))
        XCTAssertEqual(WebServer.Listen.read("unix:/run/lvsadmd-http.sock"), .unix(path: "/run/lvsadmd-http.sock"))
        for bad in ["127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", ":80", "unix:relative", "host:port"] {
            XCTAssertNil(WebServer.Listen.read(bad), bad)
        }
        XCTAssertEqual(WebServer.Listen.default.description, "127.0.0.1:9531")
    }
}
