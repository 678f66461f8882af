import Fluent
import Foundation
import WaihuApp
import WaihuCore
import WaihuStore

/// The demo projects' scripts and questionnaires; with them in place the projects go through test calls
/// to running, as the lifecycle guard allows.
enum DemoScripts {
    static func seed(at now: Date, on db: any Database) async throws {
        let actor = AuditEvent(actorID: nil, actorName: "system", action: "project.script", targetType: "project")
        for (code, script) in [("DEMO-MKT", marketing), ("DEMO-SAT", survey), ("DEMO-VIP", upgrade)] {
            guard let project = try await ProjectQueries.project(code, in: .organisation, on: db) else { continue }
            let id = try project.project.requireID()
            _ = try await ScriptQueries.save(try script.validated(), project: id, actor: actor, at: now, on: db)
            var status = project.project.status
            let readiness = try await ProjectQueries.readiness(of: id, on: db)
            for next in [ProjectStatus.planning, .testCalls, .running] where status.successors.contains(next) {
                try ProjectLifecycle.check(from: status, to: next, readiness: readiness)
                status = next
            }
            project.project.status = status
            try await project.project.save(on: db)
        }
    }

    static let marketing = Script(sections: [
        .opening: "您好，请问是{姓名}吗？我是宽带客服中心的客户代表，工号 A 开头，打扰您一分钟时间。",
        .needs: "了解到您在{地区}使用我们的{套餐}套餐，请问您家里平时上网、看视频的人多吗？网速够用吗？",
        .response: "明白，晚上几个人同时看视频确实容易卡，这个问题可以解决。",
        .introduction: "现在千兆宽带升级活动每月只加 20 元，速率提升到 1000M，另送智能路由器一台。",
        .closing: "和您确认一下：办理的是“千兆宽带升级”，每月加收 20 元，次月生效。您看现在帮您办理可以吗？",
        .ending: "感谢您的支持，稍后会有工作人员与您联系安装时间，祝您生活愉快，再见！",
    ], faq: [
        FAQEntry(question: "合约期多长？", answer: "合约期 12 个月，到期可自愿续约，提前取消不收违约金。"),
        FAQEntry(question: "需要上门吗？", answer: "升级一般无需上门，如需更换光猫，装维人员会提前电话预约。"),
    ], questions: [
        Question(id: "speed_ok", text: "现有网速是否够用", kind: .single, options: ["够用", "不够用", "不清楚"]),
        Question(id: "users", text: "家中同时上网人数", kind: .number, min: 1, max: 20),
    ])

    static let survey = Script(sections: [
        .opening: "您好，请问是{姓名}吗？我是装维服务回访专员，想占用您两分钟了解上次上门服务的情况。",
        .needs: "请问最近一次上门安装或维修是在{地区}的住址吗？",
        .ending: "感谢您的宝贵意见，我们会持续改进服务，祝您生活愉快，再见！",
    ], faq: [
        FAQEntry(question: "回访电话是否收费？", answer: "本次回访电话对您免费。"),
    ], questions: [
        Question(id: "visited", text: "装维人员是否按约定时间上门", kind: .single, required: true, options: ["是", "否", "未上门"],
                 skips: [SkipRule(answer: "未上门", to: "remark")]),
        Question(id: "satisfaction", text: "对本次上门服务的总体满意度（1–5 分）", kind: .rating, required: true, max: 5),
        Question(id: "issues", text: "服务中存在的问题（可多选）", kind: .multiple, options: ["迟到", "态度不好", "未讲解使用", "现场不整洁", "收费不明"]),
        Question(id: "visit_date", text: "上门日期", kind: .date),
        Question(id: "remark", text: "其他意见", kind: .text),
    ])

    static let upgrade = Script(sections: [
        .opening: "{姓名}您好，我是客户经理，感谢您一直使用我们的{套餐}套餐，今天给您带来一个 VIP 专属优惠。",
        .needs: "请问您每月的流量和通话够用吗？",
        .introduction: "VIP 升级包每月 39 元，含 30G 全国流量和 300 分钟通话，比单买省一半。",
        .closing: "二次确认：您办理的是“VIP 升级包”，每月 39 元，下月 1 日生效，请问确认办理吗？",
        .ending: "已为您登记，审单专员会再次与您电话确认，感谢您的支持，再见！",
    ], faq: [
        FAQEntry(question: "可以随时取消吗？", answer: "可以，次月生效，无违约金。"),
    ], questions: [
        Question(id: "interest", text: "客户对升级包的兴趣", kind: .single, required: true, options: ["很感兴趣", "一般", "不感兴趣"],
                 skips: [SkipRule(answer: "不感兴趣", to: "end")]),
        Question(id: "usage", text: "每月流量使用（GB）", kind: .number, min: 0, max: 1000),
        Question(id: "contact_time", text: "方便联系的时段", kind: .multiple, options: ["上午", "下午", "晚上"]),
    ])
}
