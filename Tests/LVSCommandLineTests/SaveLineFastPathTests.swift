import IPVSKit
import Testing

@testable import LVSCommandLine

/// `SaveLineFastPath` must give, for every line it takes, the command the tokenizer and
/// parser give, and leave every other line to them.
@Suite struct SaveLineFastPathTests {
    let parser = CommandLineParser(programName: "lvsadm", resolver: TableResolver())

    private func fast(_ line: String) -> Command? {
        guard let path = SaveLineFastPath(parser: parser) else { return nil }
        return Array(line.utf8).withUnsafeBufferPointer { path.read($0)?.command }
    }

    /// The general way, as the reader takes a line: tokenized as `-R` does.
    private func general(_ line: String) -> Command? {
        var tokenizer = RestoreTokenizer()
        guard let tokens = tokenizer.feed(Array((line + "\n").utf8)).first?.tokens else { return nil }
        return try? parser.parse(tokens)
    }

    @Test func takesWhatSaveUsuallyPrints() {
        #expect(SaveLineFastPath(parser: parser) != nil)
        for line in [
            "-A -t 10.0.0.1:80 -s wlc", "-A -u 10.0.0.1:53 -s rr -p 300", "-A -t 10.0.0.1:0 -s sh -p 1",
            "-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w 1", "-a -u 10.0.0.1:53 -r 172.16.0.1:5353 -g -w 0",
            "-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -i -w 2147483647", "-A -t 1.2.3.4:65535 -s my_sched15chars",
        ] {
            #expect(fast(line) != nil, "\(line)")
            #expect(fast(line) == general(line), "\(line)")
        }
    }

    @Test(arguments: [
        // other spacing, other options, other forms: the general way's to read
        "-A  -t 10.0.0.1:80 -s wlc", "-A -t 10.0.0.1:80 -s wlc  # comment", "-A -t 10.0.0.1:80 -s wlc  -p 5",
        "-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w 1  -x 5", " -A -t 10.0.0.1:80 -s wlc", "-A -t 10.0.0.1:80 -s wlc ",
        "-A\t-t 10.0.0.1:80 -s wlc", "-A -t 10.0.0.1:80 -s wlc\r", "-A -t 10.0.0.1:80", "-A -t 10.0.0.1 -s wlc",
        "-A -t 10.0.0.1:80 -s wlc -b sh-port", "-A -t 10.0.0.1:80 -s wlc -p", "-A -t 10.0.0.1:80 -s wlc -p 0",
        "-A -t 10.0.0.1:80 -s wlc -p 2678401", "-A -t 10.0.0.1:80 -s wlc -p 0300", "-A -t 10.0.0.1:80 -s WLC",
        "-A -t 10.0.0.1:80 -s sixteen_chars_ab", "-A -t 10.0.0.1:80 -s wlc -M 255.255.255.0",
        "-A -f 1 -s wlc", "-A --tcp-service 10.0.0.1:80 -s wlc", "-A -t [::1]:80 -s wlc", "-A -t host:80 -s wlc",
        "-A -t 10.0.0.1:http -s wlc", "-A -t 10.0.0.1:0 -s wlc", "-E -t 10.0.0.1:80 -s wlc",
        "-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m", "-a -t 10.0.0.1:80 -r 172.16.0.1 -m -w 1",
        "-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w 01", "-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w 2147483648",
        "-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w 1 -x 5", "-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -w 1 -m",
        "-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w -1", "-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w +1",
        "-a -t 10.0.0.1:80 -r [2001:db8::1]:80 -i -w 1", "-e -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w 1",
        "-a -t 010.0.0.1:80 -r 172.16.0.1:8080 -m -w 1", "-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w 99999999999",
        "", "-A", "-a -t", "# -A -t 10.0.0.1:80 -s wlc", "ipvsadm -A -t 10.0.0.1:80 -s wlc",
    ])
    func leavesEverythingElseToTheParser(line: String) {
        #expect(fast(line) == nil)
    }

    /// Generated lines of the shapes the fast path takes, with values across their ranges
    /// and at their edges: each must be read exactly as the parser reads it.
    @Test func agreesWithTheParserOnGeneratedLines() {
        var random = ParserFuzzTests.SeededGenerator(state: 0x5EED_0F_5A7E)
        let schedulers = ["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "mh", "fo", "ovf", "x_1"]
        func address() -> String {
            (0..<4).map { _ in String([0, 1, 9, 10, 99, 100, 255].randomElement(using: &random) ?? 0) }
                .joined(separator: ".")
        }
        func number(_ edges: [UInt64]) -> String {
            Bool.random(using: &random)
                ? String(edges.randomElement(using: &random) ?? 0)
                : String(UInt64.random(in: 0...9_999_999_999, using: &random))
        }
        var taken = 0
        for _ in 0..<3_000 {
            let proto = Bool.random(using: &random) ? "-t" : "-u"
            let service = "\(address()):\(number([0, 1, 80, 65535, 65536]))"
            let line: String
            if Bool.random(using: &random) {
                let persistence = Bool.random(using: &random) ? " -p \(number([0, 1, 360, 2_678_400, 2_678_401]))" : ""
                line = "-A \(proto) \(service) -s \(schedulers.randomElement(using: &random) ?? "wlc")\(persistence)"
            } else {
                let method = ["-g", "-m", "-i"].randomElement(using: &random) ?? "-m"
                let weight = number([0, 1, 65535, 2_147_483_647, 2_147_483_648, 4_294_967_296])
                line =
                    "-a \(proto) \(service) -r \(address()):\(number([0, 8080, 65535, 65536])) \(method) -w \(weight)"
            }
            let read = fast(line)
            if read != nil { taken += 1 }
            #expect(read == nil || read == general(line), "\(line)")
        }
        #expect(taken > 300)  // the generator does reach the fast path
    }
}
