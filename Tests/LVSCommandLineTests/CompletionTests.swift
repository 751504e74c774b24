import Foundation
import Testing

@testable import LVSCommandLine

/// The committed completion scripts are exactly what the grammar table generates.
/// `LVSADM_RECORD_GOLDEN=1` rewrites them, and then fails, so a re-record never passes.
@Suite struct CompletionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scripts/director/completion")

    func expectCommitted(_ generated: String, file: String) throws {
        let url = Self.folder.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["LVSADM_RECORD_GOLDEN"] == "1" {
            try generated.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(file); run again without LVSADM_RECORD_GOLDEN")
            return
        }
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == generated, "\(file) is stale: regenerate with LVSADM_RECORD_GOLDEN=1")
    }

    @Test func bashScriptIsCurrent() throws { try expectCommitted(Completion.bash(), file: "lvsadm.bash") }
    @Test func zshScriptIsCurrent() throws { try expectCommitted(Completion.zsh(), file: "lvsadm.zsh") }

    @Test func optionsFollowTheMatrix() {
        let addService = Completion.options(for: .addService)
        #expect(addService.contains("--scheduler") && addService.contains("-p"))
        #expect(!addService.contains("--weight") && !addService.contains("-n"))
        #expect(Completion.options(for: .save) == ["-n", "--numeric", "--json"])
        #expect(Completion.options(for: .addServer).contains("-6"))
    }

    /// apply and diff are parsed outside the grammar table: what completion offers after
    /// them must be exactly what their parser takes.
    @Test func subcommandOptionsAreWhatTheirParserTakes() {
        let offered = Dictionary(uniqueKeysWithValues: Completion.subcommands.map { ($0.name, Set($0.options)) })
        #expect(Set(offered.keys) == Set(ApplyArguments.Mode.allCases.map(\.rawValue)))
        let candidates = Set(offered.values.flatMap { $0 }).union(["--dry-run", "--drain", "--json", "--force", "-n"])
        for mode in ApplyArguments.Mode.allCases {
            for option in candidates {
                let accepted = (try? ApplyArguments.parse(mode, [option, "5"])) != nil
                #expect(accepted == offered[mode.rawValue]?.contains(option), "\(mode) \(option)")
            }
        }
        #expect(Completion.namespaceSwitch == "--netns")
        #expect((try? NamespacePrefix.split([Completion.namespaceSwitch, "blue"]))?.prefix != nil)
    }
}
