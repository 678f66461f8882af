import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// A vendor's deposit, franchise fee and points (issue 18 item 1's "deposit and franchise fee ledger", RULES D-13,
/// D-16, D-44, E-09, E-14): movements recorded by the center — never by the vendor, who reads its own — with the
/// balances; points redeemed are paid on the named month's statement.
package enum VendorLedgerService {
    package struct Input: Codable, Sendable {
        package var kind: String
        /// Yuan for the deposit and the fee, whole points for points.
        package var amount: String
        package var day: String?
        /// A redemption: the month whose statement pays it (YYYY-MM).
        package var month: String?
        package var note: String

        package init(kind: String, amount: String, day: String? = nil, month: String? = nil, note: String) {
            self.kind = kind
            self.amount = amount
            self.day = day
            self.month = month
            self.note = note
        }
    }

    package static func record(_ vendorID: UUID, _ input: Input, by caller: Caller, at now: Date, on db: any Database) async throws -> VendorLedgerModel {
        guard caller.scope.boundSite == nil else {
            throw DomainError(.forbidden, code: "forbidden", zh: "外呼公司不能登记自己的押金、加盟费或积分", en: "A vendor cannot record its own deposit, fee or points")
        }
        let vendor = try await VendorService.find(vendorID, scope: caller.scope, on: db)
        let kind = try VendorLedgerKind.parse(input.kind)
        let amount = try VendorLedger.amount(input.amount, kind: kind)
        let note = input.note.trimmingWhitespace()
        guard !note.isEmpty, note.count <= 500 else {
            throw DomainError.invalidField("note", zh: "请写明依据（最多 500 字）", en: "Say on what grounds (500 characters at most)")
        }
        let settings = try await OrganisationQueries.settings(on: db)
        let today = LocalDate(now, in: TimeZone(identifier: settings.timeZone) ?? .gmt)
        let day = try input.day.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }.map { try LocalDate.parse($0, field: "day") } ?? today
        guard day <= today else { throw DomainError.invalidField("day", zh: "日期不能晚于今天", en: "The day cannot be after today") }
        let month = try kind == .pointsRedeemed ? redemptionMonth(input.month) : nil
        let model = VendorLedgerModel()
        model.vendorID = vendorID
        model.kind = kind.rawValue
        model.amount = amount
        model.fen = kind == .pointsRedeemed ? VendorLedger.redemptionFen(points: amount, fenPerPoint: settings.vendorPointFen)
            : kind.inPoints ? 0 : amount
        model.day = day.description
        model.month = month
        model.note = note
        model.recordedBy = caller.name
        model.recordedAt = now
        let termEnds = vendor.exitedOn != nil ? nil : vendor.qualifiedUntil.flatMap(LocalDate.init)
        let statement = try await month.asyncMap { month in
            try await SettlementModel.query(on: db).filter(\.$vendorID == vendorID).filter(\.$month == month).first()
        } ?? nil
        if let statement, statement.state != .draft {
            throw DomainError(.conflict, code: "statement_state",
                              zh: "\(statement.month) 的结算单已是“\(statement.state.name.zh)”，积分不能再计入，请选择之后的月份",
                              en: "The statement of \(statement.month) is \(statement.state.name.en.lowercased()); redeem the points on a later month")
        }
        try await StoreTransaction.write(db) { tx in
            let entries = try await VendorLedgerModel.query(on: tx).filter(\.$vendorID == vendorID).all().compactMap(\.entry)
            try VendorLedger.check(kind, amount: amount, model: vendor.cooperation, balances: VendorLedger.balances(entries), day: day, termEnds: termEnds)
            try await model.create(on: tx)
            let shown = kind.inPoints ? "\(amount) 分" + (kind == .pointsRedeemed ? "（¥\(Fen.yuan(model.fen))，计入 \(month ?? "") 结算）" : "") : "¥\(Fen.yuan(amount))"
            try await caller.audit("vendor.ledger", targetType: "vendor", targetID: vendor.legalName, detail: "\(kind.name.zh) \(shown)：\(note)", at: now, on: tx)
        }
        // A draft of that month is computed again at once, so that the redemption shows on it.
        if statement != nil, let month { _ = try await SettlementService.run(vendor: vendorID, month: month, by: caller, at: now, on: db) }
        return model
    }

    static func redemptionMonth(_ text: String?) throws(DomainError) -> String {
        guard let text = text?.trimmingWhitespace(), !text.isEmpty else { throw DomainError.missingField("month") }
        _ = try SpotCheck.month(text)
        return text
    }

    /// The points redeemed on a month's statement, as its reward line (E-14).
    package static func redemptions(vendor: UUID, month: String, on db: any Database) async throws -> [SettlementInput.LedgerItem] {
        try await VendorLedgerModel.query(on: db).filter(\.$vendorID == vendor).filter(\.$kind == VendorLedgerKind.pointsRedeemed.rawValue)
            .filter(\.$month == month).all()
            .map { .init(rule: VendorLedgerKind.pointsRedeemed.rawValue, name: VendorLedgerKind.pointsRedeemed.name, reward: true, fen: $0.fen) }
    }

    /// What a point is worth, set by a manager (yuan, two decimals at most).
    package static func setPointValue(_ yuan: String, by caller: Caller, at now: Date, on db: any Database) async throws {
        let fen = try Fen.parse(yuan, field: "point_value")
        guard (1 ... 1_000_000).contains(fen) else {
            throw DomainError.invalidField("point_value", zh: "每积分可兑换金额须为 ¥0.01 到 ¥10000", en: "A point is worth ¥0.01 to ¥10,000")
        }
        let settings = try await OrganisationQueries.settings(on: db)
        settings.vendorPointFen = fen
        try await StoreTransaction.write(db) { tx in
            try await settings.save(on: tx)
            try await caller.audit("vendor.point_value", targetType: "organisation", detail: "1 分 = ¥\(Fen.yuan(fen))", at: now, on: tx)
        }
    }
}
