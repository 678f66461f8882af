import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

extension ProjectPages {
    /// The desk and call settings: wrap-up limit, callback pass time, conversation thresholds.
    struct SettingsForm: Content {
        var wrap_up_seconds: Int
        var callback_pass_minutes: Int
        var conversation_seconds: Int
        var effective_conversation_seconds: Int
        var daily_target: String?
        var products: String?
    }

    /// The daily target as typed: empty for none.
    static func dailyTarget(_ text: String?) throws -> Int? {
        guard let text = FormFlow.optional(text) else { return nil }
        guard let value = Int(text) else {
            throw DomainError.invalidField("daily_target", zh: "须为整数，或留空", en: "a whole number, or empty")
        }
        return value
    }

    static func changeSettings(_ req: Request) async throws -> Response {
        let record = try await ProjectController.find(req)
        return try await FormFlow.submit(req, redirect: "/projects/\(record.project.code)", action: {
            let form = try req.content.decode(SettingsForm.self)
            _ = try await ProjectService.update(record, .init(conversationSeconds: form.conversation_seconds,
                                                              effectiveConversationSeconds: form.effective_conversation_seconds,
                                                              callbackPassMinutes: form.callback_pass_minutes, wrapUpSeconds: form.wrap_up_seconds,
                                                              dailyTarget: .some(try dailyTarget(form.daily_target)),
                                                              products: try form.products.map(ProductList.parse)),
                                                actor: req.auditEvent("project.update", targetType: "project"), at: req.now, on: req.db)
        }, page: { try await detailPage(req, error: $0) })
    }
}
