import Foundation
import Testing
import Vapor

/// The browser tests, one at a time: each drives a Chromium against a running Waihu, and several at once on a
/// small machine, beside the rest of the suite, wait past their deadlines.
@Suite(.serialized, .enabled(if: Chromium.executable != nil, "needs Debian's chromium"))
enum BrowserTests {}

extension Chromium {
    /// Serves the app on a free port and runs `body` with a fresh browser and the site's address; on a
    /// failure a screenshot goes to `artefacts/failure.png`. The server and the browser are stopped after, the
    /// browser first leaving the site and its last requests given time to finish: a desk's poll still running
    /// when the app shuts down would reach for a database that is gone.
    static func session(_ app: Application, artefacts: URL, _ body: (Chromium, String) async throws -> Void) async throws {
        let server = app.http.server.shared
        try await server.start(address: .hostname("127.0.0.1", port: 0))
        do {
            let port = try #require(server.localAddress?.port)
            let browser = try await Chromium.launch(client: app.client)
            do {
                try await body(browser, "http://127.0.0.1:\(port)")
            } catch {
                try? await browser.screenshot(artefacts, "failure.png")
                await leave(browser)
                throw error
            }
            await leave(browser)
        } catch {
            await stop(server)
            throw error
        }
        await stop(server)
    }

    /// Stops the server and gives a request it was still answering (on a busy machine, seconds) time to finish
    /// before the app and its database go.
    static func stop(_ server: any Server) async {
        await server.shutdown()
        try? await Task.sleep(for: .seconds(2))
    }

    static func leave(_ browser: Chromium) async {
        try? await browser.open("about:blank")
        try? await Task.sleep(for: .seconds(1))
        await browser.close()
    }

    /// Opens the desk and waits until its script has shown the first status: keys pressed before would go unheard.
    func openDesk(_ base: String) async throws -> Bool {
        try await open(base + "/desk")
        return try await wait(for: "document.getElementById('state') !== null && document.getElementById('state').dataset.state !== undefined", seconds: 40)
    }

    /// On the open desk: chooses `project` from the list and presses R; true once the desk says 就绪 (ready).
    func ready(in project: String) async throws -> Bool {
        try await evaluate("var p = document.getElementById('project'); p.value = '\(project)'; p.dispatchEvent(new Event('change'));")
        try await press("r")
        return try await wait(for: "document.getElementById('state').innerText === '就绪'")
    }

    /// Signs out with the page's sign-out button; true once the login page is back.
    func signOut() async throws -> Bool {
        try await evaluate("document.querySelector('form[action=\"/logout\"]').submit()")
        return try await wait(for: "location.pathname === '/login'")
    }

    /// Signs in through the login form, as a person does; true once the home page has loaded. Sign-in hashes
    /// the password (bcrypt): on a busy machine it takes seconds.
    func signIn(_ base: String, _ username: String, _ password: String) async throws -> Bool {
        try await open(base + "/login")
        try await evaluate("""
            document.querySelector('input[name=username]').value = '\(username)';
            document.querySelector('input[name=password]').value = '\(password)';
            document.querySelector('form').submit();
            """)
        return try await wait(for: "location.pathname === '/' && document.readyState === 'complete'", seconds: 30)
    }
}
