import Foundation

/// The seeds' penalty tables as Waihu ships them (RULES B.3, B.4, B.6 and the attitude and confidentiality lines of
/// the site scorecard, F 四 and F 五); a center edits, switches off or adds its own. Amounts are the seeds'.
public enum DefaultPenaltyRules {
    public static let all: [PenaltyRule] = fines + bonusDeductions + vendor + sitePoints + kpi + rewards

    /// 乐捐, booked by a supervisor on the floor (seed 000 第四篇 五).
    static let fines: [PenaltyRule] = [
        rule("fine.snacks", "上班时间吃零食", "Snacking during work", .fine, .agent, .manual, .fixed(10), "000 四·五.1"),
        rule("fine.desk", "桌面不整洁或做与工作无关的事", "Untidy desk or non-work activity", .fine, .agent, .manual, .fixed(10), "000 四·五.2"),
        rule("fine.padding", "无故示忙或挂机后不提交问卷挂时长", "Unexplained busy or padding wrap-up time", .fine, .agent, .manual, .fixed(50), "000 四·五.3.3)"),
        rule("fine.equipment", "私自调换耳麦、话机（每件）", "Swapping headsets or phones (per item)", .fine, .agent, .manual, .range(10, 50), "000 四·五.4"),
        rule("fine.power", "下班未关闭坐席电源", "Seat power left on after work", .fine, .agent, .manual, .fixed(5), "000 四·五.5"),
        rule("fine.mobile", "工作现场玩手机", "Using a mobile phone on the floor", .fine, .agent, .manual, .fixed(100), "000 四·五.8"),
    ]

    /// 扣除奖金 (seed 000 第四篇 六): from reviews, or booked by hand where only a person can tell.
    static let bonusDeductions: [PenaltyRule] = [
        rule("bonus.phrases", "首尾语不规范或出现禁用语", "Non-standard opening or closing, or a forbidden phrase", .bonusDeduction, .agent,
             .finding(.forbiddenPhrase), .fixed(10), "000 四·六.1"),
        rule("bonus.speed", "语速过快", "Speaking too fast", .bonusDeduction, .agent, .manual, .range(5, 20), "000 四·六.1"),
        rule("bonus.hangup", "主动挂断听不清的用户", "Hanging up on a customer who cannot hear", .bonusDeduction, .agent, .manual, .fixed(30), "000 四·六.2"),
        rule("bonus.forced", "强制为用户开通业务", "Forced activation", .bonusDeduction, .agent, .finding(.forcedActivation, .noConsent), .fixed(50), "000 四·六.3"),
        rule("bonus.leak", "泄露公司或客户资料（每户）", "Leaking company or customer data (per household)", .bonusDeduction, .agent,
             .finding(.dataLeak), .perUnit(50), "000 四·六.4"),
        rule("bonus.language", "未执行用语规范", "Language standard not kept", .bonusDeduction, .agent, .manual, .fixed(10), "000 四·六.5"),
        rule("bonus.grumbling", "对用户发牢骚、挂机后骂人", "Grumbling at customers, cursing after hang-up", .bonusDeduction, .agent,
             .finding(.attitude, .profanity), .fixed(30), "000 四·六.6"),
        rule("bonus.unqualified", "不合格工单（致命项或零分）", "Unqualified ticket (a fatal item or a zero score)", .bonusDeduction, .agent,
             .unqualifiedTicket, .fixed(50), "000 四·六.7–8"),
    ]

    /// 合作方考核 (seed 000 四·六.9): the vendor whose agent made the call.
    static let vendor: [PenaltyRule] = [
        rule("vendor.unqualified", "合作方不合格工单", "Vendor's unqualified ticket", .vendorDeduction, .vendor, .unqualifiedTicket, .fixed(50), "000 四·六.9"),
        rule("vendor.complaint", "合作方有效投诉", "Vendor's valid complaint", .vendorDeduction, .vendor, .complaint(), .fixed(100), "000 四·六.9"),
    ]

    /// 扣分 on the site's assessment scorecard (seed 003 第五篇 四 and 五).
    static let sitePoints: [PenaltyRule] = [
        rule("site.attitude", "监听发现服务态度差", "Bad attitude found in monitoring", .sitePoints, .site, .finding(.attitude),
             .progressive(first: 1, then: 1), "003 五·四.1"),
        rule("site.profanity", "监听听到讲粗口", "Profanity heard in monitoring", .sitePoints, .site, .finding(.profanity), .fixed(1), "003 五·四.2"),
        rule("site.complaint", "客户投诉服务态度差", "Customer complaint about attitude", .sitePoints, .site,
             .complaint([.attitude], channels: [.call, .letter, .visit]), .progressive(first: 1, then: 1), "003 五·四.3"),
        rule("site.media", "媒体报道服务态度差", "Media report of bad attitude", .sitePoints, .site, .complaint(channels: [.media]),
             .progressive(first: 3, then: 2), "003 五·四.4"),
        rule("site.escalation", "服务态度差导致越级投诉", "Escalated complaint about attitude", .sitePoints, .site,
             .complaint([.attitude], channels: [.escalation]), .fixed(2), "003 五·四.5"),
        rule("site.image", "监听发现恶意损坏企业形象", "Damaging the company image, found in monitoring", .sitePoints, .site,
             .finding(.imageDamage), .fixed(2), "003 五·四.6"),
        rule("site.leak", "违规泄露客户资料", "Customer data leaked", .sitePoints, .site, .finding(.dataLeak), .progressive(first: 2, then: 2), "003 五·五.1"),
    ]

    /// 绩效分 (seed 000 第三篇 1): morning-meeting rules.
    static let kpi: [PenaltyRule] = [
        rule("kpi.meeting", "违反班前会纪律", "Morning-meeting rule broken", .kpiPoints, .agent, .manual, .fixed(1), "000 三·1"),
    ]

    /// 奖励: what a production ranking books on its winners (seed 001 团队士气 2: results recognised promptly); the amount
    /// is chosen when the reward is booked.
    static let rewards: [PenaltyRule] = [
        rule("reward.ranking", "产量评比奖励", "Production ranking reward", .reward, .agent, .manual, .range(1, 10_000), "001 团队士气 2"),
    ]

    static func rule(_ code: String, _ zh: String, _ en: String, _ ledger: PenaltyLedger, _ subject: PenaltySubject, _ trigger: PenaltyTrigger,
                     _ amount: PenaltyAmount, _ source: String) -> PenaltyRule {
        PenaltyRule(code: code, name: LocalizedText(zh: zh, en: en), ledger: ledger, subject: subject, trigger: trigger, amount: amount, source: source)
    }
}
