import Glibc

/// The state file on disk, replaced whole on every save: written to `PATH.tmp`, flushed,
/// then renamed over `PATH`, so a crash or a full disk leaves the old file or the new one,
/// never half of one. The directory is made on the first save if it is missing.
public struct StateFile: Sendable {
    public var path: String

    public init(path: String) { self.path = path }

    public static let defaultPath = "/var/lib/lvsadmd/state"

    public func save(_ state: SavedState) throws(TextError) {
        let bytes = Array(StateFileFormat.text(state).utf8)
        let temporary = path + ".tmp"
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        // The first save makes the directory (/var/lib/lvsadmd) where no package or
        // systemd's StateDirectory= did; only that one level, as a typo must not grow a tree.
        if descriptor < 0 && errno == ENOENT, let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            let directory = String(path[..<slash])
            if mkdir(directory, 0o755) == 0 || errno == EEXIST {
                descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            }
        }
        guard descriptor >= 0 else { throw failure("opening \(temporary)") }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                let error = failure("writing \(temporary)")
                close(descriptor)
                throw error
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            let error = failure("flushing \(temporary)")
            close(descriptor)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else { throw failure("renaming \(temporary) to \(path)") }
    }

    /// nil when there is no file yet (a first start).
    public func load() throws(TextError) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw failure("opening \(path)")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("reading \(path)")
            }
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func failure(_ what: String) -> TextError {
        TextError("\(what): \(String(cString: strerror(errno)))")
    }
}
