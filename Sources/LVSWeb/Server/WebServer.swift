import Hummingbird
import HummingbirdCore
import LVSConfig
import LVSDaemon
import Logging
import ServiceLifecycle

/// lvsadmd's HTTP server (Hummingbird): every request goes through `WebRoute` first, and
/// only a route it accepts asks the daemon's loop for a view of the director. A
/// ServiceLifecycle service, run beside the daemon in its ServiceGroup.
public enum WebServer {
    /// Where it listens: a TCP address or a Unix socket.
    public typealias Listen = ListenAddress

    /// What the server asks of the daemon: a view of the director, and a control request
    /// (the actions), both answered by its loop.
    public struct Backend: Sendable {
        public var view: @Sendable () async -> DirectorView?
        public var control: @Sendable ([String]) async -> ControlReply
        /// nil: no token file, actions refused.
        public var token: ActionToken?

        public init(
            view: @escaping @Sendable () async -> DirectorView?,
            control: @escaping @Sendable ([String]) async -> ControlReply, token: ActionToken?
        ) {
            self.view = view
            self.control = control
            self.token = token
        }
    }

    /// The server of one address, as a ServiceLifecycle service. A Unix socket is made root's
    /// alone (mode 0600) before anyone can connect to it (`PrivateUnixSocket`), and removed
    /// when the server stops.
    public static func service(listen: Listen, backend: Backend, logger: Logger) throws -> any Service {
        guard case .unix(let path) = listen else {
            return application(bind: listen.bindAddress, backend: backend, logger: logger, onRunning: {})
        }
        let socket: PrivateUnixSocket
        do {
            socket = try PrivateUnixSocket(path: path)
        } catch {
            throw WebServerError(description: "--listen unix:\(path): \(error)")
        }
        let app = application(bind: .unixDomainSocket(path: socket.bound), backend: backend, logger: logger) {
            do {
                try socket.publish()
                logger.info("HTTP on unix:\(path) (mode 0600)")
            } catch {
                logger.critical("HTTP on unix:\(path): \(error)")
            }
        }
        return UnixSocketServer(app: app, socket: socket)
    }

    static func application(
        bind: BindAddress, backend: Backend, logger: Logger, onRunning: @escaping @Sendable () -> Void
    ) -> some ApplicationProtocol {
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            await respond(to: request, backend: backend)
        }
        var httpConfiguration = HTTP1Channel.Configuration(idleTimeout: .seconds(30))
        httpConfiguration.httpDecoder = .init(
            maxHeaderFieldSize: 8192, maxHeaderListSize: 16384, maxHeaderFieldCount: 64)
        return Application(
            responder: responder, server: .http1(configuration: httpConfiguration),
            configuration: ApplicationConfiguration(address: bind, serverName: "lvsadmd"),
            onServerRunning: { _ in onRunning() }, logger: logger)
    }

    /// The application on a Unix socket, and the socket's file removed when it ends.
    struct UnixSocketServer<App: Service>: Service {
        let app: App
        let socket: PrivateUnixSocket

        func run() async throws {
            defer { socket.remove() }
            try await app.run()
        }
    }

    public struct WebServerError: Error, CustomStringConvertible {
        public var description: String
    }

    static func respond(to request: Request, backend: Backend) async -> Response {
        let route = WebRoute.route(method: request.method.rawValue, target: request.head.path ?? "")
        switch route {
        case .refused(let status, let reason):
            return text(HTTPResponse.Status(code: status), reason + "\n")
        case .action(let action):
            return await act(action, request: request, backend: backend)
        default:
            break
        }
        guard var snapshot = await backend.view() else {
            return text(.serviceUnavailable, "the IPVS table cannot be read now (or lvsadmd is stopping)\n")
        }
        // A long poll: the loop is asked again every quarter second (a view is cheap next
        // to a check) until a transition comes or the wait is over.
        if case .events(let since, let wait) = route, wait > 0 {
            let deadline = ContinuousClock.now + .seconds(wait)
            while snapshot.events.last == since && ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(250))
                guard let next = await backend.view() else { break }
                snapshot = next
            }
        }
        let (body, type) = WebPages.render(route, snapshot)
        return Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// An action: no body, the right token, then the control request; its refusal (an
    /// unknown server, say) is a 409 with lvsadmd's words.
    static func act(_ action: WebAction, request: Request, backend: Backend) async -> Response {
        let length = request.headers[.contentLength]
        guard (length == nil || length == "0") && request.headers[.transferEncoding] == nil else {
            return text(.contentTooLarge, "an action takes no body: its arguments go in the query\n")
        }
        guard let token = backend.token else {
            return text(.forbidden, "actions are off: lvsadmd was started without --token-file\n")
        }
        switch token.check(request.headers[.authorization]) {
        case .unusable(let problem):
            return text(.forbidden, "actions are off: \(problem)\n")
        case .missing:
            var response = text(.unauthorized, "an action needs Authorization: Bearer TOKEN\n")
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        case .wrong:
            return text(.forbidden, "wrong token\n")
        case nil:
            let reply = await backend.control(action.controlWords)
            return text(reply.succeeded ? .ok : .conflict, reply.text)
        }
    }

    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

extension ListenAddress {
    var bindAddress: BindAddress {
        switch self {
        case .tcp(let host, let port): .hostname(host, port: port)
        case .unix(let path): .unixDomainSocket(path: path)
        }
    }
}
