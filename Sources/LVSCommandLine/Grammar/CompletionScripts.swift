extension Completion {
    static let header = "generated from lvsadm's grammar table (Completion.swift); do not edit"

    /// The bash completion script.
    public static func bash() -> String {
        let commands = commandSwitches.flatMap { spellings($0.1) }.joined(separator: " ")
        var lines = [
            "# bash completion for lvsadm and ipvsadm: \(header)",
            "_lvsadm_services() {",
            "    \"$1\" -S -n 2>/dev/null | awk -v flag=\"$2\" '$1 == \"-A\" && $2 == flag { print $3 }'",
            "}",
            "",
            "_lvsadm() {",
            "    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}",
            "    if [ \"$COMP_CWORD\" -eq 1 ]; then",
            "        COMPREPLY=($(compgen -W \"\(commands)\" -- \"$cur\"))",
            "        return",
            "    fi",
            "    case \"$prev\" in",
        ]
        for list in valueLists {
            lines.append("        \(caseLabel(list.switches))) COMPREPLY=($(compgen -W \"\(list.values.joined(separator: " "))\" -- \"$cur\")); return ;;")
        }
        let naming = caseLabel(commandSpellings(commandsNamingServices))
        for service in serviceSwitches {
            lines.append("        \(caseLabel(service.switches)))")
            lines.append("            case \"${COMP_WORDS[1]}\" in")
            lines.append("                \(naming)) COMPREPLY=($(compgen -W \"$(_lvsadm_services \"${COMP_WORDS[0]}\" \(service.saveFlag))\" -- \"$cur\")) ;;")
            lines.append("            esac")
            lines.append("            return ;;")
        }
        lines.append("    esac")
        lines.append("    case \"${COMP_WORDS[1]}\" in")
        for (kind, item) in commandSwitches where kind.matrixColumn != nil {
            let options = options(for: kind).joined(separator: " ")
            lines.append("        \(caseLabel(spellings(item)))) COMPREPLY=($(compgen -W \"\(options)\" -- \"$cur\")) ;;")
        }
        lines += ["    esac", "}", "complete -F _lvsadm \(programs.joined(separator: " "))", ""]
        return lines.joined(separator: "\n")
    }

    /// The zsh completion script (`_lvsadm`, for a directory in `$fpath`).
    public static func zsh() -> String {
        let commands = commandSwitches.flatMap { spellings($0.1) }.joined(separator: " ")
        var lines = [
            "#compdef \(programs.joined(separator: " "))",
            "# zsh completion for lvsadm and ipvsadm: \(header)",
            "",
            "_lvsadm_services() {",
            "    \"$1\" -S -n 2>/dev/null | awk -v flag=\"$2\" '$1 == \"-A\" && $2 == flag { print $3 }'",
            "}",
            "",
            "_lvsadm() {",
            "    if (( CURRENT == 2 )); then",
            "        compadd -- \(commands)",
            "        return",
            "    fi",
            "    case $words[CURRENT-1] in",
        ]
        for list in valueLists {
            lines.append("        \(caseLabel(list.switches))) compadd -- \(list.values.joined(separator: " ")); return ;;")
        }
        let naming = caseLabel(commandSpellings(commandsNamingServices))
        for service in serviceSwitches {
            lines.append("        \(caseLabel(service.switches)))")
            lines.append("            case $words[2] in")
            lines.append("                \(naming)) compadd -- ${(f)\"$(_lvsadm_services $words[1] \(service.saveFlag))\"} ;;")
            lines.append("            esac")
            lines.append("            return ;;")
        }
        lines.append("    esac")
        lines.append("    case $words[2] in")
        for (kind, item) in commandSwitches where kind.matrixColumn != nil {
            lines.append("        \(caseLabel(spellings(item)))) compadd -- \(options(for: kind).joined(separator: " ")) ;;")
        }
        lines += ["    esac", "}", "", "_lvsadm \"$@\"", ""]
        return lines.joined(separator: "\n")
    }
}
