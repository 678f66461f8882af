import Vapor
import WaihuCore

/// Turns every error into an answer a person can act on: `{"error": {"code", "message"}}`
/// for the API, an error page (or a redirect to the login page) for the web.
struct WaihuErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let redirect as Redirect {
            return request.redirect(to: redirect.to, redirectType: .normal)
        } catch {
            let failure = ErrorTranslation.domainError(error, request: request)
            let isAPI = (request.storage[SurfaceKey.self] ?? (request.url.path.hasPrefix("/api/") ? .api : .page)) != .page
            if !isAPI, failure.kind == .unauthenticated {
                let next = request.url.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
                return request.redirect(to: "/login?next=\(next)", redirectType: .normal)
            }
            let status = ErrorTranslation.status(failure)
            if status == .internalServerError {
                request.logger.report(error: error)
            }
            if isAPI {
                return try ErrorTranslation.jsonResponse(failure, status: status, language: request.language)
            }
            return try await ErrorPage.render(failure, status: status, for: request)
        }
    }
}

/// Maps errors of every origin onto `DomainError` and HTTP statuses.
enum ErrorTranslation {
    static func domainError(_ error: any Error, request: Request) -> DomainError {
        switch error {
        case let domain as DomainError:
            return domain
        case let decoding as DecodingError:
            return decodingError(decoding)
        case let abort as any AbortError:
            return DomainError(kind(for: abort.status), code: code(for: abort.status),
                               zh: zhReason(abort.status, fallback: abort.reason), en: abort.reason)
        case _ where String(reflecting: type(of: error)).hasPrefix("MultipartKit.") || error is GuardedFormDataDecoder.NonASCIIHeaderName:
            // A multipart body that is cut off or has no valid boundary: the client's mistake.
            return DomainError(.badInput, code: "malformed_upload",
                               zh: "上传的表单数据不完整或格式错误，请重新选择文件上传",
                               en: "The uploaded form data is incomplete or malformed; choose the file and upload it again")
        default:
            return DomainError(.badInput, code: "internal_error",
                               zh: "服务器内部错误，请稍后重试", en: "Internal server error; please try again later")
        }
    }

    static func status(_ error: DomainError) -> HTTPResponseStatus {
        if error.code == "internal_error" { return .internalServerError }
        switch error.kind {
        case .badInput: return .badRequest
        case .unauthenticated: return .unauthorized
        case .forbidden: return .forbidden
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .ruleRefused: return .unprocessableEntity
        case .throttled: return .tooManyRequests
        }
    }

    static func jsonResponse(_ error: DomainError, status: HTTPResponseStatus, language: Language) throws -> Response {
        let body = ErrorBody(error: .init(code: error.code, message: error.message.text(language),
                                          message_zh: error.message.zh, message_en: error.message.en))
        let response = Response(status: status)
        try response.content.encode(body, as: .json)
        return response
    }

    static func decodingError(_ error: DecodingError) -> DomainError {
        func name(_ path: [any CodingKey]) -> String {
            path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .missingField(name(context.codingPath + [key]))
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let field = name(context.codingPath)
            return .invalidField(field, zh: "类型应为 \(typeName(type))", en: "expected \(typeName(type))")
        case .dataCorrupted(let context):
            let field = name(context.codingPath)
            if field.isEmpty {
                return DomainError(.badInput, code: "malformed_body",
                                   zh: "请求体不是有效的 JSON", en: "The request body is not valid JSON")
            }
            return .invalidField(field, zh: context.debugDescription, en: context.debugDescription)
        @unknown default:
            return DomainError(.badInput, code: "malformed_body", zh: "请求体无效", en: "The request body is invalid")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "string"
        case is Int.Type, is Double.Type: "number"
        case is Bool.Type: "boolean"
        default: String(describing: type).lowercased()
        }
    }

    static func kind(for status: HTTPResponseStatus) -> DomainError.Kind {
        switch status.code {
        case 401: .unauthenticated
        case 403: .forbidden
        case 404: .notFound
        case 409: .conflict
        case 422: .ruleRefused
        case 429: .throttled
        default: .badInput
        }
    }

    static func code(for status: HTTPResponseStatus) -> String {
        switch status.code {
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 413: "payload_too_large"
        case 415: "unsupported_media_type"
        case 500...: "internal_error"
        default: "bad_request"
        }
    }

    static func zhReason(_ status: HTTPResponseStatus, fallback: String) -> String {
        switch status.code {
        case 404: "页面或资源不存在"
        case 405: "不支持该请求方法"
        case 413: "上传内容过大"
        case 415: "不支持的内容类型"
        default: fallback
        }
    }
}

struct ErrorBody: Content {
    struct Detail: Content {
        var code: String
        var message: String
        var message_zh: String
        var message_en: String
    }
    var error: Detail
}
