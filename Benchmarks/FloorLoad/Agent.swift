import Foundation

/// One simulated agent's working day, through the HTTP API: sign in, log into the project ready, then take the next
/// lead, dial it, end it with a disposition drawn like a real day's, and look at the desk every fifth call.
struct Agent: Sendable {
    let username: String
    let password: String
    let project: String
    /// Milliseconds between the dial and the end of the call (0: as fast as the server answers).
    let talkMilliseconds: Int

    /// A real day's ends of a call, in shares of 100 (refusals give their reason, which the project requires).
    static let dispositions: [(share: Int, code: String, refusalReason: String?)] = [
        (40, "no_answer", nil), (12, "busy", nil), (8, "powered_off", nil), (5, "vacant", nil), (3, "answering_machine", nil),
        (18, "refused", "no_need"), (4, "refused", "price"), (5, "not_target", nil), (5, "wrong_number", nil),
    ]

    static func drawDisposition() -> (code: String, refusalReason: String?) {
        var roll = Int.random(in: 0 ..< dispositions.reduce(0) { $0 + $1.share })
        for disposition in dispositions {
            if roll < disposition.share { return (disposition.code, disposition.refusalReason) }
            roll -= disposition.share
        }
        return ("no_answer", nil)
    }

    func signIn(_ floor: Floor, until deadline: ContinuousClock.Instant) async -> String? {
        while ContinuousClock.now < deadline {
            let answer = await floor.send("auth/login", .POST, "/api/v1/auth/login",
                                          body: Floor.body(["username": username, "password": password]))
            if answer.status == 200, let token = Floor.json(answer.body)["token"] as? String { return token }
            try? await Task.sleep(for: .milliseconds(500))
        }
        return nil
    }

    func work(_ floor: Floor, token: String, acknowledged: Acknowledged, until deadline: ContinuousClock.Instant) async {
        var ready = false, calls = 0
        while ContinuousClock.now < deadline {
            if !ready {
                let answer = await floor.send("desk/state", .POST, "/api/v1/desk/state", token: token,
                                              body: Floor.body(["state": "ready", "project": project]))
                ready = answer.status == 200
                if !ready { try? await Task.sleep(for: .milliseconds(500)); continue }
            }
            let next = await floor.send("desk/next", .POST, "/api/v1/projects/\(project)/desk/next", token: token)
            let taken = Floor.json(next.body)
            guard next.status == 200, taken["reserved"] as? Bool == true, let attempt = taken["attempt_id"] as? String else {
                // No lead left, or the node died under the request: a breath, and ready again.
                if next.status != 200 { ready = false }
                try? await Task.sleep(for: .milliseconds(next.status == 200 ? 1_000 : 200))
                continue
            }
            acknowledged.taken(attempt)
            await floor.send("attempts/dial", .POST, "/api/v1/attempts/\(attempt)/dial", token: token)
            if talkMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(talkMilliseconds)) }
            await end(attempt, floor, token: token, acknowledged: acknowledged)
            calls += 1
            if calls % 5 == 0 { await floor.send("desk", .GET, "/api/v1/desk", token: token) }
        }
    }

    /// Ends the call; a request that got no answer (the node died) is sent again, and only a 200 counts as stored.
    func end(_ attempt: String, _ floor: Floor, token: String, acknowledged: Acknowledged) async {
        let (code, refusalReason) = Self.drawDisposition()
        var fields: [String: Any] = ["disposition": code]
        if let refusalReason { fields["answers"] = ["refusal_reason": refusalReason] }
        for _ in 0 ..< 3 {
            let answer = await floor.send("attempts/finish", .POST, "/api/v1/attempts/\(attempt)/finish", token: token, body: Floor.body(fields))
            if answer.status == 200 { return acknowledged.finished(attempt, code) }
            if answer.status != 0 && answer.status != 502 { return }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }
}

/// A client that misbehaves beside the floor: bodies that are not JSON, a call of another agent's ended as its own,
/// requests without a token. Every answer must be a refusal (4xx), never a 2xx or a 500.
struct GarbageClient: Sendable {
    let agent: Agent

    func work(_ floor: Floor, token: String, acknowledged: Acknowledged, until deadline: ContinuousClock.Instant) async {
        var turn = 0
        while ContinuousClock.now < deadline {
            turn += 1
            switch turn % 4 {
            case 0:
                await floor.send("garbage/not-json", .POST, "/api/v1/attempts/\(UUID().uuidString)/finish", token: token,
                                 body: "{\"disposition\": \u{0}\u{1}garbage")
            case 1:
                if let theirs = acknowledged.someoneElses() {
                    await floor.send("garbage/others-attempt", .POST, "/api/v1/attempts/\(theirs)/finish", token: token,
                                     body: Floor.body(["disposition": "wrong_number"]))
                }
            case 2:
                await floor.send("garbage/no-token", .POST, "/api/v1/projects/\(agent.project)/desk/next")
            default:
                await floor.send("garbage/bad-state", .POST, "/api/v1/desk/state", token: token,
                                 body: Floor.body(["state": "dancing", "project": 42]))
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
