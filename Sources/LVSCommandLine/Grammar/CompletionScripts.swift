extension Completion {
    static let header = "generated from lvsadm's grammar table (Completion.swift); do not edit"

    /// What differs between the shells; the structure of the script is the same.
    struct Dialect: Sendable {
        /// Lines before the completion function's `case` statements; they set `at`, the
        /// index of the command word (after a leading `--netns NAME`), and end inside
        /// the test for completing that word.
        var prologue: [String]
        /// The word before the cursor, the command word and the program word.
        var previous: String
        var command: String
        var program: String
        /// The words between the program and the command (`--netns NAME`, or none), so
        /// the services are read from the same namespace.
        var prefix: String
        /// A statement offering `words` (a shell word list, possibly `$(...)`).
        var offer: @Sendable (String) -> String
        /// The same, with file names as well.
        var offerWithFiles: @Sendable (String) -> String
        var epilogue: [String]
    }

    static let bashDialect = Dialect(
        prologue: [
            "# bash completion for lvsadm and ipvsadm: \(header)",
            servicesFunction, "",
            "_lvsadm() {",
            "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} at=1",
            "    [ \"${COMP_WORDS[1]}\" = --netns ] && at=3",
            "    if [ \"$COMP_CWORD\" -eq \"$at\" ]; then",
        ],
        previous: "\"$prev\"", command: "\"${COMP_WORDS[at]}\"", program: "\"${COMP_WORDS[0]}\"",
        prefix: "\"${COMP_WORDS[@]:1:at-1}\"",
        offer: { "COMPREPLY=($(compgen -W \"\($0)\" -- \"$cur\"))" },
        offerWithFiles: { "COMPREPLY=($(compgen -f -W \"\($0)\" -- \"$cur\"))" },
        epilogue: ["}", "complete -F _lvsadm \(programs.joined(separator: " "))", ""])

    static let zshDialect = Dialect(
        prologue: [
            "#compdef \(programs.joined(separator: " "))",
            "# zsh completion for lvsadm and ipvsadm: \(header)", "",
            servicesFunction, "",
            "_lvsadm() {",
            "    local at=2",
            "    [[ $words[2] == --netns ]] && at=4",
            "    if (( CURRENT == at )); then",
        ],
        previous: "$words[CURRENT-1]", command: "$words[at]", program: "$words[1]",
        prefix: "${words[2,at-1]}",
        offer: { "compadd -- \($0)" },
        offerWithFiles: { "_files; compadd -- \($0)" },
        epilogue: ["}", "", "_lvsadm \"$@\"", ""])

    /// Prints the services of one kind from `PROGRAM [PREFIX...] -S -n`:
    /// `_lvsadm_services PROGRAM FLAG [PREFIX...]`.
    static let servicesFunction = """
        _lvsadm_services() {
            local program=$1 flag=$2
            shift 2
            "$program" "$@" -S -n 2>/dev/null | awk -v flag="$flag" '$1 == "-A" && $2 == flag { print $3 }'
        }
        """

    /// The bash completion script.
    public static func bash() -> String { script(bashDialect) }

    /// The zsh completion script (`_lvsadm`, for a directory in `$fpath`).
    public static func zsh() -> String { script(zshDialect) }

    static func script(_ shell: Dialect) -> String {
        let commands = (commandSwitches.flatMap { spellings($0.1) } + subcommands.map(\.name)).joined(separator: " ")
        var lines = shell.prologue
        lines += [
            "        \(shell.offer(commands + " " + namespaceSwitch))", "        return", "    fi",
            "    case \(shell.previous) in",
            "        \(namespaceSwitch)) \(shell.offer("$(ip netns list 2>/dev/null | awk '{print $1}')")); return ;;",
        ]
        for list in valueLists {
            lines.append(
                "        \(caseLabel(list.switches))) \(shell.offer(list.values.joined(separator: " "))); return ;;")
        }
        let naming = caseLabel(commandSpellings(commandsNamingServices))
        for service in serviceSwitches {
            let services = "$(_lvsadm_services \(shell.program) \(service.saveFlag) \(shell.prefix))"
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
            lines.append(
                "        \(caseLabel(spellings(item)))) \(shell.offer(options(for: kind).joined(separator: " "))) ;;")
        }
        for subcommand in subcommands {
            lines.append(
                "        \(subcommand.name)) \(shell.offerWithFiles(subcommand.options.joined(separator: " "))) ;;")
        }
        lines.append("    esac")
        return (lines + shell.epilogue).joined(separator: "\n")
    }
}
