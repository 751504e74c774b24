/// The `-h` and `-v` texts, byte for byte ipvsadm 1.31's; the option lines come from the
/// grammar table.
public enum HelpText {
    /// The version line ipvsadm prints (`-v`, and first line of `-h`), naming the program
    /// `ipvsadm` unless it runs under its own name `lvsadm`.
    public static func versionLine(programName: String) -> String {
        let identity = baseName(programName) == "lvsadm" ? "lvsadm" : "ipvsadm"
        return "\(identity) v1.31 2019/12/24 (compiled with popt and IPVS v1.2.1)"
    }

    /// The whole help text, ending in a newline; `programName` is argv[0] as typed.
    public static func render(programName p: String) -> String {
        var out = versionLine(programName: p) + "\n"
        out += "Usage:\n"
        let usage = [
            "-A|E virtual-service [-s scheduler] [-p [timeout]] [-M netmask] [--pe persistence_engine] [-b sched-flags]",
            "-D virtual-service",
            "-C",
            "-R",
            "-S [-n]",
            "-a|e virtual-service -r server-address [options]",
            "-d virtual-service -r server-address",
            "-L|l [virtual-service] [options]",
            "-Z [virtual-service]",
            "--set tcp tcpfin udp",
            "--start-daemon {master|backup} [daemon-options]",
            "--stop-daemon {master|backup}",
            "-h",
        ]
        for line in usage { out += "  \(p) \(line)\n" }
        out += "\nCommands:\nEither long or short options are allowed.\n"
        out += lines(of: .commands, column: 28)
        out += "\nvirtual-service:\n"
        out += lines(of: .virtualService, column: 36)
        out += "\nOptions:\n"
        out += lines(of: .options, column: 36)
        out += "Daemon Options:\n"
        out += lines(of: .daemonOptions, column: 36)
        return out
    }

    /// The help lines of one section: two blanks, the syntax padded to `column`, the
    /// description; continuation lines are indented to the description.
    private static func lines(of section: HelpSection, column: Int) -> String {
        var out = ""
        for entry in Grammar.switches.compactMap(\.help) where entry.section == section {
            for (index, text) in entry.description.enumerated() {
                let left = index == 0 ? entry.syntax : ""
                let padding = String(repeating: " ", count: max(1, column - left.count))
                out += "  \(left)\(padding)\(text)\n"
            }
        }
        return out
    }

    private static func baseName(_ path: String) -> Substring {
        path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
    }
}
