import Foundation
import LVSFuzzing
import Testing

/// Every input committed under `Corpus/TARGET/` (the seeds `Scripts/fuzz` starts from, and
/// each reproducer of something a fuzz run found, named `crash-*`) must hold for its
/// target, so what was once found stays fixed without a fuzz engine.
@Suite struct CorpusReplayTests {
    static func inputs(of target: FuzzTarget) throws -> [(name: String, bytes: [UInt8])] {
        let directory = try #require(Bundle.module.url(forResource: "Corpus", withExtension: nil))
            .appendingPathComponent(target.rawValue)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return try names.map { name in
            (name, Array(try Data(contentsOf: directory.appendingPathComponent(name))))
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyCommittedInputHolds(target: FuzzTarget) throws {
        let inputs = try Self.inputs(of: target)
        #expect(inputs.count >= 5, "the seed corpus of \(target.rawValue) is missing")
        for input in inputs {
            do {
                try target.run(input.bytes)
            } catch {
                Issue.record("\(target.rawValue)/\(input.name): \(error)")
            }
        }
    }
}
