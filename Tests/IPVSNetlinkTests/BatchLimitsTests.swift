import IPVSNetlink
import Testing

/// How `perform(_:)` splits a long run of requests into system calls.
@Suite struct BatchLimitsTests {
    @Test func chunksRespectBothLimitsAndKeepOrder() {
        let limits = BatchLimits(maxBytes: 300, maxRequests: 3)
        let chunks = limits.chunks(sizes: [100, 100, 100, 100, 150, 150, 10, 500, 20])
        #expect(chunks == [0..<3, 3..<5, 5..<7, 7..<8, 8..<9])
        #expect(chunks.flatMap { Array($0) } == Array(0..<9))
    }

    @Test func emptyInputMakesNoChunk() {
        #expect(BatchLimits(maxBytes: 10, maxRequests: 10).chunks(sizes: []).isEmpty)
    }

    /// Linux's default net.core.rmem_max/wmem_max (212992) doubled by the kernel.
    @Test func limitsFromDefaultBuffers() {
        let capped = BatchLimits.forBuffers(send: 425_984, receive: 425_984, cappedAcks: true)
        #expect(capped.maxBytes == 32 * 1024)
        #expect(capped.maxRequests == 416)
        let uncapped = BatchLimits.forBuffers(send: 425_984, receive: 425_984, cappedAcks: false)
        #expect(uncapped.maxRequests == 104)
        // libnl's own default (32 KiB, doubled) still leaves room for a datagram.
        let small = BatchLimits.forBuffers(send: 65_536, receive: 65_536, cappedAcks: true)
        #expect(small.maxBytes == 32 * 1024 && small.maxRequests == 64)
    }

    /// A 12,000-line restore of ~150-byte messages takes a few dozen system calls, not
    /// 12,000 round trips.
    @Test func aLargeRestoreNeedsFewSystemCalls() {
        let limits = BatchLimits.forBuffers(send: 425_984, receive: 425_984, cappedAcks: true)
        let chunks = limits.chunks(sizes: Array(repeating: 152, count: 12_000))
        #expect(chunks.count == 12_000 / (32 * 1024 / 152) + 1)
        #expect(chunks.allSatisfy { $0.count <= limits.maxRequests })
    }
}
