/// The names people read for the audit log's actions and objects; the codes stay in the log and the API.
/// An action not named here reads as its code, so a new action is never hidden.
public enum AuditVocabulary {
    public static func action(_ code: String) -> LocalizedText {
        actions[code] ?? LocalizedText(zh: code, en: code)
    }

    public static func target(_ code: String) -> LocalizedText {
        targets[code] ?? LocalizedText(zh: code, en: code)
    }

    static let actions: [String: LocalizedText] = [
        "login.success": .init(zh: "登录", en: "Signed in"),
        "login.failure": .init(zh: "登录失败", en: "Sign-in failed"),
        "login.throttled": .init(zh: "登录被限制（尝试过多）", en: "Sign-in throttled"),
        "logout": .init(zh: "退出登录", en: "Signed out"),
        "user.create": .init(zh: "创建用户", en: "User created"),
        "user.update": .init(zh: "修改用户", en: "User changed"),
        "user.unlock": .init(zh: "解锁用户", en: "User unlocked"),
        "user.password_change": .init(zh: "修改密码", en: "Password changed"),
        "user.password_reset": .init(zh: "重置密码", en: "Password reset"),
        "agent.create": .init(zh: "新增坐席", en: "Agent added"),
        "agent.update": .init(zh: "修改坐席", en: "Agent changed"),
        "agent.import": .init(zh: "导入坐席", en: "Agents imported"),
        "site.create": .init(zh: "新增职场", en: "Site added"),
        "team.create": .init(zh: "新增班组", en: "Team added"),
        "team.update": .init(zh: "修改班组", en: "Team changed"),
        "project.create": .init(zh: "新建项目", en: "Project created"),
        "project.update": .init(zh: "修改项目", en: "Project changed"),
        "project.status": .init(zh: "项目状态变更", en: "Project status changed"),
        "project.dial_mode": .init(zh: "外呼方式变更", en: "Dialling mode changed"),
        "project.dispositions": .init(zh: "修改结果码", en: "Dispositions changed"),
        "project.script": .init(zh: "发布话术与问卷", en: "Script published"),
        "batch.import": .init(zh: "导入客户名单", en: "Customer list imported"),
        "records.import": .init(zh: "导入记录", en: "Records imported"),
        "lead.allocate": .init(zh: "分配数据", en: "Leads allocated"),
        "lead.recycle": .init(zh: "回收数据", en: "Leads taken back"),
        "lead.reveal": .init(zh: "查看完整号码", en: "Number revealed"),
        "export.customers": .init(zh: "导出客户数据", en: "Customers exported"),
        "export.rejects": .init(zh: "导出未导入行", en: "Rejected rows exported"),
        "export.audit": .init(zh: "导出审计日志", en: "Audit log exported"),
        "dnc.add": .init(zh: "加入免打扰名单", en: "Do-not-call entry added"),
        "dnc.remove": .init(zh: "移出免打扰名单", en: "Do-not-call entry removed"),
        "dnc.import": .init(zh: "导入免打扰名单", en: "Do-not-call list imported"),
        "dnc.reveal": .init(zh: "查看免打扰完整号码", en: "Do-not-call number revealed"),
        "policy.rules": .init(zh: "修改呼叫规则", en: "Contact rules changed"),
        "policy.holidays": .init(zh: "修改节假日", en: "Holidays changed"),
        "complaint.register": .init(zh: "登记投诉", en: "Complaint registered"),
        "complaint.judge": .init(zh: "判定投诉", en: "Complaint judged"),
        "order.status": .init(zh: "订单状态变更", en: "Order status changed"),
        "order.reconfirm_flag": .init(zh: "订单标记需再次确认", en: "Order flagged for re-confirmation"),
        "order.reconfirm": .init(zh: "订单再次确认", en: "Order re-confirmed"),
        "order.dispute": .init(zh: "登记签收异议", en: "Sign dispute recorded"),
        "qa.sample": .init(zh: "抽检通话", en: "Calls sampled for review"),
        "qa.review": .init(zh: "质检评分", en: "Call reviewed"),
        "qa.appeal_decision": .init(zh: "处理质检申诉", en: "Appeal decided"),
        "qa.scorecard": .init(zh: "保存质检评分表", en: "Scorecard saved"),
        "recording.play": .init(zh: "播放录音", en: "Recording played"),
        "qa.lexicon": .init(zh: "保存服务忌语词库", en: "Forbidden-phrase lexicon saved"),
        "simulation.store": .init(zh: "保存模拟外呼日", en: "Simulated day stored"),
        "demo.seed": .init(zh: "创建演示组织", en: "Demo organisation created"),
    ]

    static let targets: [String: LocalizedText] = [
        "user": .init(zh: "用户", en: "User"),
        "agent": .init(zh: "坐席", en: "Agent"),
        "site": .init(zh: "职场", en: "Site"),
        "team": .init(zh: "班组", en: "Team"),
        "project": .init(zh: "项目", en: "Project"),
        "batch": .init(zh: "导入批次", en: "Import batch"),
        "lead": .init(zh: "客户数据", en: "Lead"),
        "dnc": .init(zh: "免打扰名单", en: "Do-not-call list"),
        "complaint": .init(zh: "投诉", en: "Complaint"),
        "order": .init(zh: "订单", en: "Order"),
        "qa_review": .init(zh: "质检结果", en: "Review"),
        "scorecard": .init(zh: "评分表", en: "Scorecard"),
        "lexicon": .init(zh: "忌语词库", en: "Lexicon"),
        "attempt": .init(zh: "通话", en: "Call"),
        "calls": .init(zh: "外拨记录", en: "Call records"),
        "states": .init(zh: "坐席状态记录", en: "State records"),
        "schedules": .init(zh: "排班记录", en: "Schedules"),
        "transcripts": .init(zh: "通话转写", en: "Transcripts"),
        "reviews": .init(zh: "质检历史", en: "QA history"),
        "recordings": .init(zh: "录音", en: "Recordings"),
        "organisation": .init(zh: "组织", en: "Organisation"),
        "policy": .init(zh: "呼叫规则", en: "Contact rules"),
        "audit": .init(zh: "审计日志", en: "Audit log"),
    ]
}
