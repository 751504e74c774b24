import Foundation
import Testing

/// Expected outputs committed beside the tests. Set `LVSADM_RECORD_GOLDEN=1` to write them
/// from the current output; a recording run always fails, so a re-record can never pass
/// by accident: review the diff, then run again without the variable.
public struct GoldenFiles: Sendable {
    public let directory: URL
    /// Without the dot: `txt`, `json`.
    public let fileExtension: String

    public init(directory: URL, fileExtension: String) {
        self.directory = directory
        self.fileExtension = fileExtension
    }

    public static var isRecording: Bool { ProcessInfo.processInfo.environment["LVSADM_RECORD_GOLDEN"] == "1" }

    public func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = directory.appendingPathComponent(name + "." + fileExtension)
        if Self.isRecording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
                Issue.record(
                    "recorded \(file.lastPathComponent); run again without LVSADM_RECORD_GOLDEN",
                    sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record(
                "no golden file \(file.lastPathComponent); record with LVSADM_RECORD_GOLDEN=1",
                sourceLocation: sourceLocation)
            return
        }
        #expect(text == expected, "golden \(name) differs", sourceLocation: sourceLocation)
    }
}
