/// The requests of one datagram being filled by `NetlinkIPVSClient.perform(_:)`: their
/// messages back to back, each with its sequence number written in, and which request
/// each one was.
struct RequestBatch {
    private(set) var buffer: [UInt8] = []
    private(set) var sent: [(index: Int, sequence: UInt32)] = []

    var count: Int { sent.count }

    /// Appends a golden-form message (sequence 0), stamping `sequence` into its header.
    mutating func append(_ message: [UInt8], index: Int, sequence: UInt32) {
        let offset = buffer.count
        buffer += message
        buffer.withUnsafeMutableBytes { $0.storeBytes(of: sequence, toByteOffset: offset + 8, as: UInt32.self) }
        sent.append((index, sequence))
    }

    /// Empties the batch, keeping its storage for the next datagram.
    mutating func removeAll() {
        buffer.removeAll(keepingCapacity: true)
        sent.removeAll(keepingCapacity: true)
    }
}
