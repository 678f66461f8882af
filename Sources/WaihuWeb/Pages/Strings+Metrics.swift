import WaihuCore

extension Strings {
    /// The metrics page's labels.
    static let metrics: [String: LocalizedText] = [
        "nav_metrics": .init(zh: "指标", en: "Metrics"),
        "metrics_project": .init(zh: "项目编号", en: "Project codes"),
        "metrics_split": .init(zh: "拆分", en: "Split by"),
        "metrics_split_none": .init(zh: "不拆分（合计）", en: "No split (total)"),
        "metrics_section": .init(zh: "指标组", en: "Metric group"),
        "metrics_key": .init(zh: "关键指标", en: "Key figures"),
        "metrics_csv": .init(zh: "下载 CSV", en: "Download CSV"),
        "metrics_catalog": .init(zh: "指标目录（JSON）", en: "Metric catalog (JSON)"),
        "metrics_lists_help": .init(zh: "多个值用逗号分隔；结束日期包含在内；日与小时按机构时区。空值为“—”：分母为零。",
                                    en: "Separate several values with commas; the end date is included; days and hours are in the organisation's time zone. “—” means the denominator is zero."),
        "split_project": .init(zh: "项目", en: "Project"),
        "split_site": .init(zh: "职场", en: "Site"),
        "split_team": .init(zh: "班组", en: "Team"),
        "split_agent": .init(zh: "坐席", en: "Agent"),
        "split_hour": .init(zh: "小时", en: "Hour"),
        "split_day": .init(zh: "日", en: "Day"),
        "split_week": .init(zh: "周（周一起）", en: "Week (from Monday)"),
        "split_month": .init(zh: "月", en: "Month"),
        "nav_reports": .init(zh: "报表", en: "Reports"),
        "reports_help": .init(zh: "日报在每天零点后生成（10:00 前就绪），月报在每月 1 日生成；每份报表与上期对比。",
                              en: "The daily report is written just after midnight (ready before 10:00), the monthly report on the 1st; each is compared with the period before."),
        "reports_none": .init(zh: "还没有报表。", en: "No reports yet."),
        "reports_kind": .init(zh: "类型", en: "Kind"),
        "reports_period": .init(zh: "期间", en: "Period"),
        "reports_generated": .init(zh: "生成时间（UTC）", en: "Written at (UTC)"),
        "reports_xlsx": .init(zh: "下载 Excel (XLSX)", en: "Download Excel (XLSX)"),
        "reports_target": .init(zh: "目标进度（累计）", en: "Target progress (to date)"),
        "reports_change_help": .init(zh: "小字为与上期相比的变化；比率的变化以百分点 (pp) 计。",
                                     en: "The small figure is the change against the period before; for rates, in percentage points (pp)."),
        "metrics_no_rows": .init(zh: "这一范围没有数据。", en: "No data in this range."),
    ]
}
