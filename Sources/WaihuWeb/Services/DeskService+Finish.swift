import Fluent
import Foundation
import Vapor
import WaihuCore
import WaihuStore

extension DeskService {
    /// How the agent says the call ended.
    struct FinishInput: Content {
        var disposition: String
        var answered_at: Date?
        var ended_at: Date?
        var talk_seconds: Int?
        var acw_seconds: Int?
        var callback_at: Date?
        var product: String?
        var order: OrderInput?
        /// The version of the script the desk showed; the one in force when absent.
        var script_version: Int?
        /// The questionnaire's answers by question id, with `refusal_reason` on a refusal.
        var answers: [String: Answer]?
    }

    /// An order taken on the call: items with unit prices in yuan, the delivery data and the customer's
    /// confirmation of product and fee.
    struct OrderInput: Content {
        struct Item: Content {
            var product: String
            var quantity: Int
            var unit_price: Double
        }

        var items: [Item]
        var delivery_name: String
        var delivery_address: String
        var delivery_phone: String
        var confirmed: Bool?

        func capture(_ category: DispositionCategory) throws(DomainError) -> OrderCapture {
            let lines = items.map { OrderItem(product: $0.product, quantity: $0.quantity, unit_price_cents: Int(($0.unit_price * 100).rounded())) }
            if items.contains(where: { !$0.unit_price.isFinite || $0.unit_price < 0 }) {
                throw DomainError.invalidField("items.unit_price", zh: "单价不能为负数", en: "a unit price cannot be negative")
            }
            return try OrderCapture(items: lines, name: delivery_name, address: delivery_address, phone: delivery_phone,
                                    confirmed: confirmed ?? false, category: category)
        }
    }

    /// Ends the agent's attempt with a disposition of the project's set; the lead follows the
    /// disposition's retry rule, a `dnc_request` lists the number for every project at once. The answers are
    /// checked against the script's questionnaire: complete on a success or a completed questionnaire, the
    /// refusal reason on a refusal (not on a request to be called no more).
    static func finish(_ id: UUID, _ input: FinishInput, user: CurrentUser, at now: Date, on db: any Database) async throws -> Finished {
        let (attempt, _) = try await ownOpenAttempt(id, user: user, on: db)
        let rule = try await DispositionQueries.inForce(project: attempt.projectID, on: db).require(input.disposition)
        // A call the dialer placed knows its answer, end and talk time; the agent adds the rest.
        let endedAt = input.ended_at ?? attempt.endedAt ?? now
        let talk = input.talk_seconds ?? attempt.talkSeconds
        let acw = input.acw_seconds ?? attempt.endedAt.map { max(0, Int(now.timeIntervalSince($0).rounded())) } ?? 0
        guard talk >= 0, acw >= 0 else {
            throw DomainError.invalidField("talk_seconds", zh: "时长不能为负数", en: "durations cannot be negative")
        }
        let order = try input.order?.capture(rule.category)
        let script = try await ScriptService.version(input.script_version, project: attempt.projectID, on: db)
        let answers = try Questionnaire(script?.script.questions ?? []).check(input.answers ?? [:], endingWith: rule)
        let end = AttemptEnd(disposition: rule, answeredAt: input.answered_at ?? attempt.answeredAt, endedAt: endedAt,
                             talkSeconds: talk, acwSeconds: acw, callbackAt: input.callback_at,
                             product: input.product.flatMap { $0.isEmpty ? nil : $0 }, order: order,
                             scriptVersion: script?.version, answers: answers)
        let progress = try await AttemptQueries.finish(id, end, listedBy: user.username, on: db)
        return Finished(attempt_id: id, disposition: rule.code, category: rule.category.rawValue, lead_status: progress.status.rawValue,
                        order_number: input.order == nil ? nil : OrderQueries.number(for: id),
                        next_attempt_at: progress.nextAttemptAt, deferral: progress.deferral?.rawValue,
                        attempts_exhausted: progress.exhausted, listed_do_not_call: rule.adds_to_do_not_call)
    }
}
