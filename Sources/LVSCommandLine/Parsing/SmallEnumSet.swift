/// A set of cases of an enum with fewer than 64 cases, as one word of bits.
///
/// The parser keeps which options a line gave; `-R` asks for each of 12,000 lines and
/// the matrix check asks about every tracked option. As `Set`s, each question would hash
/// a case; here it is a shift and a mask.
struct SmallEnumSet<Element: RawRepresentable & CaseIterable>: Hashable, ExpressibleByArrayLiteral
where Element.RawValue == Int {
    private var bits: UInt64 = 0

    init() {}

    init(arrayLiteral elements: Element...) {
        for element in elements { insert(element) }
    }

    func contains(_ element: Element) -> Bool {
        bits & Self.bit(element) != 0
    }

    mutating func insert(_ element: Element) {
        bits |= Self.bit(element)
    }

    var isEmpty: Bool { bits == 0 }

    private static func bit(_ element: Element) -> UInt64 {
        precondition(element.rawValue >= 0 && element.rawValue < 64, "SmallEnumSet holds at most 64 cases")
        return 1 << UInt64(element.rawValue)
    }
}
