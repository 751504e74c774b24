import Glibc

/// The C library's words for an errno.
public enum SystemErrorText {
    public static func describe(_ errno: Int32) -> String {
        guard let text = strerror(errno) else { return "Unknown error \(errno)" }
        return String(cString: text)
    }
}
