import Foundation
import IPVSTesting

/// The encoding goldens in `Golden/` (message dumps, `.txt`); see `GoldenFiles`.
let Golden = GoldenFiles(
    directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden"),
    fileExtension: "txt")
