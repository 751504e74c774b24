import Glibc

/// Writes straight to descriptor 2: the C `stderr` stream is shared mutable state Swift 6
/// does not let us touch, and an unbuffered write is what a message before exit wants.
func printError(_ text: String) {
    let bytes = Array((text.hasSuffix("\n") ? text : text + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
