import LVSHealth
import NIOCore
import NIOHTTP1
import Testing

@testable import LVSProbes

@Suite(.onTestExecutor) struct HTTPProbeTests {
    let prober = Prober()

    @Test func aGoodStatusPassesAndTheVirtualHostIsSent() async throws {
        let recorder = RequestRecorder()
        let server = try await TestListeners.http(body: "all good", recorder: recorder)
        defer { server.close(promise: nil) }
        let check = HTTPCheck(path: "/health?full=1", host: "www.example.test")
        let outcome = await prober.run(.http(check), at: loopback(server.boundPort), timeout: .seconds(3))
        #expect(outcome == .passed("HTTP 200"))
        let request = try #require(recorder.requests.first)
        #expect(request.uri == "/health?full=1")
        #expect(request.method == .GET)
        #expect(request.headers["Host"] == ["www.example.test"])
    }

    @Test func withoutAHostTheAddressAndPortAreSent() async throws {
        let recorder = RequestRecorder()
        let server = try await TestListeners.http(host: "::1", recorder: recorder)
        defer { server.close(promise: nil) }
        let outcome = await prober.run(.http(HTTPCheck()), at: loopback6(server.boundPort), timeout: .seconds(3))
        #expect(outcome == .passed("HTTP 200"))
        #expect(recorder.requests.first?.headers["Host"] == ["[::1]:\(server.boundPort)"])
    }

    @Test func aStatusOutsideTheRangesFails() async throws {
        let server = try await TestListeners.http(status: .serviceUnavailable)
        defer { server.close(promise: nil) }
        let outcome = await prober.run(.http(HTTPCheck()), at: loopback(server.boundPort), timeout: .seconds(3))
        #expect(outcome == .failed(.httpStatus(503, expected: .success)))
        #expect(outcome.description == "HTTP status 503, expected 200-299")
        let redirects = HTTPCheck(status: StatusRanges([200...299, 503...503]))
        #expect(await prober.run(.http(redirects), at: loopback(server.boundPort), timeout: .seconds(3)).isPass)
    }

    @Test func theBodyIsJudgedByContainsAndByRegex() async throws {
        let server = try await TestListeners.http(body: "<html>status: OK, 12 workers</html>")
        defer { server.close(promise: nil) }
        let endpoint = loopback(server.boundPort)
        let cases: [(TextMatch, Bool)] = [
            (.contains("status: OK"), true), (.contains("status: DOWN"), false),
            (.regex("[0-9]+ workers"), true), (.regex("^workers"), false),
        ]
        for (match, passes) in cases {
            let outcome = await prober.run(.http(HTTPCheck(body: match)), at: endpoint, timeout: .seconds(3))
            #expect(outcome.isPass == passes, "\(match): \(outcome)")
            if !passes { #expect(outcome == .failed(.replyMismatch(match))) }
        }
    }

    @Test func aServerThatNeverAnswersFailsAtTheTimeout() async throws {
        let silent = try await TestListeners.silentTCP()
        defer { silent.close(promise: nil) }
        let (outcome, took) = await elapsed {
            await prober.run(.http(HTTPCheck()), at: loopback(silent.boundPort), timeout: .milliseconds(300))
        }
        #expect(outcome == .failed(.replyTimeout(after: .milliseconds(300))))
        #expect(took >= .milliseconds(250) && took < .seconds(3))
    }

    @Test func aRefusedPortFailsAtOnce() async throws {
        let closed = try ClosedTCPPort()
        let outcome = await prober.run(.http(HTTPCheck()), at: loopback(closed.port), timeout: .seconds(3))
        #expect(outcome == .failed(.connectionRefused))
    }
}
