import Glibc
import IPVSKit
import Testing

@testable import IPVSNetlink

/// Where an error comes from is said by its origin, not guessed from other fields: the
/// kernel's answer, no answer in time, or a failure on our side.
@Suite struct FailureOriginTests {
    @Test func anAnsweredRequestIsTheKernels() throws {
        #expect(NetlinkFailure.answer(0, .addService) == nil)
        let refused = try #require(NetlinkFailure.answer(EEXIST, .addService))
        #expect(refused.origin == .kernel && refused.errno == EEXIST && refused.reason == .serviceExists)
    }

    /// The kernel sends no acknowledgement for a handler that ended in EINTR; the request
    /// is abandoned at the receive timeout and reads as EINTR, but not as the kernel's.
    @Test func anAbandonedRequestHasNoAnswer() throws {
        let exchange = Exchange()
        exchange.begin([1, 2], onReply: nil)
        exchange.complete(1, errno: 0)
        exchange.abandonPending()
        #expect(exchange.pending.isEmpty && exchange.outcomes == [1: 0])
        let unanswered = try #require(NetlinkFailure.answer(exchange.outcomes[2], .stopDaemon))
        #expect(unanswered.origin == .noAnswer && unanswered.errno == EINTR)
    }

    @Test func ourFailuresSayWhatFailed() {
        let failure = NetlinkFailure.system(-ENOBUFS, .listServices, "receiving replies")
        #expect(failure.errno == ENOBUFS)
        #expect(failure.origin == .local(detail: "receiving replies: No buffer space available"))
    }
}
