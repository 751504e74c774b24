import Foundation
import IPVSTesting

/// The encoding goldens in `Golden/` (message dumps, `.txt`); see `GoldenFiles`.
// Read as the folder it stands for: `Golden.check(...)`.
// swift-format-ignore: AlwaysUseLowerCamelCase
let Golden = GoldenFiles(
    directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden"),
    fileExtension: "txt")
