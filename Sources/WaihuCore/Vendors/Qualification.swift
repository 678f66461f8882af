import Foundation

/// What a vendor declares and proves when it applies (RULES D.2, D.3); a figure not given is a condition not met.
public struct QualificationFacts: Sendable, Codable, Equatable {
    /// The year of the business licence's latest annual check (D-08).
    public var licenceCheckYear: Int?
    public var taxRegistered: Bool
    public var independentLegalPerson: Bool
    /// Registered capital in yuan (D-09).
    public var registeredCapital: Int?
    public var seats: Int?
    public var agents: Int?
    public var officeArea: Int?
    /// How long the vendor keeps recordings, in days (D-11).
    public var recordingRetentionDays: Int?
    /// Years of outbound work for telecom companies (D-12, D-15, D-17).
    public var experienceYears: Int?
    /// Warnings received last year (D-12: none for a general agent; D-15: at most 2 for an exclusive one).
    public var warningsLastYear: Int
    /// The on-site inspection's result, for a specialised agent (D-17); nil while not inspected.
    public var siteInspectionPassed: Bool?

    public init(licenceCheckYear: Int? = nil, taxRegistered: Bool = false, independentLegalPerson: Bool = false, registeredCapital: Int? = nil,
                seats: Int? = nil, agents: Int? = nil, officeArea: Int? = nil, recordingRetentionDays: Int? = nil, experienceYears: Int? = nil,
                warningsLastYear: Int = 0, siteInspectionPassed: Bool? = nil) {
        self.licenceCheckYear = licenceCheckYear
        self.taxRegistered = taxRegistered
        self.independentLegalPerson = independentLegalPerson
        self.registeredCapital = registeredCapital
        self.seats = seats
        self.agents = agents
        self.officeArea = officeArea
        self.recordingRetentionDays = recordingRetentionDays
        self.experienceYears = experienceYears
        self.warningsLastYear = warningsLastYear
        self.siteInspectionPassed = siteInspectionPassed
    }

    /// Figures that cannot be: negative counts, a year from another age.
    public func validated() throws(DomainError) -> QualificationFacts {
        let counts: [(String, String, String, Int?)] = [
            ("registered_capital", "注册资金", "registered capital", registeredCapital), ("seats", "台席数", "seats", seats),
            ("agents", "话务员数", "agents", agents), ("office_area", "办公面积", "office area", officeArea),
            ("recording_retention_days", "录音保留天数", "recording retention", recordingRetentionDays),
            ("experience_years", "外呼经验年数", "years of experience", experienceYears),
            ("warnings_last_year", "上年警告次数", "warnings last year", warningsLastYear),
        ]
        for (field, zh, en, value) in counts where !(0 ... 1_000_000_000_000).contains(value ?? 0) {
            throw DomainError.invalidField(field, zh: "\(zh)须为 0 到 1 万亿之间的整数", en: "The \(en) is a whole number from 0 to a trillion")
        }
        if let year = licenceCheckYear, !(1980 ... 2200).contains(year) {
            throw DomainError.invalidField("licence_check_year", zh: "营业执照年审年份不合理", en: "the licence's annual-check year is not a real year")
        }
        return self
    }
}

/// One condition of the qualification check: the rule, what the vendor has, and whether it is met.
public struct QualificationCondition: Sendable, Equatable {
    public var code: String
    /// The seed's rule id (RULES D.2, D.3).
    public var rule: String
    public var text: LocalizedText
    /// The vendor's figure, as shown; "—" when not given.
    public var figure: LocalizedText
    public var met: Bool
}

/// The seed's qualification conditions for a model (D-08 … D-17), each shown met or not with the vendor's figure.
public enum QualificationCheck {
    /// Registered capital of ¥500,000 or more (以上 read as ≥), 10 seats, 15 agents, 50 m², recordings kept 90 days.
    public static let minimumCapital = 500_000, minimumSeats = 10, minimumAgents = 15, minimumArea = 50, minimumRetentionDays = 90

    public static func conditions(_ facts: QualificationFacts, model: CooperationModel, year: Int) -> [QualificationCondition] {
        func shown(_ value: Int?) -> LocalizedText { let text = value.map(String.init) ?? "—"; return LocalizedText(zh: text, en: text) }
        func yesNo(_ value: Bool?) -> LocalizedText {
            value.map { $0 ? LocalizedText(zh: "是", en: "yes") : LocalizedText(zh: "否", en: "no") } ?? LocalizedText(zh: "—", en: "—")
        }
        var list = [
            QualificationCondition(code: "licence_checked", rule: "D-08",
                                   text: LocalizedText(zh: "营业执照已完成 \(year) 年或之后的年审", en: "Business licence checked for \(year) or later"),
                                   figure: shown(facts.licenceCheckYear), met: (facts.licenceCheckYear ?? 0) >= year),
            QualificationCondition(code: "tax_registered", rule: "D-08", text: LocalizedText(zh: "已办理税务登记", en: "Registered for tax"),
                                   figure: yesNo(facts.taxRegistered), met: facts.taxRegistered),
            QualificationCondition(code: "legal_person", rule: "D-09", text: LocalizedText(zh: "具有独立法人资格", en: "An independent legal person"),
                                   figure: yesNo(facts.independentLegalPerson), met: facts.independentLegalPerson),
            QualificationCondition(code: "capital", rule: "D-09",
                                   text: LocalizedText(zh: "注册资金不少于 50 万元", en: "Registered capital of at least ¥500,000"),
                                   figure: shown(facts.registeredCapital), met: (facts.registeredCapital ?? -1) >= minimumCapital),
            QualificationCondition(code: "seats", rule: "D-10", text: LocalizedText(zh: "外呼台席不少于 10 个", en: "At least 10 outbound seats"),
                                   figure: shown(facts.seats), met: (facts.seats ?? -1) >= minimumSeats),
            QualificationCondition(code: "agents", rule: "D-10", text: LocalizedText(zh: "外呼话务员不少于 15 名", en: "At least 15 outbound agents"),
                                   figure: shown(facts.agents), met: (facts.agents ?? -1) >= minimumAgents),
            QualificationCondition(code: "office_area", rule: "D-10",
                                   text: LocalizedText(zh: "办公场地不少于 50 平方米", en: "An office of at least 50 m²"),
                                   figure: shown(facts.officeArea), met: (facts.officeArea ?? -1) >= minimumArea),
            QualificationCondition(code: "recording_retention", rule: "D-11",
                                   text: LocalizedText(zh: "电话录音保留不少于 3 个月（90 天）", en: "Recordings kept at least 3 months (90 days)"),
                                   figure: shown(facts.recordingRetentionDays), met: (facts.recordingRetentionDays ?? -1) >= minimumRetentionDays),
            QualificationCondition(code: "experience", rule: model == .general ? "D-12" : model == .exclusive ? "D-15" : "D-17",
                                   text: LocalizedText(zh: "通信企业外呼经验不少于 \(model.requiredExperienceYears) 年",
                                                       en: "At least \(model.requiredExperienceYears) years of outbound work for telecom companies"),
                                   figure: shown(facts.experienceYears), met: (facts.experienceYears ?? -1) >= model.requiredExperienceYears),
        ]
        switch model {
        case .general:
            list.append(QualificationCondition(code: "no_bad_record", rule: "D-12",
                                               text: LocalizedText(zh: "服务期间无不良记录（上年无警告）", en: "No bad record (no warning last year)"),
                                               figure: shown(facts.warningsLastYear), met: facts.warningsLastYear == 0))
        case .exclusive:
            list.append(QualificationCondition(code: "warnings", rule: "D-15",
                                               text: LocalizedText(zh: "上年受警告不超过 2 次", en: "At most 2 warnings last year"),
                                               figure: shown(facts.warningsLastYear), met: facts.warningsLastYear <= 2))
        case .specialised:
            list.append(QualificationCondition(code: "site_inspection", rule: "D-17",
                                               text: LocalizedText(zh: "现场考察合格", en: "Passed the on-site inspection"),
                                               figure: yesNo(facts.siteInspectionPassed), met: facts.siteInspectionPassed == true))
        }
        return list
    }

    /// The conditions not met, or none.
    public static func failures(_ facts: QualificationFacts, model: CooperationModel, year: Int) -> [QualificationCondition] {
        conditions(facts, model: model, year: year).filter { !$0.met }
    }
}
