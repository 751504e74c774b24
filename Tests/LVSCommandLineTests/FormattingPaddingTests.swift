import Testing

@testable import LVSCommandLine

@Suite("Formatting: printf padding and print_largenum")
struct FormattingPaddingTests {
    @Test func leftAndRightPadding() {
        #expect(PrintfPadding.left("Masq", 7) == "Masq   ")
        #expect(PrintfPadding.right("Conns", 8) == "   Conns")
        #expect(PrintfPadding.left(UInt32(0), 10) == "0         ")
        #expect(PrintfPadding.right(UInt64(42), 8) == "      42")
        // Longer text is never cut by a width.
        #expect(PrintfPadding.left("RemoteAddress:Port-too-long", 5) == "RemoteAddress:Port-too-long")
    }

    @Test func signedConversionOfUnsignedBits() {
        #expect(PrintfPadding.leftSigned(5, 6) == "5     ")
        #expect(PrintfPadding.leftSigned(0x8000_0000, 6) == "-2147483648")
        #expect(PrintfPadding.signed(4_294_967_295) == "-1")
    }

    @Test func zeroPadding() {
        #expect(PrintfPadding.zeroPadded(0, 2) == "00")
        #expect(PrintfPadding.zeroPadded(7, 2) == "07")
        #expect(PrintfPadding.zeroPadded(123, 2) == "123")
    }

    @Test func truncationCountsBytesAndKeepsWholeCharacters() {
        #expect(PrintfPadding.truncated("abcdef", toBytes: 4) == "abcd")
        #expect(PrintfPadding.truncated("abc", toBytes: 4) == "abc")
        // "é" is two bytes: it does not fit in the fourth byte, so it goes whole.
        #expect(PrintfPadding.truncated("abcé", toBytes: 4) == "abc")
        // Padding counts bytes as C does: "é" takes two of the four columns.
        #expect(PrintfPadding.left("é", 4) == "é  ")
    }

    /// Each boundary of print_largenum without --exact; expected values from C's printf
    /// rules (`%9llu`, then `%8llu` of the quotient and a unit).
    @Test(arguments: [
        (UInt64(0), "        0"),
        (99_999_999, " 99999999"),
        (100_000_000, "  100000K"),
        (999_999_999, "  999999K"),
        (1_000_000_000, "    1000M"),
        (99_999_999_999, "   99999M"),
        (100_000_000_000, "     100G"),
        (99_999_999_999_999, "   99999G"),
        (100_000_000_000_000, "     100T"),
        (UInt64.max, "18446744T"),
    ])
    func largeNumberScaled(value: UInt64, expected: String) {
        #expect(LargeNumber.column(value, exact: false) == expected)
    }

    /// With --exact: width 9 up to 8 digits, else the digits plus one blank.
    @Test(arguments: [
        (UInt64(0), "        0"),
        (12_345_678, " 12345678"),
        (123_456_789, " 123456789"),
        (100_000_000_000_000, " 100000000000000"),
        (UInt64.max, " 18446744073709551615"),
    ])
    func largeNumberExact(value: UInt64, expected: String) {
        #expect(LargeNumber.column(value, exact: true) == expected)
    }
}
