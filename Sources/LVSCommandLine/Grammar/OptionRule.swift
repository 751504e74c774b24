/// What one command says about one option: a cell of the command-by-option matrix.
public enum OptionRule: Character, Hashable, Sendable {
    /// `+`: the command needs it.
    case required = "+"
    /// `x`: the command refuses it.
    case illegal = "x"
    /// `1`: at most one of the options marked so may be given.
    case oneOf = "1"
    /// `.`: allowed.
    case optional = "."

    /// Reads a matrix row written as cells separated by blanks ("x x + ."), so the table
    /// below stays readable as a grid; nil if a cell is not one of the four marks.
    static func row(_ text: String) -> [OptionRule]? {
        var rules: [OptionRule] = []
        for cell in text where cell != " " {
            guard let rule = OptionRule(rawValue: cell) else { return nil }
            rules.append(rule)
        }
        return rules
    }
}
