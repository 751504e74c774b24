import LVSHealth

extension CheckKind {
    var isExec: Bool {
        if case .exec = self { return true }
        return false
    }
}

extension ProbeTarget {
    /// An exec check's arguments with `{address}` and `{port}` replaced by the checked
    /// address and port, so the target (and the sharing of its probe) is by final command.
    var withPlaceholdersFilled: ProbeTarget {
        guard case .exec(var exec) = kind else { return self }
        exec.arguments = exec.arguments.map {
            $0.replacing("{address}", with: address.description).replacing("{port}", with: String(port))
        }
        var filled = self
        filled.kind = .exec(exec)
        return filled
    }
}
