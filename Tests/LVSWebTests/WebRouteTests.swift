import Testing

@testable import LVSWeb

@Suite struct WebRouteTests {
    @Test func theEndpoints() {
        #expect(WebRoute.route(method: "GET", target: "/") == .statusPage)
        #expect(WebRoute.route(method: "GET", target: "/metrics") == .metrics)
        #expect(WebRoute.route(method: "HEAD", target: "/metrics") == .metrics)
        #expect(WebRoute.route(method: "GET", target: "/metrics?name[]=x") == .metrics)
        #expect(WebRoute.route(method: "GET", target: "/api/v1/table") == .table)
        #expect(WebRoute.route(method: "GET", target: "/api/v1/health") == .health)
    }

    @Test func badRequestsAreRefusedWithTheirStatus() {
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
                Issue.record("\(method) \(target) accepted")
                continue
            }
            #expect(got == status, "\(method) \(target)")
        }
    }

    @Test func listenAddresses() {
        #expect(WebServer.Listen.read("127.0.0.1:9531") == .tcp(host: "127.0.0.1", port: 9531))
        #expect(WebServer.Listen.read("[::1]:80") == .tcp(host: "::1", port: 80))
        #expect(WebServer.Listen.read("unix:/run/lvsadmd-http.sock") == .unix(path: "/run/lvsadmd-http.sock"))
        for bad in ["127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", ":80", "unix:relative", "host:port"] {
            #expect(WebServer.Listen.read(bad) == nil, "\(bad)")
        }
        #expect(WebServer.Listen.default.description == "127.0.0.1:9531")
    }
}
