/// The scorecards Waihu ships (issue 17): a sales one whose fatal items are the seeds' (RULES QA-02, QA-03, QA-05:
/// activation time, charges, cancellation method, product name, charge standard, payment method, the customer's
/// explicit yes, no forced activation) with the service norms of RULES A.2 as ordinary items, and a survey /
/// return-visit one. Each adds up to 100; a center edits its own versions.
public enum DefaultScorecards {
    public static let all = [sales, survey]

    public static let sales = Scorecard(code: "sales", name: "营销外呼质检表", sections: [
        .init(title: "开场（报家门、确认身份、说明来意）", items: [
            .init(id: "opening_company", text: "报家门：说明公司与本人工号", points: 5),
            .init(id: "opening_identity", text: "确认客户身份", points: 5),
            .init(id: "opening_purpose", text: "说明来电目的", points: 5),
        ]),
        .init(title: "服务规范", items: [
            .init(id: "attitude", text: "服务态度主动、热情、耐心", points: 10, kind: .scale),
            .init(id: "voice", text: "普通话清晰、语速语气适中", points: 5, kind: .scale),
            .init(id: "courtesy", text: "礼貌用语（您好、请、谢谢、不好意思、再见）贯穿始终", points: 5),
            .init(id: "forbidden_phrase", text: "使用服务忌语（每次扣 5 分）", points: 10, kind: .deduction, deduction: 5),
            .init(id: "no_argument", text: "不与客户争辩、顶撞", points: 5),
        ]),
        .init(title: "业务告知与确认（致命项，一票否决）", items: [
            .init(id: "F1", text: "说明开通（生效）时间（订购业务）", points: 5, fatal: true),
            .init(id: "F2", text: "说明资费情况", points: 5, fatal: true),
            .init(id: "F3", text: "说明取消方式（订购业务）", points: 5, fatal: true),
            .init(id: "F4", text: "说明产品名称", points: 5, fatal: true),
            .init(id: "F5", text: "说明收费标准", points: 5, fatal: true),
            .init(id: "F6", text: "说明交费方式", points: 5, fatal: true),
            .init(id: "F7", text: "得到客户明确的同意（“是”）", points: 5, fatal: true),
            .init(id: "F8", text: "未经客户同意不强制开通任何业务", points: 5, fatal: true),
        ]),
        .init(title: "结束", items: [
            .init(id: "closing_thanks", text: "无论结果如何，向客户致谢", points: 5),
            .init(id: "closing_recap", text: "复述已达成的约定与关键数字（唱单）", points: 5),
        ]),
    ])

    public static let survey = Scorecard(code: "survey", name: "调查回访质检表", sections: [
        .init(title: "开场", items: [
            .init(id: "opening_company", text: "报家门：说明单位与本人工号", points: 5),
            .init(id: "opening_identity", text: "确认受访者身份", points: 5),
            .init(id: "opening_purpose", text: "说明回访目的与大约时长", points: 10),
        ]),
        .init(title: "问卷", items: [
            .init(id: "questions_asked", text: "按问卷逐题提问，不漏题", points: 20, kind: .scale),
            .init(id: "answers_true", text: "记录与受访者的回答一致，不诱导、不代答（致命项）", points: 20, fatal: true),
        ]),
        .init(title: "服务规范", items: [
            .init(id: "attitude", text: "态度亲切、耐心", points: 10, kind: .scale),
            .init(id: "voice", text: "普通话清晰、语速适中", points: 10, kind: .scale),
            .init(id: "forbidden_phrase", text: "使用服务忌语（每次扣 5 分）", points: 10, kind: .deduction, deduction: 5),
        ]),
        .init(title: "结束", items: [
            .init(id: "closing_thanks", text: "向受访者致谢", points: 5),
            .init(id: "closing_channel", text: "告知咨询方式", points: 5),
        ]),
    ])
}
