import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

extension CurrentUser: Authenticatable {}

extension Request {
    /// The signed-in user, or a 401.
    func currentUser() throws -> CurrentUser {
        guard let user = auth.get(CurrentUser.self) else { throw AuthErrors.notSignedIn }
        return user
    }

    /// The language of the response: the user's setting, then Accept-Language, then Chinese.
    var language: Language {
        if let query = try? self.query.get(String.self, at: "lang"), let lang = Language(rawValue: query) { return lang }
        if let chosen = auth.get(CurrentUser.self)?.language { return chosen }
        if let cookie = cookies["waihu_lang"]?.string, let lang = Language(rawValue: cookie) { return lang }
        return Language.preferred(acceptLanguage: headers.first(name: .acceptLanguage))
    }

    /// Who makes this request, for the use cases it calls and the audit log.
    var caller: Caller {
        guard let user = auth.get(CurrentUser.self) else {
            return Caller(userID: nil, name: "-", role: .agent, scope: .ownAgent(nil, site: nil), ip: remoteAddress?.ipAddress)
        }
        return user.caller(ip: remoteAddress?.ipAddress)
    }

    /// The audit actor for this request.
    func auditEvent(_ action: String, targetType: String, targetID: String? = nil, detail: String = "") -> AuditEvent {
        caller.event(action, targetType: targetType, targetID: targetID, detail: detail)
    }

    func audit(_ action: String, targetType: String, targetID: String? = nil, detail: String = "", on db: (any Database)? = nil) async throws {
        try await AuditLog.append(auditEvent(action, targetType: targetType, targetID: targetID, detail: detail),
                                  at: now, on: db ?? self.db)
    }
}
