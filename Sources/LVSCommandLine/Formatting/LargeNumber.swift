/// ipvsadm's `print_largenum`: one counter column of the `--stats` and `--rate` listings.
///
/// The leading blanks are what separates the columns. Only a scaled counter of 10^19 or
/// more (`18446744T`) fills all 9 characters and touches the column before it, as in
/// ipvsadm.
enum LargeNumber {
    /// One column.
    /// - Without `exact`, a number that does not fit eight digits is scaled down (integer
    ///   division) and suffixed `K`, `M`, `G` or `T`; the result is always 9 characters.
    /// - With `exact`, the full number right-aligned in 9 characters, or with one leading
    ///   blank when it has more than 8 digits.
    static func column(_ value: UInt64, exact: Bool) -> String {
        if exact {
            let digits = String(value)
            return PrintfPadding.right(digits, digits.utf8.count <= 8 ? 9 : digits.utf8.count + 1)
        }
        // The thresholds are not powers of the divisors: ipvsadm keeps up to 8 digits
        // before the letter, so 999_999_999 reads 999999K, and 10^9 reads 1000M.
        switch value {
        case ..<100_000_000: return PrintfPadding.right(value, 9)
        case ..<1_000_000_000: return scaled(value, by: 1_000, "K")
        case ..<100_000_000_000: return scaled(value, by: 1_000_000, "M")
        case ..<100_000_000_000_000: return scaled(value, by: 1_000_000_000, "G")
        default: return scaled(value, by: 1_000_000_000_000, "T")
        }
    }

    /// `%8llu` of the quotient, then the unit letter.
    private static func scaled(_ value: UInt64, by divisor: UInt64, _ unit: String) -> String {
        PrintfPadding.right(value / divisor, 8) + unit
    }
}
