import Foundation
import IPVSKit
import LVSDaemon
import LVSHealth
import Testing

@Suite struct StateFileTests {
    @Test func everyKindOfEntryReadsBackAsWritten() throws {
        let state = SavedState(
            health: ["connect 10.0.0.11:80": .down, "http [2001:db8::5]:8080": .up],
            maintenance: Maintenance([
                .host(v4(10, 0, 0, 12)), .server(server(13)),
                .serverOfService(server(14), tcp(100, 80)),
                .serverOfService(server(15), .firewallMark(42, family: .inet6)),
            ]))
        let text = StateFileFormat.text(state)
        let (read, problems) = StateFileFormat.read(text)
        #expect(problems.isEmpty)
        #expect(read == state)
        #expect(text.contains("maintenance server 10.0.0.14:80 -t 10.0.0.100:80\n"))
        #expect(text.contains("health down connect 10.0.0.11:80\n"))
    }

    @Test func aBadLineIsReportedAndTheRestIsRead() {
        let (read, problems) = StateFileFormat.read(
            "health sideways connect 1.2.3.4:80\nmaintenance host 10.0.0.12\nnonsense\n")
        #expect(problems == ["line 1: health must be up or down, not sideways", "line 3: not a state line: nonsense"])
        #expect(read.maintenance.entries == [.host(v4(10, 0, 0, 12))])
    }

    @Test func savingReplacesTheFileWhole() throws {
        let directory = try TemporaryDirectory()
        let file = StateFile(path: directory.path + "/state")
        #expect(try file.load() == nil)
        try file.save(SavedState(health: ["connect 10.0.0.11:80": .down]))
        try file.save(SavedState(maintenance: Maintenance([.host(v4(10, 0, 0, 12))])))
        let text = try #require(try file.load())
        #expect(StateFileFormat.read(text).state == SavedState(maintenance: Maintenance([.host(v4(10, 0, 0, 12))])))
        #expect(try TemporaryFiles.names(in: directory.path) == ["state"])
    }

    @Test func theDirectoryIsMadeOnTheFirstSaveButNotATree() throws {
        let directory = try TemporaryDirectory()
        let file = StateFile(path: directory.path + "/lib/state")
        try file.save(SavedState())
        #expect(try file.load() != nil)
        let deep = StateFile(path: directory.path + "/no/such/state")
        #expect(throws: TextError("opening \(deep.path).tmp: No such file or directory")) {
            try deep.save(SavedState())
        }
    }
}

enum TemporaryFiles {
    static func names(in path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }
}
