import Foundation
import IPVSTesting

/// The expected JSON documents in `Tests/LVSCommandLineTests/Golden/`; see `GoldenFiles`.
let JSONGolden = GoldenFiles(
    directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden"),
    fileExtension: "json")
