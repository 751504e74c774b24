extension Completion {
    static let header = "generated from lvsadm's grammar table (Completion.swift); do not edit"

    /// What differs between the shells; the structure of the script is the same.
    struct Dialect: Sendable {
        /// Lines before the completion function's `case` statements.
        var prologue: [String]
        /// The word before the cursor, the command word and the program word.
        var previous: String
        var command: String
        var program: String
        /// A statement offering `words` (a shell word list, possibly `$(...)`).
        var offer: @Sendable (String) -> String
        var epilogue: [String]
    }

    static let bashDialect = Dialect(
        prologue: [
            "# bash completion for lvsadm and ipvsadm: \(header)",
            servicesFunction, "",
            "_lvsadm() {",
            "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}",
            "    if [ \"$COMP_CWORD\" -eq 1 ]; then",
        ],
        previous: "\"$prev\"", command: "\"${COMP_WORDS[1]}\"", program: "\"${COMP_WORDS[0]}\"",
        offer: { "COMPREPLY=($(compgen -W \"\($0)\" -- \"$cur\"))" },
        epilogue: ["}", "complete -F _lvsadm \(programs.joined(separator: " "))", ""])

    static let zshDialect = Dialect(
        prologue: [
            "#compdef \(programs.joined(separator: " "))",
            "# zsh completion for lvsadm and ipvsadm: \(header)", "",
            servicesFunction, "",
            "_lvsadm() {",
            "    if (( CURRENT == 2 )); then",
        ],
        previous: "$words[CURRENT-1]", command: "$words[2]", program: "$words[1]",
        offer: { "compadd -- \($0)" },
        epilogue: ["}", "", "_lvsadm \"$@\"", ""])

    /// Prints the services of one kind from `PROGRAM -S -n`: `_lvsadm_services PROGRAM FLAG`.
    static let servicesFunction = """
        _lvsadm_services() {
            "$1" -S -n 2>/dev/null | awk -v flag="$2" '$1 == "-A" && $2 == flag { print $3 }'
        }
        """

    /// The bash completion script.
    public static func bash() -> String { script(bashDialect) }

    /// The zsh completion script (`_lvsadm`, for a directory in `$fpath`).
    public static func zsh() -> String { script(zshDialect) }

    static func script(_ shell: Dialect) -> String {
        let commands = commandSwitches.flatMap { spellings($0.1) }.joined(separator: " ")
        var lines = shell.prologue
        lines += ["        \(shell.offer(commands))", "        return", "    fi", "    case \(shell.previous) in"]
        for list in valueLists {
            lines.append("        \(caseLabel(list.switches))) \(shell.offer(list.values.joined(separator: " "))); return ;;")
        }
        let naming = caseLabel(commandSpellings(commandsNamingServices))
        for service in serviceSwitches {
            let services = "$(_lvsadm_services \(shell.program) \(service.saveFlag))"
            lines += [
                "        \(caseLabel(service.switches)))",
                "            case \(shell.command) in",
                "                \(naming)) \(shell.offer(services)) ;;",
                "            esac",
                "            return ;;",
            ]
        }
        lines += ["    esac", "    case \(shell.command) in"]
        for (kind, item) in commandSwitches where kind.matrixColumn != nil {
            lines.append("        \(caseLabel(spellings(item)))) \(shell.offer(options(for: kind).joined(separator: " "))) ;;")
        }
        lines.append("    esac")
        return (lines + shell.epilogue).joined(separator: "\n")
    }
}
