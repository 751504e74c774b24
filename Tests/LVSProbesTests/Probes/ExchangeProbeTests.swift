import IPVSKit
import LVSHealth
import NIOCore
import Testing

@testable import LVSProbes

@Suite(.onTestExecutor) struct TCPExchangeProbeTests {
    let prober = Prober()
    let ping = ExchangeCheck(send: Array("PING\r\n".utf8), expect: .contains("+PONG"))

    @Test func anExpectedReplyPassesWithoutWaitingForAClose() async throws {
        let server = try await TestListeners.tcp(reply: { $0.count >= 6 ? Array("+PONG\r\n".utf8) : nil }, close: false)
        defer { server.close(promise: nil) }
        let outcome = await prober.run(.tcpExchange(ping), at: loopback(server.boundPort), timeout: .seconds(3))
        #expect(outcome == .passed("reply contains \"+PONG\""))
    }

    @Test func aWrongReplyFailsWhenThePeerCloses() async throws {
        let server = try await TestListeners.tcp(reply: { $0.count >= 6 ? Array("-ERR\r\n".utf8) : nil }, close: true)
        defer { server.close(promise: nil) }
        let outcome = await prober.run(.tcpExchange(ping), at: loopback(server.boundPort), timeout: .seconds(3))
        #expect(outcome == .failed(.replyMismatch(.contains("+PONG"))))
    }

    @Test func aBannerIsJudgedByRegex() async throws {
        let server = try await TestListeners.tcp(
            reply: { _ in Array("220 mail.test ESMTP ready\r\n".utf8) }, close: false)
        defer { server.close(promise: nil) }
        let banner = ExchangeCheck(send: [], expect: .regex("^220 .*ESMTP"))
        #expect(await prober.run(.tcpExchange(banner), at: loopback(server.boundPort), timeout: .seconds(3)).isPass)
    }

    @Test func aListenerThatNeverAnswersFailsAtTheTimeout() async throws {
        let silent = try await TestListeners.silentTCP()
        defer { silent.close(promise: nil) }
        let (outcome, took) = await elapsed {
            await prober.run(.tcpExchange(ping), at: loopback(silent.boundPort), timeout: .milliseconds(300))
        }
        #expect(outcome == .failed(.replyTimeout(after: .milliseconds(300))))
        #expect(outcome.description == "no reply within 0.3 s")
        #expect(took >= .milliseconds(250) && took < .seconds(3))
    }

    @Test func aRefusedPortFails() async throws {
        let closed = try ClosedTCPPort()
        #expect(
            await prober.run(.tcpExchange(ping), at: loopback(closed.port), timeout: .seconds(3))
                == .failed(.connectionRefused))
    }
}

@Suite(.onTestExecutor) struct UDPExchangeProbeTests {
    let prober = Prober()
    let query = ExchangeCheck(send: Array("status?".utf8), expect: .contains("ok"))

    @Test func anEchoedReplyPasses() async throws {
        let server = try await TestListeners.udp { $0 == Array("status?".utf8) ? Array("ok 1".utf8) : nil }
        defer { server.close(promise: nil) }
        let outcome = await prober.run(.udpExchange(query), at: loopback(server.boundPort), timeout: .seconds(3))
        #expect(outcome == .passed("reply contains \"ok\""))
    }

    @Test func ipv6Passes() async throws {
        let server = try await TestListeners.udp(host: "::1") { _ in Array("ok".utf8) }
        defer { server.close(promise: nil) }
        #expect(await prober.run(.udpExchange(query), at: loopback6(server.boundPort), timeout: .seconds(3)).isPass)
    }

    @Test func aWrongReplyFailsAtOnce() async throws {
        let server = try await TestListeners.udp { _ in Array("busy".utf8) }
        defer { server.close(promise: nil) }
        let outcome = await prober.run(.udpExchange(query), at: loopback(server.boundPort), timeout: .seconds(3))
        #expect(outcome == .failed(.replyMismatch(.contains("ok"))))
    }

    @Test func silenceFailsAtTheTimeout() async throws {
        let server = try await TestListeners.udp { _ in nil }
        defer { server.close(promise: nil) }
        let (outcome, took) = await elapsed {
            await prober.run(.udpExchange(query), at: loopback(server.boundPort), timeout: .milliseconds(300))
        }
        #expect(outcome == .failed(.replyTimeout(after: .milliseconds(300))))
        #expect(took >= .milliseconds(250) && took < .seconds(3))
    }

    /// Nothing bound: loopback answers with ICMP port unreachable, which a connected UDP
    /// socket reports as refused.
    @Test func aClosedPortIsRefused() async throws {
        let closed = RealServerID(address: .v4(IPv4Address(0x7f00_0002)), port: try closedUDPPortOn127002())
        let outcome = await prober.run(.udpExchange(query), at: closed, timeout: .seconds(3))
        #expect(outcome == .failed(.connectionRefused))
    }
}

@Suite(.onTestExecutor) struct ReplyMatcherTests {
    @Test func containsAndRegexOnRawBytes() {
        let reply = Array("HTTP/1.0 200\u{0}OK\r\n".utf8)
        #expect(ReplyMatcher(match: .contains("200")).judge(reply) == .matches)
        #expect(ReplyMatcher(match: .contains("201")).judge(reply) == .doesNotMatch)
        #expect(ReplyMatcher(match: .regex("200.OK")).judge(reply) == .matches)  // past the NUL
        #expect(ReplyMatcher(match: .contains("")).judge([]) == .matches)
    }

    @Test func anInvalidRegexIsAFailureNotACrash() {
        guard case .unusable(.other(let reason)) = ReplyMatcher(match: .regex("(")).judge([]) else {
            Issue.record("an invalid pattern must be unusable")
            return
        }
        #expect(reason.hasPrefix("invalid regular expression /(/"))
    }
}
