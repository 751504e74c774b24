/// A readable rendering of one generic-netlink message of the IPVS family for golden
/// files: every byte appears (header fields as numbers, attribute payloads and padding as
/// hex), and each attribute is named after `linux/ip_vs.h`. This reader is written apart
/// from the product on purpose, so a wrong id or length in the product shows as a wrong
/// name or a broken layout here.
enum MessageDump {
    static let commandNames = [
        1: "NEW_SERVICE", 2: "SET_SERVICE", 3: "DEL_SERVICE", 4: "GET_SERVICE", 5: "NEW_DEST", 6: "SET_DEST",
        7: "DEL_DEST", 8: "GET_DEST", 9: "NEW_DAEMON", 10: "DEL_DAEMON", 11: "GET_DAEMON", 12: "SET_CONFIG",
        13: "GET_CONFIG", 14: "SET_INFO", 15: "GET_INFO", 16: "ZERO", 17: "FLUSH",
    ]
    static let topNames = [
        1: "SERVICE", 2: "DEST", 3: "DAEMON", 4: "TIMEOUT_TCP", 5: "TIMEOUT_TCP_FIN", 6: "TIMEOUT_UDP",
    ]
    static let nestNames: [Int: [Int: String]] = [
        1: [
            1: "AF", 2: "PROTOCOL", 3: "ADDR", 4: "PORT", 5: "FWMARK", 6: "SCHED_NAME", 7: "FLAGS", 8: "TIMEOUT",
            9: "NETMASK", 10: "STATS", 11: "PE_NAME", 12: "STATS64",
        ],
        2: [
            1: "ADDR", 2: "PORT", 3: "FWD_METHOD", 4: "WEIGHT", 5: "U_THRESH", 6: "L_THRESH", 7: "ACTIVE_CONNS",
            8: "INACT_CONNS", 9: "PERSIST_CONNS", 10: "STATS", 11: "ADDR_FAMILY", 12: "STATS64", 13: "TUN_TYPE",
            14: "TUN_PORT", 15: "TUN_FLAGS",
        ],
        3: [
            1: "STATE", 2: "MCAST_IFN", 3: "SYNC_ID", 4: "SYNC_MAXLEN", 5: "MCAST_GROUP", 6: "MCAST_GROUP6",
            7: "MCAST_PORT", 8: "MCAST_TTL",
        ],
    ]
    static let nestedFlag = 0x8000

    static func render(_ bytes: [UInt8]) -> String {
        guard bytes.count >= 20 else { return "short message: " + hex(bytes[...]) + "\n" }
        let length = u32(bytes, 0)
        var lines = [
            "nlmsghdr len=\(length) type=0x\(hex16(u16(bytes, 4))) flags=0x\(hex16(u16(bytes, 6)))"
                + " seq=\(u32(bytes, 8)) pid=\(u32(bytes, 12))",
            "genlmsghdr cmd=\(bytes[16]) (\(commandNames[Int(bytes[16])] ?? "?")) version=\(bytes[17])"
                + " reserved=\(hex(bytes[18..<20]))",
        ]
        if length != bytes.count { lines.append("LENGTH MISMATCH: \(bytes.count) bytes") }
        attributes(bytes, 20, bytes.count, depth: 0, parent: nil, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func attributes(
        _ b: [UInt8], _ start: Int, _ end: Int, depth: Int, parent: Int?, into lines: inout [String]
    ) {
        var offset = start
        let indent = String(repeating: "  ", count: depth + 1)
        while offset < end {
            guard end - offset >= 4 else {
                lines.append(indent + "TRAILING " + hex(b[offset..<end]))
                return
            }
            let length = Int(u16(b, offset))
            let rawType = Int(u16(b, offset + 2))
            let type = rawType & ~nestedFlag & ~0x4000
            guard length >= 4, offset + length <= end else {
                lines.append(indent + "BROKEN attr len=\(length) type=\(rawType): " + hex(b[offset..<end]))
                return
            }
            let names = parent.map { nestNames[$0] ?? [:] } ?? topNames
            var line = indent + "\(names[type] ?? "?")(\(type)) len=\(length)"
            if rawType & nestedFlag != 0 { line += " NLA_F_NESTED" }
            let padded = min(end, offset + (length + 3) & ~3)
            let isNest = parent == nil && (1...3).contains(type)
            if isNest {
                lines.append(line + " {")
                attributes(b, offset + 4, offset + length, depth: depth + 1, parent: type, into: &lines)
                lines.append(indent + "}" + padding(b, offset + length, padded))
            } else {
                lines.append(
                    line + ": " + hex(b[(offset + 4)..<(offset + length)]) + padding(b, offset + length, padded))
            }
            offset = padded
        }
    }

    private static func padding(_ b: [UInt8], _ from: Int, _ to: Int) -> String {
        from < to ? " pad " + hex(b[from..<to]) : ""
    }

    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
    }

    private static func hex16(_ v: UInt16) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 4 - s.count) + s
    }

    private static func u16(_ b: [UInt8], _ at: Int) -> UInt16 { UInt16(b[at]) | UInt16(b[at + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(b[at + $1]) << (8 * UInt32($1)) }
    }
}
