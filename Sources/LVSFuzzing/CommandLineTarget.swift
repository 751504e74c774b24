import Glibc
import IPVSKit
import LVSCommandLine

/// One command line: every argument list either parses or gets a message with one of
/// ipvsadm's statuses. Every argument is also read by the address readers, which must
/// agree with the C library ipvsadm calls (`inet_pton`, `inet_aton`), and as an
/// endpoint, where the fast path (plain dotted quad) must give what the general way gives.
enum CommandLineTarget {
    static let parser = CommandLineParser(programName: "lvsadm", resolver: FixedResolver())

    static func run(_ input: [UInt8]) throws(FuzzFinding) {
        // NUL separates arguments, as in argv; no input at all is no argument.
        let arguments =
            input.isEmpty
            ? []
            : input.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        do {
            _ = try parser.parse(arguments)
        } catch {
            guard error.exitStatus == 2 || error.exitStatus == 255, !error.message.isEmpty else {
                throw FuzzFinding("\(arguments): status \(error.exitStatus), message \(error.message.debugDescription)")
            }
        }
        for argument in arguments {
            try addressReaders(argument)
            guard let fast = EndpointText.plainIPv4(argument) else { continue }
            let general = EndpointText.general(argument, protocol: .tcp, resolver: parser.resolver)
            guard general == fast else {
                throw FuzzFinding(
                    "\(argument.debugDescription): fast path \(fast), general way \(String(describing: general))")
            }
        }
    }

    private static func addressReaders(_ text: String) throws(FuzzFinding) {
        var v4 = in_addr()
        let glibcPton4 = inet_pton(AF_INET, text, &v4) == 1 ? IPv4Address(UInt32(bigEndian: v4.s_addr)) : nil
        guard IPv4Address(text) == glibcPton4 else {
            throw FuzzFinding(
                "\(text.debugDescription): IPv4Address \(String(describing: IPv4Address(text))), inet_pton \(String(describing: glibcPton4))"
            )
        }
        var v6 = in6_addr()
        let glibcPton6 = inet_pton(AF_INET6, text, &v6) == 1 ? withUnsafeBytes(of: v6) { IPv6Address(bytes: $0) } : nil
        guard IPv6Address(text) == glibcPton6 else {
            throw FuzzFinding(
                "\(text.debugDescription): IPv6Address \(String(describing: IPv6Address(text))), inet_pton \(String(describing: glibcPton6))"
            )
        }
        let glibcAton = inet_aton(text, &v4) != 0 ? IPv4Address(UInt32(bigEndian: v4.s_addr)) : nil
        guard InetText.aton(text) == glibcAton else {
            throw FuzzFinding(
                "\(text.debugDescription): InetText.aton \(String(describing: InetText.aton(text))), inet_aton \(String(describing: glibcAton))"
            )
        }
    }
}
