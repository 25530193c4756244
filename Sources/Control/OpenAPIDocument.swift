import JSON
import Scenario

/// The OpenAPI 3.0 description of the control API, served at `/openapi.json`.
///
/// Built here from the action catalogue (so every action and enumeration the reader accepts is
/// described) and kept in the repository as `Sources/Control/Resources/openapi.json`; a test
/// checks that the served document and the committed file are the same.
enum OpenAPIDocument {
    /// The document as JSON text (one line).
    static let text: String = String(decoding: JSONWriter.compact.bytes(document) + [0x0A], as: UTF8.self)

    static let document: JSONValue = [
        "openapi": "3.0.3",
        "info": [
            "title": "evsesim control API",
            "version": "1",
            "description": .string(
                "Drives the stations of `evsesim serve --control HOST:PORT`: their state, every scenario action "
                    + "(the `do` steps of scenario files, same names and parameters, checked by the same reader) "
                    + "and a server-sent-event stream of each station's trace records. Actions are inputs applied "
                    + "on the live loop at the simulated instant it stamps and traced as `input.control`."),
        ],
        "paths": [
            "/api/stations": [
                "get": operation(
                    "listStations", "Every station with its state, and the live loop's lag",
                    ok: ref("StationList"))
            ],
            "/api/stations/{index}": [
                "parameters": [indexParameter],
                "get": operation("getStation", "One station's state", ok: ref("Station"), notFound: true),
            ],
            "/api/stations/{index}/actions": [
                "parameters": [indexParameter],
                "post": operation(
                    "performAction", "Applies an action, written as a scenario's `do` step", ok: ref("ActionResult"),
                    notFound: true, body: ref("Action")),
            ],
            "/api/stations/{index}/events": [
                "parameters": [indexParameter],
                "get": eventsOperation,
            ],
            "/api/actions": [
                "get": operation("listActions", "The actions with their parameters' schemas", ok: ref("ActionCatalog"))
            ],
        ],
        "components": [
            "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            "schemas": .object(schemas),
        ],
        "security": [[:], ["bearer": []]],
    ]

    static let indexParameter: JSONValue = [
        "name": "index", "in": "path", "required": true,
        "description": "The station's index (0, 1, …; in a shard its global index)",
        "schema": ["type": "integer", "minimum": 0],
    ]

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    static func jsonContent(_ schema: JSONValue) -> JSONValue { ["application/json": ["schema": schema]] }

    static func operation(
        _ id: String, _ summary: String, ok: JSONValue, notFound: Bool = false, body: JSONValue? = nil
    ) -> JSONValue {
        var responses: JSONObject = [
            "200": ["description": "OK", "content": jsonContent(ok)],
            "400": ["description": "A malformed index or request body", "content": jsonContent(ref("Error"))],
            "401": ["description": "The server needs its token", "content": jsonContent(ref("Error"))],
            "503": ["description": "The session is ending", "content": jsonContent(ref("Error"))],
        ]
        if notFound { responses["404"] = ["description": "No such station", "content": jsonContent(ref("Error"))] }
        if body != nil {
            responses["413"] = ["description": "The body is larger than 64 KiB", "content": jsonContent(ref("Error"))]
        }
        var object: JSONObject = ["operationId": .string(id), "summary": .string(summary)]
        if let body { object["requestBody"] = ["required": true, "content": jsonContent(body)] }
        object["responses"] = .object(responses)
        return .object(object)
    }

    static let eventsOperation: JSONValue = [
        "operationId": "streamEvents",
        "summary": "Server-sent events of one station",
        "description": .string(
            "`event: status` with the station's state (at once, then once a second) and `event: record` with "
                + "each trace record of the station (one JSON line, as `--trace` writes it)."),
        "responses": [
            "200": [
                "description": "The event stream", "content": ["text/event-stream": ["schema": ["type": "string"]]],
            ],
            "400": ["description": "A malformed index", "content": jsonContent(ref("Error"))],
            "401": ["description": "The server needs its token", "content": jsonContent(ref("Error"))],
            "404": ["description": "No such station", "content": jsonContent(ref("Error"))],
            "503": ["description": "The session is ending", "content": jsonContent(ref("Error"))],
        ],
    ]

    static var schemas: JSONObject {
        var schemas: JSONObject = [
            "Error": [
                "type": "object", "required": ["error"],
                "properties": [
                    "error": ["type": "string"],
                    "issues": [
                        "type": "array", "items": ["type": "string"],
                        "description": "The scenario reader's located messages",
                    ],
                ],
            ],
            "Station": [
                "type": "object", "required": ["index", "evseId", "pty", "t", "state", "errors"],
                "properties": [
                    "index": ["type": "integer"],
                    "evseId": ["type": "string"],
                    "pty": ["type": "string", "nullable": true],
                    "t": ["type": "number", "description": "The station's simulated time, seconds since the start"],
                    "state": [
                        "type": "object",
                        "description": "Every condition key of scenario files (README \"Conditions\")",
                        "additionalProperties": [
                            "nullable": true,
                            "oneOf": [["type": "number"], ["type": "string"], ["type": "boolean"]],
                        ],
                    ],
                    "errors": ["type": "array", "items": ["type": "string"]],
                ],
            ],
            "StationList": [
                "type": "object", "required": ["t", "lagMs", "stations"],
                "properties": [
                    "t": ["type": "number"],
                    "lagMs": ["type": "number", "description": "How far the live loop is behind the wall clock"],
                    "stations": ["type": "array", "items": ref("Station")],
                ],
            ],
            "ActionResult": [
                "type": "object", "required": ["applied", "t", "station"],
                "properties": [
                    "applied": ref("Action"),
                    "t": ["type": "number", "description": "The simulated instant the action was applied at"],
                    "station": ref("Station"),
                ],
            ],
            "ActionCatalog": [
                "type": "object", "required": ["actions"],
                "properties": [
                    "actions": [
                        "type": "array",
                        "items": [
                            "type": "object", "required": ["do", "parameters", "required"],
                            "properties": [
                                "do": ["type": "string"],
                                "parameters": ["type": "object"],
                                "required": ["type": "array", "items": ["type": "string"]],
                            ],
                        ],
                    ]
                ],
            ],
        ]
        schemas["Action"] = [
            "description": "A scenario `do` step without `at` and `label`",
            "oneOf": .array(ScenarioAction.Name.allCases.map { ref("Action_\($0.rawValue)") }),
        ]
        for name in ScenarioAction.Name.allCases {
            schemas["Action_\(name.rawValue)"] = ActionCatalog.requestSchema(name)
        }
        return schemas
    }
}
