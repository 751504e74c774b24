import Testing

@testable import LVSCommandLine

/// Checks of the grammar table itself, so a mistake in the data shows as a failing test
/// rather than as odd parsing.
@Suite struct GrammarTableTests {
    @Test func shortNamesAreUnique() {
        let shorts = Grammar.switches.flatMap(\.shortNames)
        #expect(Set(shorts).count == shorts.count)
    }

    @Test func longNamesAreUniqueAndWellFormed() {
        let longs = Grammar.switches.map(\.longName)
        #expect(Set(longs).count == longs.count)
        for name in longs {
            #expect(!name.isEmpty && !name.hasPrefix("-") && !name.contains("=") && !name.contains(" "))
        }
    }

    @Test func everyCommandAndOptionHasASwitch() {
        let roles = Set(Grammar.switches.map(\.role))
        for command in CommandKind.allCases { #expect(roles.contains(.command(command)), "\(command)") }
    }

    @Test func everyTrackedOptionHasAFullMatrixRow() {
        for option in TrackedOption.allCases {
            let rules = OptionRule.row(option.row.cells)
            #expect(rules?.count == CommandKind.matrixColumns.count, "\(option)")
        }
    }

    @Test func everyTrackedOptionIsSpelledBySomeSwitch() {
        let spelled = Set(Grammar.switches.compactMap(\.role.tracked))
        #expect(spelled == Set(TrackedOption.allCases))
    }

    @Test func messageNamesAreUnique() {
        let names = TrackedOption.allCases.map(\.messageName)
        #expect(Set(names).count == names.count)
        let commands = CommandKind.allCases.map(\.messageName)
        #expect(Set(commands).count == commands.count)
    }

    @Test func everyCommandTakesAtLeastOneOptionOrNone() {
        // Required options must be ones the scanner can produce for that command.
        for command in CommandKind.matrixColumns {
            for option in TrackedOption.allCases where option.rule(for: command) == .required {
                #expect(option == .serviceAddress || option == .realServer, "\(command) requires \(option)")
            }
        }
    }

    @Test func matrixSpotChecksAgainstTheReference() {
        #expect(TrackedOption.numeric.rule(for: .list) == .optional)
        #expect(TrackedOption.numeric.rule(for: .save) == .optional)
        #expect(TrackedOption.serviceAddress.rule(for: .zero) == .optional)
        #expect(TrackedOption.serviceAddress.rule(for: .list) == .oneOf)
        #expect(TrackedOption.syncID.rule(for: .stopDaemon) == .optional)
        #expect(TrackedOption.weight.rule(for: .deleteServer) == .illegal)
        #expect(TrackedOption.realServer.rule(for: .editServer) == .required)
        for option in TrackedOption.allCases { #expect(option.rule(for: .restore) == .illegal) }
    }

    @Test func everyIpvsadmSwitchExceptVersionHasHelp() {
        for entry in Grammar.switches where entry.role != .command(.version) && !entry.isLvsadmOnly {
            #expect(entry.help != nil, "\(entry.longName)")
        }
    }

    /// `-h` is ipvsadm's text byte for byte: lvsadm's own options must stay out of it.
    @Test func lvsadmOnlySwitchesHaveNoHelpAndComeLast() {
        let extensions = Grammar.switches.filter(\.isLvsadmOnly)
        #expect(extensions.map(\.longName) == ["json"])
        for entry in extensions { #expect(entry.help == nil, "\(entry.longName)") }
        let last = Grammar.switches.suffix(extensions.count).allSatisfy { $0.isLvsadmOnly }
        #expect(last)
        // Their matrix rows come after ipvsadm's, so ipvsadm's messages keep their order.
        #expect(TrackedOption.allCases.last == .json)
    }

    @Test func jsonGoesWithListAndSaveOnly() {
        for command in CommandKind.matrixColumns {
            #expect(
                TrackedOption.json.rule(for: command) == (command == .list || command == .save ? .optional : .illegal))
        }
    }
}
