/// A `real =` value taken apart:
/// `HOST[->HOST][:PORT] gate|masq|ipip [WEIGHT] ["REQUEST", "RECEIVE"] [l:LOWER] [u:UPPER]`,
/// where HOST is a dotted quad, a host name or a bracketed IPv6 address, and a second HOST
/// makes an IPv4 range (one real server per address).
struct LdirectordRealSpec {
    var first: String
    var last: String?
    /// As written (a number or a service name); nil when left out, which ldirectord
    /// passes on as port 0.
    var port: String?
    /// `-g`, `-m` or `-i`.
    var method: String
    var weight = "1"
    var request: String?
    var receive: String?
    var lower: String?
    var upper: String?

    init(_ text: String) throws(LineError) {
        var rest = Substring(text)
        let address = rest.prefix { $0 != " " && $0 != "\t" }
        rest = rest.dropFirst(address.count)
        (first, last, port) = try Self.hosts(address)
        rest = rest.drop { $0 == " " || $0 == "\t" }
        let methodWord = rest.prefix { $0.isLetter }
        switch methodWord {
        case "gate": method = "-g"
        case "masq": method = "-m"
        case "ipip": method = "-i"
        default: throw LineError("real: the forwarding method must be gate, masq or ipip")
        }
        rest = rest.dropFirst(methodWord.count)
        if let weight = Self.take(&rest, { $0.allSatisfy(\.isASCIIDigit) }) { self.weight = String(weight) }
        if rest.drop(while: { $0 == " " || $0 == "\t" }).first == "\"" {
            (request, receive) = try Self.requestPair(&rest)
            if let request, !request.hasPrefix("/") { self.request = "/" + request }
        }
        if let lower = Self.take(&rest, { $0.hasPrefix("l:") && $0.dropFirst(2).allSatisfy(\.isASCIIDigit) }) {
            self.lower = String(lower.dropFirst(2))
        }
        if let upper = Self.take(&rest, { $0.hasPrefix("u:") && $0.dropFirst(2).allSatisfy(\.isASCIIDigit) }) {
            self.upper = String(upper.dropFirst(2))
        }
        let leftover = rest.drop { $0 == " " || $0 == "\t" }
        if !leftover.isEmpty { throw LineError("real: cannot read '\(leftover)'") }
    }

    /// The next blank-separated word if it satisfies `test`.
    private static func take(_ rest: inout Substring, _ test: (Substring) -> Bool) -> Substring? {
        let start = rest.drop { $0 == " " || $0 == "\t" }
        let word = start.prefix { $0 != " " && $0 != "\t" }
        guard !word.isEmpty, test(word) else { return nil }
        rest = start.dropFirst(word.count)
        return word
    }

    private static func hosts(_ text: Substring) throws(LineError) -> (String, String?, String?) {
        var rest = text
        let first = try host(&rest)
        var last: String?
        if rest.hasPrefix("->") {
            rest = rest.dropFirst(2)
            last = try host(&rest)
        }
        var port: String?
        if rest.first == ":" {
            let name = rest.dropFirst()
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw LineError("real: bad port '\(name)'")
            }
            port = String(name)
            rest = ""
        }
        guard rest.isEmpty else { throw LineError("real: bad address '\(text)'") }
        return (first, last, port)
    }

    private static func host(_ rest: inout Substring) throws(LineError) -> String {
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { throw LineError("real: ] missing after an IPv6 address") }
            let host = rest[...close]
            rest = rest[rest.index(after: close)...]
            return String(host)
        }
        let host = rest.prefix { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
        // A host name may contain '-', but "->" starts the range's end.
        var name = host
        if let arrow = rest.firstRange(of: "->"), arrow.lowerBound < host.endIndex {
            name = rest[..<arrow.lowerBound]
        }
        guard !name.isEmpty else { throw LineError("real: an address is missing") }
        rest = rest[name.endIndex...]
        return String(name)
    }

    /// `"REQUEST", "RECEIVE"` or `"REQUEST" "RECEIVE"`.
    private static func requestPair(_ rest: inout Substring) throws(LineError) -> (String, String) {
        func quoted(_ rest: inout Substring) throws(LineError) -> String {
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else {
                throw LineError("real: the request and receive strings must both be in double quotes")
            }
            let text = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            return String(text)
        }
        let request = try quoted(&rest)
        if rest.first == "," { rest = rest.dropFirst() }
        return (request, try quoted(&rest))
    }
}
