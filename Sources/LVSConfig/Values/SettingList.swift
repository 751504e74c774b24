/// The `key=value` tokens of a directive, taken one key at a time so that whatever is left
/// at the end is a setting nobody reads: an error naming it, never silence.
struct SettingList {
    private var entries: [(key: String, value: String)]

    init(_ tokens: some Sequence<String>, repeatable: Set<String> = []) throws(LineError) {
        entries = []
        var seen: Set<String> = []
        for token in tokens {
            guard let equals = token.firstIndex(of: "="), equals != token.startIndex else {
                throw LineError("expected a setting as name=value, found '\(token)'")
            }
            let key = String(token[..<equals])
            if !repeatable.contains(key) && !seen.insert(key).inserted {
                throw LineError("\(key) is given twice")
            }
            entries.append((key, String(token[token.index(after: equals)...])))
        }
    }

    /// The value of `key`, removed from the list.
    mutating func take(_ key: String) -> String? {
        guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
        return entries.remove(at: index).value
    }

    /// Every value of a repeatable key, in order.
    mutating func takeAll(_ key: String) -> [String] {
        let values = entries.filter { $0.key == key }.map(\.value)
        entries.removeAll { $0.key == key }
        return values
    }

    /// Throws for the first setting left unread.
    func requireAllRead(for what: String, known: [String]) throws(LineError) {
        guard let first = entries.first else { return }
        throw LineError("\(what) has no setting '\(first.key)' (it takes \(known.joined(separator: ", ")))")
    }
}
