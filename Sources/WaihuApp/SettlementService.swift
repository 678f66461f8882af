import FluentKit
import Foundation
import WaihuCore
import WaihuStore

/// Monthly settlement (issue 18 item 8, RULES E): a vendor's statement computed from Waihu's events, the vendor's
/// counts reconciled against it, disputes settled, approval and payment — each state change audited.
package enum SettlementService {
    /// Computes (or computes again) a vendor's draft statement of an ended month and keeps it.
    package static func run(vendor vendorID: UUID, month: String, by caller: Caller, at now: Date, on db: any Database) async throws -> SettlementModel {
        let vendor = try await VendorService.find(vendorID, scope: caller.scope, on: db)
        let (statement, contract) = try await compute(vendor, month: month, now: now, on: db)
        let existing = try await SettlementModel.query(on: db).filter(\.$vendorID == vendorID).filter(\.$month == month).first()
        if let existing, existing.state != .draft {
            throw DomainError(.conflict, code: "statement_state",
                              zh: "\(month) 的结算单已是“\(existing.state.name.zh)”，不能重新计算", en: "The statement of \(month) is \(existing.state.name.en.lowercased()) and cannot be computed again")
        }
        let model = existing ?? SettlementModel()
        model.vendorID = vendorID
        model.month = month
        model.statement = String(decoding: try JSONEncoder().encode(statement), as: UTF8.self)
        // The vendor's counts, if it had sent them, are held against the new figures.
        var lines: [ReconciliationLine] = []
        if let existing, !existing.lines.isEmpty {
            let counts = Dictionary(existing.lines.map { ($0.project, $0.vendor) }, uniquingKeysWith: { a, _ in a })
            lines = (try? Reconciliation.lines(statement: statement, counts: counts, contract: contract, names: [:])) ?? []
        }
        model.reconciliation = String(decoding: try JSONEncoder().encode(lines), as: UTF8.self)
        model.status = (lines.isEmpty ? StatementStatus.draft : Reconciliation.status(after: lines)).rawValue
        model.totalFen = statement.subtotalFen + Reconciliation.adjustmentFen(lines, statement: statement)
        model.provisional = vendor.cooperation == .specialised && vendor.taskCompletedOn == nil
        model.computedBy = caller.name
        model.computedAt = now
        return try await StoreTransaction.write(db) { tx in
            try await model.save(on: tx)
            try await caller.audit("settlement.compute", targetType: "settlement", targetID: "\(vendor.legalName) \(month)",
                                   detail: "合计 ¥\(Fen.yuan(model.totalFen))", at: now, on: tx)
            return model
        }
    }

    /// What every statement of a month is read from, gathered once for all the vendors settled: each project's billable
    /// calls per site and day, the result codes that bill, the script lengths, the price lists, the tickets and complaints.
    struct MonthWork {
        var month: String
        var from: Date
        var to: Date
        var zone: TimeZone
        var projects: [SettlementInput.Project] = []
        var billableCodes: [UUID: Set<String>] = [:]
        /// Billable units per project, site and day.
        var units: [UUID: [UUID: [LocalDate: Int]]] = [:]
        var prices: [PriceList] = []
        /// The month's reviews (the unqualified tickets among them) and valid complaints, of every agent.
        var reviews: [SettlementQueries.Review] = []
        var complaints: [SettlementQueries.Complaint] = []
    }

    static func gather(month: String, sites: Set<UUID>, now: Date, on db: any Database) async throws -> MonthWork {
        let (first, next) = try SpotCheck.month(month)
        let zone = try await OrganisationQueries.timeZone(on: db)
        var work = MonthWork(month: month, from: LocalTime.instant(first, in: zone), to: LocalTime.instant(next, in: zone), zone: zone)
        guard now >= work.to else {
            throw DomainError(.ruleRefused, code: "month_not_ended", zh: "\(month) 尚未结束，月度结算须在月末之后进行",
                              en: "\(month) has not ended; a month is settled after its last day")
        }
        var days: [Date: LocalDate] = [:]
        for project in try await ProjectModel.query(on: db).sort(\.$code).all() {
            let id = try project.requireID()
            let codes = try await billableCodes(project, on: db)
            let rows = try await SettlementQueries.billable(project: id, codes: codes, sites: sites, from: work.from, to: work.to, zone: zone, on: db)
            guard !rows.isEmpty else { continue }
            work.billableCodes[id] = codes
            for row in rows {
                let day = days[row.start] ?? LocalDate(row.start, in: zone)
                days[row.start] = day
                work.units[id, default: [:]][row.site, default: [:]][day, default: 0] += row.count
            }
            let questions = try await ScriptQueries.inForce(project: id, on: db)?.script.questions.count ?? 0
            work.projects.append(.init(id: id, code: project.code, name: project.name, questions: questions))
        }
        work.prices = try await PriceListModel.query(on: db).filter(\.$projectID ~~ work.projects.map(\.id)).all().compactMap(\.list)
        work.reviews = try await SettlementQueries.reviews(from: work.from, to: work.to, on: db)
        work.complaints = try await SettlementQueries.validComplaints(from: work.from, to: work.to, on: db)
        return work
    }

    /// The result codes a project's unit is paid for (E-02): success for marketing and win-back work, completed or success
    /// for the rest — the project's own codes by their category, the catalog's where it has none of its own.
    static func billableCodes(_ project: ProjectModel, on db: any Database) async throws -> Set<String> {
        let set = try await DispositionQueries.inForce(project: try project.requireID(), on: db)
        let categories: Set<DispositionCategory> = BusinessCategory.of(project.type).paidPerSale ? [.success] : [.success, .completed]
        var codes = Set(DispositionCategory.canonical.filter { categories.contains($0.value) }.keys)
        for rule in set.dispositions { if categories.contains(rule.category) { codes.insert(rule.code) } else { codes.remove(rule.code) } }
        return codes
    }

    /// The agents of a vendor's sites (those who left too: their calls of the month are the vendor's work).
    static func sitesAndAgents(_ vendorID: UUID, on db: any Database) async throws -> (sites: Set<UUID>, agents: Set<UUID>) {
        let sites = Set(try await VendorSiteModel.query(on: db).filter(\.$vendorID == vendorID).all().map(\.siteID))
        let agents = Set(sites.isEmpty ? [] : try await AgentModel.query(on: db).filter(\.$siteID ~~ sites).all().compactMap(\.id))
        return (sites, agents)
    }

    /// The statement of a vendor's month from the store, and the contract it was priced under.
    package static func compute(_ vendor: VendorModel, month: String, now: Date, on db: any Database) async throws -> (SettlementStatement, VendorContract) {
        let (sites, _) = try await sitesAndAgents(try vendor.requireID(), on: db)
        let work = try await gather(month: month, sites: sites, now: now, on: db)
        return try await compute(vendor, work: work, on: db)
    }

    /// Every vendor's statement of a month with a contract in force in it, read in one pass over the month's calls.
    package static func computeAll(month: String, now: Date, on db: any Database) async throws -> [(vendor: VendorModel, statement: SettlementStatement)] {
        var vendors: [VendorModel] = []
        var sites = Set<UUID>()
        for vendor in try await VendorModel.query(on: db).sort(\.$legalName).all() {
            guard (try? await contract(of: vendor, month: month, on: db)) != nil else { continue }
            vendors.append(vendor)
            sites.formUnion(try await VendorSiteModel.query(on: db).filter(\.$vendorID == vendor.requireID()).all().map(\.siteID))
        }
        let work = try await gather(month: month, sites: sites, now: now, on: db)
        var statements: [(vendor: VendorModel, statement: SettlementStatement)] = []
        for vendor in vendors { statements.append((vendor, try await compute(vendor, work: work, on: db).0)) }
        return statements
    }

    static func compute(_ vendor: VendorModel, work: MonthWork, on db: any Database) async throws -> (SettlementStatement, VendorContract) {
        let vendorID = try vendor.requireID()
        let contract = try await contract(of: vendor, month: work.month, on: db)
        let (sites, agents) = try await sitesAndAgents(vendorID, on: db)
        var byDay: [UUID: [LocalDate: Int]] = [:]
        for (project, bySite) in work.units {
            for (site, counts) in bySite where sites.contains(site) {
                for (day, units) in counts { byDay[project, default: [:]][day, default: 0] += units }
            }
        }
        // Successes a verification found not valid, counted where they were billable.
        var notVerified: [UUID: [LocalDate: Int]] = [:]
        var invalid = Set<UUID>()
        for site in sites { invalid.formUnion(try await SpotCheckReads.invalidSuccesses(site: site, month: work.month, on: db)) }
        for call in try await SettlementQueries.calls(invalid, on: db).values {
            guard let project = call.project, let code = call.disposition, work.billableCodes[project]?.contains(code) == true,
                  call.agent.map(agents.contains) == true, call.startedAt >= work.from, call.startedAt < work.to else { continue }
            notVerified[project, default: [:]][LocalDate(call.startedAt, in: work.zone), default: 0] += 1
        }
        var days: [SettlementInput.Day] = []
        for (project, counts) in byDay {
            for (day, units) in counts { days.append(.init(project: project, day: day, units: units, notVerified: notVerified[project]?[day] ?? 0)) }
        }
        let reviews = work.reviews.filter { $0.call.agent.map(agents.contains) == true }
        let tickets = reviews.filter(\.unqualified).count
        let complaints = work.complaints.filter { $0.agent.map(agents.contains) == true || $0.site.map(sites.contains) == true }.count
        let ledger = try await ledgerItems(sites: sites, month: work.month, on: db)
            + VendorLedgerService.redemptions(vendor: vendorID, month: work.month, on: db)
        // A project with usage fees of customers acquired earlier carries its commission even without calls this month.
        let fees = try await UsageFeeService.fees(vendor: vendorID, month: work.month, on: db)
        var input = SettlementInput(vendor: vendorID, projects: work.projects.filter { byDay[$0.id] != nil || fees[$0.id] != nil }, days: days,
                                    prices: work.prices, usageFees: fees, unqualifiedTickets: tickets, validComplaints: complaints, ledger: ledger,
                                    contract: contract, lastDay: LocalDate(work.to.addingTimeInterval(-1), in: work.zone))
        input.qualityScoreSum = reviews.reduce(0) { $0 + $1.score }
        input.qualityReviews = reviews.count
        return (Settlement.compute(input), contract)
    }

    /// The contract a month is settled under: of those in force on some day of it, the one that runs longest.
    static func contract(of vendor: VendorModel, month: String, on db: any Database) async throws -> VendorContract {
        let (first, next) = try SpotCheck.month(month)
        let last = next.addingDays(-1)
        let contracts = try await VendorContractModel.query(on: db).filter(\.$vendorID == vendor.requireID()).all().compactMap(\.contract)
        guard let contract = contracts.filter({ $0.from <= last && first <= $0.to }).max(by: { $0.to < $1.to }) else {
            throw DomainError(.ruleRefused, code: "no_contract", zh: "外呼公司“\(vendor.legalName)”在 \(month) 没有有效合同，无法结算",
                              en: "The vendor \(vendor.legalName) had no contract in force in \(month); there is nothing to settle under")
        }
        return contract
    }

    /// The month's vendor entries of the ledger but those the contract prices itself (unqualified tickets and valid
    /// complaints, counted above from the calls): manual deductions, finding deductions, rewards.
    static func ledgerItems(sites: Set<UUID>, month: String, on db: any Database) async throws -> [SettlementInput.LedgerItem] {
        let rules = Dictionary(try await PenaltyQueries.rules(on: db).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return try await SettlementQueries.ledger(sites: sites, month: month, on: db).compactMap { entry in
            let event = rules[entry.ruleCode]?.trigger.event
            guard event != .unqualifiedTicket, event != .complaint || entry.ledger == PenaltyLedger.reward.rawValue else { return nil }
            let reward = entry.ledger == PenaltyLedger.reward.rawValue
            guard reward || entry.ledger == PenaltyLedger.vendorDeduction.rawValue else { return nil }
            return .init(rule: entry.ruleCode, name: LocalizedText(zh: entry.ruleNameZh, en: entry.ruleNameEn), reward: reward,
                         fen: Int((entry.amount * 100).rounded()))
        }
    }
}
