import Glibc

/// The token an action must carry (`Authorization: Bearer TOKEN`), read from a file that
/// only root may read or write: owned by root (or by the user lvsadmd runs as), with no
/// permission for group or others. Read again for each action, so a token is replaced by
/// rewriting the file, without a restart.
public struct ActionToken: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public enum Refusal: Error, Equatable {
        /// The file is missing, unreadable, empty, or open to others: actions are off.
        case unusable(String)
        /// The request has no bearer token.
        case missing
        /// The token does not match.
        case wrong
    }

    /// Whether `authorization` (the header's value) carries the file's token.
    public func check(_ authorization: String?) -> Refusal? {
        let expected: String
        switch read() {
        case .success(let token): expected = token
        case .failure(let refusal): return refusal
        }
        guard let authorization, authorization.hasPrefix("Bearer ") else { return .missing }
        return Self.equal(Array(authorization.dropFirst(7).utf8), Array(expected.utf8)) ? nil : .wrong
    }

    /// Compares every byte whatever the first difference, so that the time taken tells an
    /// attacker nothing of how much of a guess was right.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }

    func read() -> Result<String, Refusal> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return .failure(.unusable("\(path): \(String(cString: strerror(errno)))")) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return .failure(.unusable("\(path) is not a regular file"))
        }
        guard status.st_uid == 0 || status.st_uid == geteuid(), status.st_mode & 0o077 == 0 else {
            return .failure(.unusable("\(path) must belong to root and be readable by it alone (chmod 600)"))
        }
        var bytes = [UInt8](repeating: 0, count: 4097)
        let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0, count < bytes.count else { return .failure(.unusable("\(path) is empty or too long")) }
        var token = String(decoding: bytes[..<count], as: UTF8.self)
        while token.last?.isWhitespace == true { token.removeLast() }
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else {
            return .failure(.unusable("\(path) must hold one token of printable characters"))
        }
        return .success(token)
    }
}
