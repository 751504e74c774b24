/// How one command (or one restore line) ended.
struct Outcome: Equatable {
    /// The exit status ipvsadm would have for it.
    var status: Int32
    /// Whether ipvsadm would exit here (`exit()`), ending a restore too; otherwise a
    /// restore reads on.
    var endsRun: Bool

    static let success = Outcome(status: 0, endsRun: false)
    /// A kernel error on a write: reported, and a restore goes on.
    static let kernelError = Outcome(status: 255, endsRun: false)
    /// A listing that could not be read: ipvsadm exits 1.
    static let listingFailure = Outcome(status: 1, endsRun: true)
    /// The connection could not be made: ipvsadm exits 2.
    static let connectFailure = Outcome(status: 2, endsRun: true)
    /// `-h`, `-v`: printed, then exit 0.
    static let finished = Outcome(status: 0, endsRun: true)
}
