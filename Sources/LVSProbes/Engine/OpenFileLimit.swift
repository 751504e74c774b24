#if canImport(Glibc)
    import Glibc
#endif

/// The process's limit of open files. systemd and most inits start a service with a soft
/// limit of 1,024 and a much higher hard limit; a daemon that checks thousands of real
/// servers needs the hard one, which it may take without privileges.
public enum OpenFileLimit {
    /// Raises the soft limit to the hard one; returns the soft limit in force afterwards.
    @discardableResult
    public static func raiseToHard() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return limit.rlim_cur >= rlim_t(Int32.max) ? Int(Int32.max) : Int(limit.rlim_cur)
    }
}
