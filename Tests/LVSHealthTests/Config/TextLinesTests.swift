import Testing

@testable import LVSConfig

@Suite struct TextLinesTests {
    /// The byte scan gives exactly the lines the Character split gives, `\r\n` (one
    /// Character, so no break) and non-ASCII text included.
    @Test(arguments: [
        "", "\n", "\n\n", "a", "a\n", "a\nb", "-A -t 10.0.0.1:80\n\ncheck x\n", "a\r\nb\nc\r\n", "\r\n\r\n",
        "é\nü # ç\n", "a\r\n\nb", "\u{1F600}\n\u{301}x\n",
    ])
    func linesAreTheCharacterSplits(_ text: String) {
        let bytes = Array(text.utf8)
        let lines = TextLines.ranges(bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
        #expect(lines == text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }
}
