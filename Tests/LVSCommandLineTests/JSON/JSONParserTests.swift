import IPVSKit
import Testing

@testable import LVSCommandLine

/// The JSON reader and writer, and the document reader's refusals (what `apply` will say
/// to a bad document).
@Suite struct JSONParserTests {
    @Test func integersKeepAll64Bits() throws {
        #expect(try JSONParser.parse("18446744073709551615") == .unsigned(.max))
        #expect(try JSONParser.parse("9007199254740993") == .unsigned(9_007_199_254_740_993))
        #expect(try JSONParser.parse("-9223372036854775808") == .negative(.min))
        #expect(try JSONParser.parse("-0") == .unsigned(0))
        #expect(try JSONParser.parse("1.5e3") == .double(1500))
        #expect(throws: JSONDocumentError.self) { try JSONParser.parse("18446744073709551616") }
    }

    @Test func stringsUnescapeAndEscapeBack() throws {
        let text = #""a\"b\\c\/d\n\t\u00e9\ud83d\ude00\u0001""#
        let value = try JSONParser.parse(text)
        #expect(value == .string("a\"b\\c/d\n\té😀\u{01}"))
        #expect(value.rendered() == #""a\"b\\c/d\n\té😀\u0001""# + "\n")
    }

    @Test func writingThenReadingGivesTheSameValue() throws {
        let value = JSONValue.object([
            "a": .array([.null, .bool(true), .bool(false), .unsigned(0), .negative(-5), .string("")]),
            "b": .object([]), "c": .array([]),
        ])
        #expect(try JSONParser.parse(value.rendered()) == value)
    }

    @Test(arguments: [
        ("", "line 1, column 1: unexpected end of the document"),
        ("{\"a\": 1,}", "line 1, column 9: expected a key in quotes"),
        ("{\"a\": 1 \"b\": 2}", "line 1, column 9: expected ',' or '}'"),
        ("{\n  \"a\": 1,\n  \"a\": 2\n}", "line 3, column 3: duplicate key \"a\""),
        ("[1, 2", "line 1, column 6: expected ',' or ']'"),
        ("01", "line 1, column 1: a number may not start with 0"),
        ("[1, 3.5e4551616]", "line 1, column 5: number out of range"),
        ("-1e309", "line 1, column 1: number out of range"),
        ("18446744073709551616", "line 1, column 1: integer out of range"),
        ("\"\\x\"", "line 1, column 3: invalid escape"),
        ("\"\\ud800\"", "line 1, column 8: unpaired surrogate"),
        ("\"a\nb\"", "line 1, column 3: control character in a string"),
        ("true false", "line 1, column 6: unexpected text after the document"),
        ("nul", "line 1, column 1: unexpected character"),
    ])
    func badTextSaysWhere(text: String, message: String) {
        #expect(throws: JSONDocumentError(message)) { try JSONParser.parse(text) }
    }

    @Test func deepNestingIsRefusedNotRecursedInto() {
        #expect(throws: JSONDocumentError.self) { try JSONParser.parse(String(repeating: "[", count: 100_000)) }
    }

    /// A hand-written document: everything but who the service is may be left out.
    @Test func leftOutFieldsTakeTheCommandLinesDefaults() throws {
        let text = """
            {"version": 1, "document": "rules", "services": [
              {"protocol": "tcp", "address": "10.0.0.1", "port": 80,
               "servers": [{"address": "10.0.0.2", "port": 80}]},
              {"fwmark": 5}
            ]}
            """
        let services = try JSONDocument.services(from: text)
        #expect(
            services.map(\.entry.service) == [
                VirtualService(id: tcp(v4(10, 0, 0, 1), 80)), VirtualService(id: .firewallMark(5, family: .inet)),
            ])
        #expect(services.first?.realServers.map(\.server) == [RealServer(address: v4(10, 0, 0, 2), port: 80)])
    }

    @Test(arguments: [
        (#"{"version": 2, "document": "rules"}"#, "version: 2 is not supported (this lvsadm reads version 1)"),
        (#"{"document": "rules"}"#, "version: missing"),
        ("[1]", "document: expected an object"),
        (#"{"version": 1, "document": "connections"}"#, #"document: expected "rules" or "listing", not "connections""#),
        (#"{"version": 1, "document": "rules", "extra": 1}"#, "extra: unknown key"),
        (
            #"{"version": 1, "document": "rules", "services": [{"address": "10.0.0.1", "port": 80}]}"#,
            #"services[0].protocol: a service needs "protocol", "address" and "port", or "fwmark""#
        ),
        (
            #"{"version": 1, "document": "rules", "services": [{"protocol": "tcp", "address": "10.0.0.1", "port": 65536}]}"#,
            "services[0].port: expected an integer from 0 to 65535"
        ),
        (
            #"{"version": 1, "document": "rules", "services": [{"protocol": "tcp", "address": "10.0.0.x", "port": 1}]}"#,
            "services[0].address: expected an IPv4 or IPv6 address"
        ),
        (
            #"{"version": 1, "document": "rules", "services": [{"family": "inet6", "protocol": "tcp", "address": "10.0.0.1", "port": 1}]}"#,
            "services[0].family: inet6 does not match the address"
        ),
        (
            #"{"version": 1, "document": "rules", "services": [{"fwmark": 1, "port": 1}]}"#,
            "services[0].port: a firewall-mark service has no port"
        ),
        (
            #"{"version": 1, "document": "rules", "services": [{"fwmark": 1, "flags": ["sticky"]}]}"#,
            #"services[0].flags[0]: unknown flag "sticky""#
        ),
        (
            #"{"version": 1, "document": "rules", "services": [{"fwmark": 1, "servers": [{"address": "10.0.0.2", "port": 1, "wieght": 2}]}]}"#,
            "services[0].servers[0].wieght: unknown key"
        ),
        (
            #"{"version": 1, "document": "rules", "services": [{"fwmark": 1, "servers": [{"address": "10.0.0.2", "port": 1, "forwarding": "nat"}]}]}"#,
            #"services[0].servers[0].forwarding: expected "masq", "route" or "tunnel""#
        ),
        (
            #"{"version": 1, "document": "rules", "services": [{"fwmark": 1, "servers": [{"address": "10.0.0.2", "port": 1, "weight": 2147483648}]}]}"#,
            "services[0].servers[0].weight: expected an integer from 0 to 2147483647"
        ),
    ])
    func badDocumentsSayWhichField(text: String, message: String) {
        #expect(throws: JSONDocumentError(message)) { try JSONDocument.services(from: text) }
    }

    /// Coded values without a name still round-trip, as numbers in strings and `bit-N`.
    @Test func unnamedCodesRoundTrip() throws {
        let service = VirtualService(
            id: .address(IPProtocol(rawValue: 47), v4(10, 0, 0, 1), port: 0), scheduler: "rr",
            flags: ServiceFlags(rawValue: 0x1_0001))
        let server = RealServer(
            address: v4(10, 0, 0, 2), port: 1, forwarding: ForwardingMethod(rawValue: 9),
            tunnelType: TunnelType(rawValue: 5),
            tunnelFlags: TunnelFlags(rawValue: 0x8))
        let listed = [ListedService(ServiceEntry(service: service), realServers: [RealServerEntry(server: server)])]
        let text = JSONDocument.rules(listed)
        #expect(
            text.contains(#""protocol": "47""#) && text.contains(#""bit-16""#) && text.contains(#""forwarding": "9""#))
        #expect(try JSONDocument.services(from: text) == listed)
    }
}
