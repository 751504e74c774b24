import Glibc

/// The real `ApplyHost`: POSIX files, `flock`, `clock_gettime`, `nanosleep`.
public final class SystemApplyHost: ApplyHost {
    public init() {}

    public func readFile(_ path: String) throws(HostError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.failure(path) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        // Room for the whole file at once: grown by doubling, a 5 MB rules file would take 8 MB.
        var status = stat()
        if fstat(fd, &status) == 0, status.st_size > 0 { bytes.reserveCapacity(Int(status.st_size)) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw Self.failure(path) }
            if count == 0 { return bytes }
            bytes += buffer.prefix(count)
        }
    }

    public func writeFile(_ path: String, _ bytes: [UInt8]) throws(HostError) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.failure(temporary) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let error = Self.failure(temporary)
                close(fd)
                throw error
            }
            offset += written
        }
        // On disk before the rename makes it the state file.
        guard fsync(fd) == 0, close(fd) == 0 else { throw Self.failure(temporary) }
        guard rename(temporary, path) == 0 else { throw Self.failure(path) }
    }

    public func makeDirectory(_ path: String) throws(HostError) {
        var prefix = ""
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw Self.failure(prefix) }
        }
    }

    public func removeFile(_ path: String) {
        unlink(path)
    }

    public func lock(_ path: String) throws(HostError) -> any HeldLock {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Self.failure(path) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let error = Self.failure(path)
                close(fd)
                throw error
            }
        }
        return FileLock(descriptor: fd)
    }

    public func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    public func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    public func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    private static func failure(_ path: String) -> HostError {
        let code = errno
        return HostError("\(path): \(SystemErrorText.describe(code))", isMissing: code == ENOENT)
    }
}

/// An `flock` held on an open descriptor; closing the descriptor releases it.
final class FileLock: HeldLock {
    private var descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
