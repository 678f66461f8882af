import Fluent
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The demo's vendors (issue 18): 华信, an exclusive agent for marketing work with last year's three faults (grade 2)
/// and a warning this year, and 德诚, a new general agent for service work (grade 3); their contracts and NDAs, the
/// projects' price lists (one still a draft); and, with the calling floor, a day of 华信's calls in each of the two
/// months before this one, settled: the older statement approved, the last one a draft.
enum DemoVendors {
    static let huaxin = "长沙华信外呼服务有限公司", decheng = "湖南德诚呼叫服务有限公司"

    static func seed(at now: Date, on db: any Database) async throws {
        let caller = Caller.system
        let today = LocalDate(now, in: try await OrganisationQueries.timeZone(on: db))
        let lastYear = today.year - 1
        try await SiteModel(name: "德诚外呼中心", kind: .vendor).create(on: db)
        let facts = VendorService.Facts(licence_check_year: today.year, tax_registered: true, independent_legal_person: true, registered_capital: 1_000_000,
                                        seats: 20, agents: 25, office_area: 120, recording_retention_days: 180, experience_years: 4, warnings_last_year: 0)
        let first = try await VendorService.register(
            .init(legal_name: huaxin, model: CooperationModel.exclusive.rawValue, categories: "marketing", sites: ["华信外呼公司"],
                  contacts: "陈经理 0731-8888 0001", deposit: "50000", facts: facts), by: caller, at: now, on: db)
        _ = try await VendorService.addContract(try first.requireID(), .init(number: "HX-\(lastYear)-01", starts_on: "\(lastYear)-01-01",
                                                                           ends_on: "\(today.year)-12-31", nda_signed_on: "\(lastYear)-01-01",
                                                                           nda_until: "\(today.year + 3)-12-31"), by: caller, at: now, on: db)
        _ = try await VendorService.qualify(try first.requireID(), from: LocalDate(year: lastYear, month: 1, day: 1)!, override: nil, by: caller, at: now, on: db)
        let second = try await VendorService.register(
            .init(legal_name: decheng, model: CooperationModel.general.rawValue, categories: "service", sites: ["德诚外呼中心"],
                  contacts: "刘总 0731-8888 0002", franchise_fee: "200000", facts: facts), by: caller, at: now, on: db)
        _ = try await VendorService.addContract(try second.requireID(), .init(number: "DC-\(today.year)-01", starts_on: "\(today.year)-01-01",
                                                                            ends_on: "\(today.year + 2)-12-31", nda_signed_on: "\(today.year)-01-01"),
                                                by: caller, at: now, on: db)
        _ = try await VendorService.qualify(try second.requireID(), from: LocalDate(year: today.year, month: 1, day: 1)!, override: nil, by: caller, at: now, on: db)
        // 华信's record: three faults last year (grade 2 this year) and a warning this year.
        for (month, source, reason) in [(3, VendorFaultSource.numberAudit, "号码抽查：呼叫了免打扰号码"), (6, .complaint, "有效投诉：服务态度"),
                                        (9, .successVerification, "开通量核实：2 条成功不属实")] {
            try await record(first, kind: "fault", source: source, reason: reason, on: LocalDate(year: lastYear, month: month, day: 10)!, at: now, on: db)
        }
        try await record(first, kind: "warning", source: nil, reason: "抽查发现夜间 21 点后仍有外呼，违反呼叫时段规定", on: today.addingDays(-20), at: now, on: db)
        // Money on account: 华信's deposit and 德诚's franchise fee as the tender set them; points for 德诚's clean year.
        _ = try await VendorLedgerService.record(try first.requireID(), .init(kind: VendorLedgerKind.depositPaid.rawValue, amount: "50000",
                                                                             day: "\(lastYear)-01-05", note: "专营代理服务质量押金（邀标文件约定）"),
                                                 by: caller, at: now, on: db)
        _ = try await VendorLedgerService.record(try second.requireID(), .init(kind: VendorLedgerKind.franchiseFeePaid.rawValue, amount: "200000",
                                                                              day: "\(today.year)-01-05", note: "总代理加盟费（邀标文件约定）"),
                                                 by: caller, at: now, on: db)
        _ = try await VendorLedgerService.record(try second.requireID(), .init(kind: VendorLedgerKind.pointsAwarded.rawValue, amount: "20",
                                                                              day: "\(today.year)-07-01", note: "上半年考核无过错"),
                                                 by: caller, at: now, on: db)
        // Prices: the marketing projects approved, the survey one still a draft with tiers by script length.
        for (project, price) in [("DEMO-VIP", "40"), ("DEMO-MKT", "30")] {
            let list = try await PriceListService.draft(.init(project: project, starts_on: "\(lastYear)-01-01", unit_price: price), by: caller, at: now, on: db)
            _ = try await PriceListService.approve(try list.requireID(), by: caller, at: now, on: db)
        }
        _ = try await PriceListService.draft(.init(project: "DEMO-SAT", starts_on: "\(today.year)-01-01",
                                                   tiers: [.init(questions: 10, price: "8"), .init(price: "12")]), by: caller, at: now, on: db)
    }

    static func record(_ vendor: VendorModel, kind: String, source: VendorFaultSource?, reason: String, on day: LocalDate, at now: Date,
                       on db: any Database) async throws {
        let model = VendorRecordModel()
        model.vendorID = try vendor.requireID()
        model.kind = kind
        model.source = source?.rawValue
        model.reason = reason
        model.occurredOn = day.description
        model.recordedBy = "system"
        model.recordedAt = now
        try await model.create(on: db)
    }

    /// A simulated day of 华信's calls in each of the two months before this one, and their statements.
    static func settle(_ app: Application, at now: Date) async throws {
        let db = app.db
        let today = LocalDate(now, in: try await OrganisationQueries.timeZone(on: db))
        guard let vendor = try await VendorModel.query(on: db).filter(\.$legalName == huaxin).first(), let site = try await OrganisationQueries.site(named: "华信外呼公司", on: db),
              let siteID = site.id else { return }
        let project = try await ProjectService.find("DEMO-VIP", scope: .organisation, on: db)
        let floor = Caller(userID: nil, name: "system", role: .admin, scope: .site(siteID))
        for back in [2, 1] {
            let month = today.addingMonths(-back)
            var settings = SimulationSettings()
            settings.agents = 10
            settings.hours = 6
            settings.mode = .predictive
            settings.seed = UInt64(20 + back)
            do {
                _ = try await SimulationService.store(DialerSimulation.run(settings), project: project,
                                                      date: LocalDate(year: month.year, month: month.month, day: 15)!, by: floor, at: now, on: db)
            } catch let error as DomainError where error.code == "not_enough_agents" {
                continue  // a demo started on a date before its agents were hired: no vendor history
            }
            let statement = try await SettlementService.run(vendor: try vendor.requireID(), month: String(month.description.prefix(7)), by: .system, at: now, on: db)
            guard back == 2, let computed = statement.computed else { continue }
            let counts = Dictionary(computed.lines.map { ($0.code, $0.billable) }, uniquingKeysWith: +)
            let vendorAdmin = Caller(userID: nil, name: "vendor", role: .vendor, scope: .site(siteID))
            _ = try await SettlementService.submitCounts(try statement.requireID(), counts: counts, by: vendorAdmin, at: now, on: db)
            _ = try await SettlementService.approve(try statement.requireID(), by: .system, at: now, on: db)
        }
    }
}
