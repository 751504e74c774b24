import LVSCommandLine

/// One command line: every argument list either parses or gets a message with one of
/// ipvsadm's statuses, and every argument read as an endpoint gives the same endpoint by
/// the fast path (plain dotted quad) and the general way.
enum CommandLineTarget {
    static let parser = CommandLineParser(programName: "lvsadm", resolver: FixedResolver())

    static func run(_ input: [UInt8]) throws(FuzzFinding) {
        // NUL separates arguments, as in argv; no input at all is no argument.
        let arguments =
            input.isEmpty
            ? [] : input.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        do {
            _ = try parser.parse(arguments)
        } catch {
            guard error.exitStatus == 2 || error.exitStatus == 255, !error.message.isEmpty else {
                throw FuzzFinding("\(arguments): status \(error.exitStatus), message \(error.message.debugDescription)")
            }
        }
        for argument in arguments {
            guard let fast = EndpointText.plainIPv4(argument) else { continue }
            let general = EndpointText.general(argument, protocol: .tcp, resolver: parser.resolver)
            guard general == fast else {
                throw FuzzFinding("\(argument.debugDescription): fast path \(fast), general way \(String(describing: general))")
            }
        }
    }
}
