import IPVSTesting
import Testing

@testable import LVSCommandLine

/// Random token sequences must never crash the parser (no traps, no force unwraps): each
/// either parses or gives an error with one of the three exit statuses.
@Suite struct ParserFuzzTests {
    typealias SeededGenerator = SplitMix64

    static let vocabulary: [String] =
        Grammar.switches.flatMap { entry in
            entry.shortNames.map { "-\($0)" } + ["--\(entry.longName)"]
        } + [
            "1.2.3.4:80", "[::1]:80", "[1.2.3.4]:80", "::1", "80", "0", "-1", "4294967296", "99999999999999999999999",
            "master", "backup", "gue", "gre", "ipip", "sh", "mh", "flag-1,sh-port", ",", "", "-", "--", "=", "-p=",
            "-Lnc", "-At", "--persistent=", "0x", "1.2.3", "[", "]:", ":", "web.example.test:http", "ff02::81",
            "224.0.0.81", "é", "-ü", "--tun-port=65536", "+5", " 4", "2001:db8::5:80", "%", "-p600",
        ]

    @Test func randomLinesNeverCrash() {
        var rng = SeededGenerator(state: 0x5EED)
        let parser = CommandLineParser(programName: "ipvsadm", resolver: TableResolver())
        for _ in 0..<4000 {
            let count = Int.random(in: 0...8, using: &rng)
            var tokens: [String] = []
            for _ in 0..<count {
                var token = Self.vocabulary.randomElement(using: &rng) ?? ""
                if Int.random(in: 0..<8, using: &rng) == 0 {
                    // Glue two tokens, as a cluster or attached value might look.
                    token += Self.vocabulary.randomElement(using: &rng) ?? ""
                }
                tokens.append(token)
            }
            do {
                _ = try parser.parse(tokens)
            } catch {
                #expect([2, 255].contains(error.exitStatus), "\(tokens)")
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test func randomBytesNeverCrashTheNumberAndAddressReaders() {
        var rng = SeededGenerator(state: 42)
        let alphabet = Array("0123456789abcdefxX.:[]+- \t")
        for _ in 0..<3000 {
            let text = String(
                (0..<Int.random(in: 0...14, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? "0" })
            _ = InetText.aton(text)
            _ = NumberText.number(text, in: 0...65535)
            _ = NumberText.atoi(text)
            _ = EndpointText.parse(text, protocol: .tcp, resolver: TableResolver())
        }
    }
}
