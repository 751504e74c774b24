import Foundation
import Testing

@testable import LVSCommandLine

/// The man page documents every switch of the grammar table: an option added to the table
/// without a word in `Docs/lvsadm.8` fails here.
@Suite struct ManPageTests {
    static let page: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("Docs/lvsadm.8"), encoding: .utf8)) ?? ""
    }()

    /// roff spells a hyphen `\-`.
    static func roff(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "\\-") }

    @Test func pageExists() {
        #expect(Self.page.hasPrefix(".TH LVSADM 8"))
    }

    @Test(arguments: Grammar.switches.map(\.longName))
    func longOptionIsDocumented(longName: String) {
        #expect(Self.page.contains(Self.roff("--" + longName)), "--\(longName) is missing from Docs/lvsadm.8")
    }

    @Test(arguments: Grammar.switches.flatMap(\.shortNames).map(String.init))
    func shortOptionIsDocumented(shortName: String) {
        let spelled = Self.roff("-" + shortName)
        #expect(
            Self.page.contains(".BR \(spelled) ") || Self.page.contains(", \" \(spelled) ")
                || Self.page.contains("\(spelled)|") || Self.page.contains("|\(shortName)"),
            "-\(shortName) is missing from Docs/lvsadm.8")
    }

    @Test(arguments: ["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh"])
    func schedulerIsDocumented(name: String) {
        let spellings = [".BR \(name) ", " \(name) ", " \(name)\n", ".B \(name)\n"]
        #expect(spellings.contains { Self.page.contains($0) }, "scheduler \(name) is missing from Docs/lvsadm.8")
    }
}
