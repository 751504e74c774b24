import Testing

@testable import IPVSNetlink

/// How `perform(_:)` fills one datagram: messages back to back, each stamped with its own
/// sequence number, the golden form (sequence 0) otherwise unchanged.
@Suite struct RequestBatchTests {
    private func message(length: UInt32, marker: UInt8) -> [UInt8] {
        var bytes = [UInt8](repeating: marker, count: Int(length))
        withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange(0..<4, with: $0) }
        bytes.replaceSubrange(8..<12, with: [0, 0, 0, 0])
        return bytes
    }

    @Test func messagesAreStampedWhereTheyLand() {
        var batch = RequestBatch()
        batch.append(message(length: 20, marker: 0xAA), index: 3, sequence: 0x0102_0304)
        batch.append(message(length: 24, marker: 0xBB), index: 7, sequence: 9)
        #expect(batch.count == 2)
        #expect(batch.buffer.count == 44)
        #expect(Array(batch.buffer[8..<12]) == [0x04, 0x03, 0x02, 0x01])
        #expect(Array(batch.buffer[28..<32]) == [9, 0, 0, 0])
        #expect(batch.buffer[12..<20].allSatisfy { $0 == 0xAA } && batch.buffer[32..<44].allSatisfy { $0 == 0xBB })
        #expect(batch.sent.map(\.index) == [3, 7] && batch.sent.map(\.sequence) == [0x0102_0304, 9])
        batch.removeAll()
        #expect(batch.count == 0 && batch.buffer.isEmpty)
    }

    @Test func admitsFollowsBothLimits() {
        let limits = BatchLimits(maxBytes: 100, maxRequests: 2)
        #expect(limits.admits(500, afterCount: 0, bytes: 0))  // alone, however large
        #expect(limits.admits(60, afterCount: 1, bytes: 40))
        #expect(!limits.admits(61, afterCount: 1, bytes: 40))
        #expect(!limits.admits(1, afterCount: 2, bytes: 2))
    }
}
