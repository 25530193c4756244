/// The OpenAPI 3.0 description of the control API, served at `/openapi.json`.
enum OpenAPIDocument {
    static let json = "{}"
}
