import Fluent
import Foundation
import Vapor
import WaihuApp
import WaihuCore
import WaihuStore

/// The demo's quality work on its past week: two transcribed calls (one with forbidden phrases), a sample of two
/// calls per agent for the QA inspector, and two of them reviewed — one excellent, one unqualified on a fatal item with
/// findings of bad attitude and a forbidden phrase, which book the penalty ledger and open an apology call; a complaint
/// about that call, classified and its recording retrieved, waiting to be judged.
enum DemoQuality {
    static func seed(_ app: Application, at now: Date) async throws {
        let db = app.db
        let zone = try await OrganisationQueries.timeZone(on: db)
        let yesterday = LocalTime(now, in: zone).date.addingDays(-1)
        let calls = try await CallAttemptModel.query(on: db).filter(\.$talkSeconds > 60).filter(\.$agentID != nil)
            .filter(\.$startedAt >= LocalTime.instant(yesterday, in: zone)).sort(\.$startedAt).limit(2).all()
        guard calls.count == 2, let rude = calls[0].id, let polite = calls[1].id else { return }
        let turns: [TranscriptRecord] = [
            .init(attemptID: rude.uuidString, speaker: .agent, startMs: 0, endMs: 3_000, text: "喂，您是王先生吗？我是宽带客服。"),
            .init(attemptID: rude.uuidString, speaker: .customer, startMs: 3_000, endMs: 6_000, text: "是我，什么事？"),
            .init(attemptID: rude.uuidString, speaker: .agent, startMs: 6_000, endMs: 12_000, text: "千兆升级每月加 20 元，你想好了没有，快点。"),
            .init(attemptID: polite.uuidString, speaker: .agent, startMs: 0, endMs: 4_000, text: "您好，我是宽带客服中心的客户代表。"),
            .init(attemptID: polite.uuidString, speaker: .customer, startMs: 4_000, endMs: 7_000, text: "好的，你说。"),
            .init(attemptID: polite.uuidString, speaker: .agent, startMs: 60_000, endMs: 64_000, text: "感谢您的支持，再见！"),
        ]
        let store = try await RecordImportStore(on: db, at: now)
        var report = RecordImportReport(kind: .transcripts)
        try await store.transcripts(turns.enumerated().map { ($0.offset + 2, $0.element) }, into: &report)

        let project = try await ProjectService.find("DEMO-MKT", scope: .organisation, on: db)
        _ = try await QualityService.sample(project: project, from: yesterday.addingDays(-DemoHistory.days + 1), to: yesterday,
                                            plan: try SamplingPlan(amount: .perAgent(2), minimumTalk: 30, seed: 2026), inspectors: nil,
                                            actor: Caller.system.event("qa.sample", targetType: "project"), at: now, on: db)
        guard let qa = try await UserModel.query(on: db).filter(\.$username == "qa").first(),
              let inspector = try await CurrentUser.load(qa, viaToken: false, on: db) else { return }
        let tasks = try await QualityReads.tasks(inspector: inspector.id, on: db)
        let card = DefaultScorecards.sales
        var marks = Dictionary(uniqueKeysWithValues: card.items.map { item -> (String, ReviewScore.Mark) in
            (item.id, item.kind == .pass_fail ? .init(passed: true) : item.kind == .scale ? .init(value: item.points) : .init(occurrences: 0))
        })
        if let first = tasks.first(where: { $0.attempt_id != rude }) {
            _ = try await QualityService.review(task: first.id, marks: marks, comment: "开场、告知与确认完整，态度亲切。", user: inspector,
                                                actor: Caller.system.event("qa.review", targetType: "qa_review"), at: now, on: db)
        }
        if let second = tasks.first(where: { $0.attempt_id == rude }) ?? tasks.dropFirst().first {
            marks["F2"] = .init(passed: false, comment: "未说明资费")
            marks["forbidden_phrase"] = .init(occurrences: 1, comment: "你想好了没有，快点")
            marks["attitude"] = .init(value: 4)
            _ = try await QualityService.review(task: second.id, marks: marks, comment: "未说明资费（致命项），催促客户。",
                                                findings: [Finding(category: .attitude, note: "催促客户“快点”"),
                                                           Finding(category: .forbiddenPhrase, note: "你想好了没有")], user: inspector,
                                                actor: Caller.system.event("qa.review", targetType: "qa_review"), at: now, on: db)
        }
        // A complaint about the rude call, in its workflow: classified and its recording retrieved, to be judged.
        if let call = try await CallAttemptModel.find(rude, on: db) {
            let complaint = try await ComplaintService.register(
                .init(phone: call.phone, channel: ComplaintChannel.call.rawValue, kind: ComplaintKind.attitude.rawValue, type: nil, valid: nil,
                      attempt_id: rude, note: "客户来电反映坐席语气不耐烦"),
                user: inspector, actor: Caller.system.event("complaint.register", targetType: "complaint"), at: now, on: db)
            for step in [ComplaintStep.classified, .recordingRetrieved] {
                _ = try await ComplaintService.advance(try complaint.requireID(), step: step, input: .init(note: step == .classified ? "电话营销投诉" : "已调取录音"),
                                                       user: inspector, actor: Caller.system.event("complaint.step", targetType: "complaint"), at: now, on: db)
            }
        }
    }
}
