import IPVSKit
import LVSHealth
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// `http`: one GET (or HEAD) over HTTP/1.1, optionally in TLS, judged by status and body.
///
/// Written on NIO's HTTP/1 codec rather than async-http-client: a check connects to the
/// real server's address while naming the virtual host in `Host` and in SNI, which the
/// client only does through per-client DNS overrides; the one deadline of `ProbeRun` has to
/// span connect, handshake, request and reply together; and the client's dependencies
/// (HTTP/2, extras, transport services, tracing) would more than double the build.
enum HTTPProbe {
    static func run(
        _ check: HTTPCheck, to endpoint: RealServerID, timeout: Duration, on loop: EventLoop, tls: TLSContexts
    ) -> EventLoopFuture<ProbeOutcome> {
        let run = ProbeRun(on: loop, timeout: timeout)
        let sslContext: NIOSSLContext?
        do {
            sslContext = try check.tls.map { try tls.context(verifying: $0.verify) }
        } catch {
            run.fail(.tlsFailed("cannot set up: \(error)"))
            return run.outcome
        }
        let request = requestHead(check, endpoint: endpoint)
        TCPConnection.open(to: endpoint, for: run, on: loop) { channel in
            let pipeline = channel.pipeline.syncOperations
            if let sslContext {
                do {
                    let serverName = check.tls?.serverName
                    try pipeline.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: serverName))
                } catch {
                    throw TLSSetupFailed(reason: error)
                }
            }
            try pipeline.addHTTPClientHandlers()
            try pipeline.addHandler(HTTPReplyHandler(check: check, request: request, run: run))
        }
        return run.outcome
    }

    /// The request: `Connection: close` so the server ends the exchange, and the Host the
    /// check names (a virtual host), else the address itself.
    static func requestHead(_ check: HTTPCheck, endpoint: RealServerID) -> HTTPRequestHead {
        let defaultPort: UInt16 = check.tls == nil ? 80 : 443
        let host = check.host ?? (endpoint.port == defaultPort ? endpoint.addressText : endpoint.description)
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: host)
        headers.add(name: "User-Agent", value: "lvsadmd")
        headers.add(name: "Accept", value: "*/*")
        headers.add(name: "Connection", value: "close")
        let method: HTTPMethod = check.method == .head ? .HEAD : .GET
        return HTTPRequestHead(version: .http1_1, method: method, uri: check.path, headers: headers)
    }
}

/// NIOSSL refused the handshake's settings (an SNI name that is an address, or empty).
struct TLSSetupFailed: Error {
    var reason: any Error
}

extension RealServerID {
    /// The address as a URL or Host header writes it: IPv6 in brackets.
    var addressText: String {
        if case .v6 = address { return "[\(address)]" }
        return address.description
    }
}
