import Dispatch
import Hummingbird
import JSON
public import Logging
import NIOCore
import Scenario
import ServiceLifecycle
import Synchronization

/// The HTTP server of the control API and dashboard (Hummingbird, on its own threads).
///
/// Every route that reads or changes a station becomes a ``ControlMessage`` that the live loop
/// answers (``ControlDesk``); the server itself holds no simulation state. Routes (the OpenAPI
/// document at `/openapi.json` describes them):
/// - `GET /` the dashboard, `GET /openapi.json` the API's description;
/// - `GET /api/actions` the actions with their parameters;
/// - `GET /api/stations`, `GET /api/stations/{index}` the stations' state;
/// - `POST /api/stations/{index}/actions` an action, written as a scenario's `do` step;
/// - `GET /api/stations/{index}/events` server-sent events: `record` (each trace record of the
///   station) and `status` (its state, once a second).
public final class ControlServer: Sendable {
    /// The address the server listens on, with the port the system chose for port 0.
    public let address: ControlAddress
    private let gate: ControlGate
    private let task: Task<Void, Never>
    private let group: ServiceGroup
    private let ended = DispatchSemaphore(value: 0)

    /// The largest action request body read.
    static let maximumBody = 64 * 1024

    /// Starts listening; returns once the socket is bound.
    /// - Throws: ``ControlAddress/Problem`` when the address cannot be bound.
    public init(address: ControlAddress, gate: ControlGate, logger: Logger) throws(ControlAddress.Problem) {
        self.gate = gate
        let outcome = Mutex<Result<Int, ControlAddress.Problem>?>(nil)
        let bound = DispatchSemaphore(value: 0)
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        let app = Application(
            router: Self.router(gate: gate, token: address.token),
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "evsesim"),
            onServerRunning: { channel in
                outcome.withLock { $0 = .success(channel.localAddress?.port ?? address.port) }
                bound.signal()
            },
            logger: quiet)
        let ended = ended
        let group = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: quiet))
        self.group = group
        task = Task {
            do {
                try await group.run()
            } catch {
                outcome.withLock { value in
                    if value == nil { value = .failure(.init(description: "--control \(address): \(error)")) }
                }
                bound.signal()
            }
            ended.signal()
        }
        bound.wait()
        var actual = address
        switch outcome.withLock({ $0 }) {
        case .success(let port)?: actual.port = port
        case .failure(let problem)?: throw problem
        case nil: throw ControlAddress.Problem(description: "--control \(address): the server did not start")
        }
        self.address = actual
    }

    /// The dashboard's URL.
    public var url: String { "http://\(address)/" }

    /// Refuses further requests, ends the event streams and shuts the server down (waiting a
    /// few seconds at most for open connections).
    public func stop() {
        gate.close()
        let group = group
        Task { await group.triggerGracefulShutdown() }
        if ended.wait(timeout: .now() + .seconds(3)) == .timedOut { task.cancel() }
    }

    // MARK: - Routes

    static func router(gate: ControlGate, token: String?) -> Router<BasicRequestContext> {
        let router = Router()
        if let token { router.add(middleware: TokenCheck(token: token)) }
        router.get("/") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: DashboardPage.html)))
        }
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.text)))
        }
        router.get("/api/actions") { _, _ in json(ControlReply(status: 200, ActionCatalog.json)) }
        router.get("/api/stations") { _, _ in json(await gate.ask { .list($0) }) }
        router.get("/api/stations/:index") { _, context in
            guard let index = stationIndex(context) else { return json(badIndex(context)) }
            return json(await gate.ask { .station(index, $0) })
        }
        router.post("/api/stations/:index/actions") { request, context in
            guard let index = stationIndex(context) else { return json(badIndex(context)) }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: maximumBody)
            } catch {
                return json(.error(413, "the action is larger than \(maximumBody) bytes"))
            }
            switch readAction(Array(buffer: body)) {
            case .failure(let reply): return json(reply)
            case .success(let (action, text)): return json(await gate.ask { .perform(index, action, text, $0) })
            }
        }
        router.get("/api/stations/:index/events") { _, context in
            guard let index = stationIndex(context) else { return json(badIndex(context)) }
            let first = await gate.ask { .station(index, $0) }
            guard first.status == 200 else { return json(first) }
            let stream = gate.hub.subscribe(station: index)
            let opening = ByteBuffer(
                string: EventHub.frame(event: "status", data: String(decoding: first.body, as: UTF8.self)))
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: ResponseBody { writer in
                    try await writer.write(opening)
                    for await buffer in stream { try await writer.write(buffer) }
                    try await writer.finish(nil)
                })
        }
        return router
    }

    /// The `{index}` path parameter as a station index.
    static func stationIndex(_ context: BasicRequestContext) -> Int? {
        context.parameters.get("index").flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    static func badIndex(_ context: BasicRequestContext) -> ControlReply {
        .error(400, "expected a station index (0, 1, …), found '\(context.parameters.get("index") ?? "")'")
    }

    /// Reads an action request body with the scenario reader; the reply for a bad one.
    static func readAction(_ bytes: [UInt8]) -> Result<(ScenarioAction, [UInt8]), ControlReply> {
        let value: JSONValue
        do {
            value = try JSONParser().parse(bytes, file: "request body")
        } catch {
            return .failure(.error(400, "the request body is not JSON", issues: ["\(ScenarioIssue(error))"]))
        }
        do throws(ScenarioValidationError) {
            return .success((try ScenarioAction(json: value, file: "request body"), JSONWriter.compact.bytes(value)))
        } catch {
            return .failure(
                .error(400, "the request body is not a valid action", issues: error.issues.map(\.description)))
        }
    }

    static func json(_ reply: ControlReply) -> Response {
        Response(
            status: HTTPResponse.Status(code: reply.status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}

/// Refuses requests without the token (`Authorization: Bearer TOKEN` or `?token=TOKEN`).
struct TokenCheck<Context: RequestContext>: RouterMiddleware {
    let token: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let header = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        let query = request.uri.queryParameters["token"].map(String.init)
        guard ControlAddress.sameToken(header ?? query ?? "", token) else {
            return ControlServer.json(
                .error(401, "this server needs its token: Authorization: Bearer TOKEN (or ?token=TOKEN)"))
        }
        return try await next(request, context)
    }
}
