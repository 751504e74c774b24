import IPVSKit

/// The words for a kernel error, as ipvsadm's `ipvs_strerror` chooses them
/// (`IPVSError.meanings`); anything not in that table gets the C library's `strerror`
/// text.
public enum KernelMessages {
    /// The text for a failed operation.
    public static func text(for error: IPVSError, strerror: (Int32) -> String = SystemErrorText.describe) -> String {
        error.meaning?.text ?? strerror(error.errno)
    }

    /// The text for anything a client may throw.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? IPVSError { return text(for: error, strerror: SystemErrorText.describe) }
        return String(describing: error)
    }
}
