/// The top of every run, before the ipvsadm grammar: the `--netns` prefix, then the
/// dispatch of what follows it.
extension Program {
    /// The executable's entry point: removes a leading `--netns NAME` and enters that
    /// namespace (before any socket is opened or file read), then dispatches the rest.
    ///
    /// A namespace that cannot be entered is reported and ends the run with status 2 (as
    /// "Can't initialize ipvs" does: the table cannot be reached) before any table is
    /// touched.
    public func runTopLevel(_ arguments: [String]) -> Int32 {
        let split: (prefix: NamespacePrefix?, rest: [String])
        do {
            split = try NamespacePrefix.split(arguments)
        } catch {
            output.write(error.message + "\n", to: .standardError)
            return error.exitStatus
        }
        if let prefix = split.prefix {
            do {
                try enterNamespace(prefix.path)
            } catch {
                output.write(
                    "Cannot enter network namespace \"\(prefix.name)\" (\(prefix.path)): \(error.reason)\n",
                    to: .standardError)
                return 2
            }
        }
        return dispatch(split.rest)
    }

    /// Everything after the namespace prefix: the argv[0] dispatch, then (in `run`)
    /// lvsadm's own `apply` and `diff` ahead of the ipvsadm grammar, so all of them run in
    /// the namespace.
    public func dispatch(_ arguments: [String]) -> Int32 {
        runAsInvoked(arguments)
    }
}
