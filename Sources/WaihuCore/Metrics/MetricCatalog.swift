/// The sections of the metric catalog (METRICS.md §2–§7).
public enum MetricSection: String, Sendable, Codable, CaseIterable {
    /// 项目数据源指标.
    case data_source
    /// 项目进度指标.
    case progress
    /// 项目效果评估指标.
    case effect
    /// 人员效率指标.
    case efficiency
    /// 订单.
    case orders
    /// 质量监控.
    case quality

    public var name: LocalizedText {
        switch self {
        case .data_source: LocalizedText(zh: "项目数据源指标", en: "Data source")
        case .progress: LocalizedText(zh: "项目进度指标", en: "Progress")
        case .effect: LocalizedText(zh: "项目效果评估指标", en: "Effect")
        case .efficiency: LocalizedText(zh: "人员效率指标", en: "Agent efficiency")
        case .orders: LocalizedText(zh: "订单", en: "Orders")
        case .quality: LocalizedText(zh: "质量监控", en: "Quality")
        }
    }
}

/// What a metric's number is: it decides how it is written (an integer, a fraction, hours…).
public enum MetricUnit: String, Sendable, Codable {
    case count
    /// A fraction (0.25, not 25%); null when its denominator is zero.
    case rate
    case hours
    case seconds
    /// A count per productive hour.
    case per_hour
    /// Money, in the currency of the orders.
    case amount
    /// A ratio that is not a share (average attempts per lead, success value).
    case ratio
}

/// One metric of the catalog: its stable id, names and formula in both languages.
public struct MetricDefinition: Sendable, Codable, Equatable {
    public var id: MetricID
    public var section: MetricSection
    public var unit: MetricUnit
    /// The catalog's name (METRICS.md), with the seed it comes from where two seeds name different figures alike.
    public var name: LocalizedText
    public var formula: LocalizedText

    /// A rate whose numerator is not a part of its denominator, so its formula allows more than 100%: the
    /// target passed, more connected calls than accounts, more hours logged in than paid or scheduled, more
    /// sales than effective conversations, more complaints than connected calls.
    public var canExceedWhole: Bool {
        [.target_progress, .contact_rate, .attendance_rate, .schedule_adherence, .utilization_rate, .close_rate, .complaint_rate].contains(id)
    }

    /// What a person reads about the figure: its formula, its unit, and when it may pass 100%.
    public var explanation: LocalizedText {
        let unit: LocalizedText = switch self.unit {
        case .count: LocalizedText(zh: "个数", en: "a count")
        case .rate: LocalizedText(zh: "百分比", en: "a percentage")
        case .hours: LocalizedText(zh: "小时", en: "hours")
        case .seconds: LocalizedText(zh: "秒", en: "seconds")
        case .per_hour: LocalizedText(zh: "每小时个数", en: "per hour")
        case .amount: LocalizedText(zh: "金额（元）", en: "an amount (yuan)")
        default: LocalizedText(zh: "比值", en: "a ratio")
        }
        let exceed = canExceedWhole ? LocalizedText(zh: "；按公式可超过 100%", en: "; by its formula it may pass 100%") : LocalizedText(zh: "", en: "")
        return LocalizedText(zh: "\(formula.zh)（\(unit.zh)\(exceed.zh)）", en: "\(formula.en) (\(unit.en)\(exceed.en))")
    }

    /// The name pages and exports show: where the catalog tells two figures apart by their seed (`(000)`,
    /// `(004)`), by what they count instead.
    public var label: LocalizedText {
        switch id {
        case .hit_rate: LocalizedText(zh: "在线成功率（按完成客户）", en: name.en)
        case .online_success_rate: LocalizedText(zh: "外呼在线成功率（按接通）", en: name.en)
        case .attendance_rate: LocalizedText(zh: "出勤率（按工时）", en: name.en)
        case .attendance_headcount_rate: LocalizedText(zh: "出勤率（按人数）", en: name.en)
        default: name
        }
    }

    public init(_ id: MetricID, _ section: MetricSection, _ unit: MetricUnit, zh: String, en: String, formulaZh: String, formulaEn: String) {
        self.id = id
        self.section = section
        self.unit = unit
        self.name = LocalizedText(zh: zh, en: en)
        self.formula = LocalizedText(zh: formulaZh, en: formulaEn)
    }
}

/// The catalog of METRICS.md, in its order.
public enum MetricCatalog {
    public static func definition(_ id: MetricID) -> MetricDefinition {
        byID[id]!
    }

    private static let byID: [MetricID: MetricDefinition] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    /// The ids a comma-separated list names (`all` for every one), or why one is unknown.
    public static func parse(_ list: String?) throws(DomainError) -> [MetricID] {
        let names = CommaList.names(list)
        guard !names.isEmpty, names != ["all"] else { return MetricID.allCases }
        var ids: [MetricID] = []
        for name in names {
            guard let id = MetricID(rawValue: name) else {
                throw DomainError(.badInput, code: "unknown_metric",
                                  zh: "没有指标「\(name)」；可用的指标见 /api/v1/metrics/catalog",
                                  en: "There is no metric \"\(name)\"; the catalog at /api/v1/metrics/catalog lists them")
            }
            ids.append(id)
        }
        return ids
    }
}
