/// What `apply` needs from the machine besides the kernel table: files, a lock, the clock.
/// Injectable, so tests run without a file system, a lock or real waiting.
public protocol ApplyHost: AnyObject {
    /// The whole file; throws `HostError` with the C library's words.
    func readFile(_ path: String) throws(HostError) -> [UInt8]
    /// Replaces the file in one step (a crash leaves the old or the new one, whole).
    func writeFile(_ path: String, _ bytes: [UInt8]) throws(HostError)
    /// Creates the directory and its parents if missing.
    func makeDirectory(_ path: String) throws(HostError)
    /// Removes the file; a missing file is fine.
    func removeFile(_ path: String)
    /// Takes an exclusive lock on the file (creating it), waiting for other holders; held
    /// until `release` or the process ends.
    func lock(_ path: String) throws(HostError) -> any HeldLock
    func environment(_ name: String) -> String?
    /// Seconds since the epoch.
    func now() -> Double
    func sleep(seconds: Double)
}

public protocol HeldLock: AnyObject {
    func release()
}

/// A failed file operation, in words ready for the user.
public struct HostError: Error, Hashable, Sendable {
    public var message: String
    /// The file is not there (reading a state file that was never written is fine).
    public var isMissing: Bool

    public init(_ message: String, isMissing: Bool = false) {
        self.message = message
        self.isMissing = isMissing
    }
}
