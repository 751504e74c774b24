import IPVSNetlink

extension BatchLimits {
    /// Splits messages of the given sizes, in order, into consecutive runs within the
    /// limits, deciding one message at a time with `admits`, as `perform(_:)` does.
    func chunks(sizes: [Int]) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        var start = 0
        var bytes = 0
        for (index, size) in sizes.enumerated() {
            if !admits(size, afterCount: index - start, bytes: bytes) {
                chunks.append(start..<index)
                start = index
                bytes = 0
            }
            bytes += size
        }
        if start < sizes.count { chunks.append(start..<sizes.count) }
        return chunks
    }
}
