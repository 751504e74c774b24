import Foundation
import IPVSTesting

/// The expected JSON documents in `Tests/LVSCommandLineTests/Golden/`; see `GoldenFiles`.
// Read as the folder it stands for, as `Golden` is in IPVSNetlinkTests.
// swift-format-ignore: AlwaysUseLowerCamelCase
let JSONGolden = GoldenFiles(
    directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden"),
    fileExtension: "json")
