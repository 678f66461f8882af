import FluentKit
import Foundation
import WaihuCore
import WaihuStore

extension DeskService {
    /// How the agent says the call ended.
    package struct FinishInput: Codable, Sendable {
        package var disposition: String
        package var answered_at: Date?
        package var ended_at: Date?
        package var talk_seconds: Int?
        package var acw_seconds: Int?
        package var callback_at: Date?
        package var product: String?
        package var order: OrderInput?
        /// The version of the script the desk showed; the one in force when absent.
        package var script_version: Int?
        /// The questionnaire's answers by question id, with `refusal_reason` on a refusal.
        package var answers: [String: Answer]?
    }

    /// An order taken on the call: items with unit prices in yuan, the delivery data, how it is paid, the lines
    /// of the read-back the customer agreed to (`ReadBackItem` codes) and the customer's explicit yes.
    package struct OrderInput: Codable, Sendable {
        package struct Item: Codable, Sendable {
            package var product: String
            package var quantity: Int
            package var unit_price: Double
        }

        package var items: [Item]
        package var delivery_name: String
        package var delivery_address: String
        package var delivery_phone: String
        package var payment_method: String?
        package var read_back: [String]?
        package var customer_yes: Bool?

        /// The items priced from the project's list, with a subscription's terms.
        func priced(_ products: ProductList) throws(DomainError) -> [OrderItem] {
            if items.contains(where: { !$0.unit_price.isFinite || $0.unit_price < 0 }) {
                throw DomainError.invalidField("items.unit_price", zh: "单价不能为负数", en: "a unit price cannot be negative")
            }
            return try products.priced(items.map {
                OrderItem(product: $0.product.trimmingWhitespace(), quantity: $0.quantity, unit_price_cents: Int(($0.unit_price * 100).rounded()))
            })
        }

        package func capture(_ category: DispositionCategory, products: ProductList) throws(DomainError) -> OrderCapture {
            let readBack = Set((read_back ?? []).compactMap(ReadBackItem.init(rawValue:)))
            let payment = try PaymentMethod.parse(payment_method)
            return try OrderCapture(items: try priced(products), name: delivery_name, address: delivery_address, phone: delivery_phone,
                                    confirmation: OrderConfirmation(payment_method: payment, read_back: readBack, customer_yes: customer_yes ?? false),
                                    category: category)
        }

        /// The read-back (唱单) the agent reads before asking for the customer's yes.
        package func readBack(_ products: ProductList) throws(DomainError) -> [OrderReadBack.Line] {
            OrderReadBack.lines(items: try priced(products), payment: payment_method.flatMap { try? PaymentMethod.parse($0) },
                                name: delivery_name.trimmingWhitespace(), address: delivery_address.trimmingWhitespace(),
                                maskedPhone: delivery_phone.trimmingWhitespace())
        }
    }

    /// Ends the agent's attempt with a disposition of the project's set; the lead follows the
    /// disposition's retry rule, a `dnc_request` lists the number for every project at once. The answers are
    /// checked against the script's questionnaire: complete on a success or a completed questionnaire, the
    /// refusal reason on a refusal (not on a request to be called no more).
    package static func finish(_ id: UUID, _ input: FinishInput, user: CurrentUser, at now: Date, on db: any Database) async throws -> Finished {
        let (attempt, project) = try await ownOpenAttempt(id, user: user, on: db)
        let rule = try await DispositionQueries.inForce(project: attempt.projectID, on: db).require(input.disposition)
        // A call the dialer placed knows its answer, end and talk time; the agent adds the rest.
        let endedAt = input.ended_at ?? attempt.endedAt ?? now
        let talk = input.talk_seconds ?? attempt.talkSeconds
        let acw = input.acw_seconds ?? attempt.endedAt.map { max(0, Int(now.timeIntervalSince($0).rounded())) } ?? 0
        guard talk >= 0, acw >= 0 else {
            throw DomainError.invalidField("talk_seconds", zh: "时长不能为负数", en: "durations cannot be negative")
        }
        // A call whose outcome the telephone network reported (answered, or ended unanswered) takes only the
        // results that fit it; a lead recorded without a placed call takes any.
        let answeredAt = input.answered_at ?? attempt.answeredAt
        if answeredAt != nil || attempt.endedAt != nil, !rule.fit.allows(answered: answeredAt != nil) {
            let name = LocalizedText(zh: rule.name_zh, en: rule.name_en)
            throw answeredAt != nil
                ? DomainError(.ruleRefused, code: "disposition_does_not_fit", zh: "这通电话已接通，不能记为“\(name.zh)”",
                              en: "This call was answered: it cannot be recorded as '\(name.en)'")
                : DomainError(.ruleRefused, code: "disposition_does_not_fit", zh: "这通电话未接通，不能记为“\(name.zh)”",
                              en: "Nobody answered this call: it cannot be recorded as '\(name.en)'")
        }
        let order = try input.order?.capture(rule.category, products: project.project.products)
        let script = try await ScriptService.version(input.script_version, project: attempt.projectID, on: db)
        let answers = try Questionnaire(script?.script.questions ?? []).check(input.answers ?? [:], endingWith: rule)
        let end = AttemptEnd(disposition: rule, answeredAt: answeredAt, endedAt: endedAt,
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

extension DeskService {
    /// The read-back of the order being taken on the agent's own open call, line by line, and the question
    /// that asks for the customer's yes; the same words the verifier reads later.
    package struct ReadBack: Codable, Sendable {
        package struct Line: Codable, Sendable {
            package var item: String
            package var name: String
            package var text: String
        }

        package var lines: [Line]
        package var question: String
    }

    package static func readBack(_ id: UUID, _ order: OrderInput, language: Language, user: CurrentUser, on db: any Database) async throws -> ReadBack {
        let (_, project) = try await ownOpenAttempt(id, user: user, on: db)
        return ReadBack(lines: try order.readBack(project.project.products).map { ReadBack.Line(item: $0.item.rawValue, name: $0.item.name.text(language), text: $0.text.text(language)) },
                        question: OrderReadBack.question.text(language))
    }
}
