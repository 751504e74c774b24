import LVSConfig
import Testing

/// `listen` lines of lvsadmd's own format: the addresses `--listen` takes, one a line, or
/// `none` alone.
@Suite struct ListenDirectiveTests {
    let table = "-A -t 10.0.0.1:80 -s rr\n-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m\n"

    @Test func addressesInTheirOrder() throws {
        let text =
            table + "listen 127.0.0.1:9531\nlisten [::1]:9531  # and IPv6\nlisten \"unix:/run/lvsadmd http.sock\"\n"
        #expect(
            try readConfig(text).listen == [
                .tcp(host: "127.0.0.1", port: 9531), .tcp(host: "::1", port: 9531),
                .unix(path: "/run/lvsadmd http.sock"),
            ])
    }

    @Test func noneIsNoHTTPAndNoLineIsNotSaying() throws {
        #expect(try readConfig(table + "listen none\n").listen == [])
        #expect(try readConfig(table).listen == nil)
        #expect(try readConfig("virtual = 10.0.0.1:80\n\treal = 10.0.1.1:80 masq\n\tservice = none\n").listen == nil)
    }

    @Test(arguments: [
        ("listen 127.0.0.1", "test.conf:3: listen: '127.0.0.1' is not ADDRESS:PORT, [ADDRESS]:PORT or unix:/PATH"),
        (
            "listen unix:relative.sock",
            "test.conf:3: listen: 'unix:relative.sock' is not ADDRESS:PORT, [ADDRESS]:PORT or unix:/PATH"
        ),
        ("listen 127.0.0.1:0", "test.conf:3: listen: '127.0.0.1:0' is not ADDRESS:PORT, [ADDRESS]:PORT or unix:/PATH"),
        ("listen", "test.conf:3: listen takes one address: ADDRESS:PORT, [ADDRESS]:PORT or unix:/PATH, or none"),
        (
            "listen 127.0.0.1:1 127.0.0.1:2",
            "test.conf:3: listen takes one address: ADDRESS:PORT, [ADDRESS]:PORT or unix:/PATH, or none"
        ),
        ("listen 127.0.0.1:9531\nlisten none", "test.conf:4: listen: none cannot be combined with an address"),
        ("listen none\nlisten 127.0.0.1:9531", "test.conf:4: listen: none cannot be combined with an address"),
    ])
    func eachMistakeGetsItsMessage(line: String, message: String) {
        #expect(problems(table + line + "\n") == [message])
    }

    @Test func theSameRulesAsTheCommandLine() {
        #expect(ListenAddress.readList(["none"]) == .success([]))
        #expect(ListenAddress.readList([]) == .success([]))
        #expect(
            ListenAddress.readList(["none", "none"])
                == .failure(ListenProblem("none cannot be combined with an address")))
        #expect(
            ListenAddress.readList(["unix:/a", "10.0.0.1:80"])
                == .success([.unix(path: "/a"), .tcp(host: "10.0.0.1", port: 80)]))
    }
}
