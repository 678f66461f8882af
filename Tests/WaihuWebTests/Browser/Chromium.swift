import Foundation
import Synchronization
import Vapor

/// A headless Chromium (Debian's `chromium`) driven through the Chrome DevTools Protocol over a web
/// socket: enough to open pages, run JavaScript in them, press keys and take screenshots.
final class Chromium: Sendable {
    /// Where Debian puts the browser; nil when it is not installed.
    static let executable: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    private let process: Process
    private let profile: URL
    private let socket: WebSocket
    private let replies: Replies

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private init(process: Process, profile: URL, socket: WebSocket, replies: Replies) {
        self.process = process
        self.profile = profile
        self.socket = socket
        self.replies = replies
    }

    /// Starts the browser with a fresh profile and connects to its first page.
    static func launch(client: any Client, language: String = "zh-CN", timeZone: String = "Asia/Shanghai") async throws -> Chromium {
        guard let executable else { throw Failure(description: "chromium is not installed (apt-get install chromium)") }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("waihu-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--remote-debugging-port=0", "--remote-allow-origins=*", "--autoplay-policy=no-user-gesture-required", "--user-data-dir=\(profile.path)", "--window-size=1280,1400",
                             "--lang=\(language)", "about:blank"]
        process.environment = ProcessInfo.processInfo.environment.merging(["TZ": timeZone]) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Chromium writes the port it chose into the profile.
        var port: Int?
        for _ in 0 ..< 300 where port == nil {
            if let text = try? String(contentsOf: profile.appendingPathComponent("DevToolsActivePort"), encoding: .utf8),
               let first = text.split(separator: "\n").first { port = Int(first) }
            if port == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        guard let port else {
            process.terminate()
            throw Failure(description: "chromium did not open its debugging port")
        }
        let page = try await firstPage(port: port, client: client)
        let holder = Mutex<WebSocket?>(nil)
        let replies = Replies()
        // The handler is set on the socket's event loop, as it must be.
        try await WebSocket.connect(to: page, configuration: .init(maxFrameSize: 1 << 27)) { socket in
            socket.onText { _, text in replies.receive(text) }
            holder.withLock { $0 = socket }
        }
        var connected: WebSocket?
        for _ in 0 ..< 100 where connected == nil {
            connected = holder.withLock { $0 }
            if connected == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard let socket = connected else {
            process.terminate()
            throw Failure(description: "no web socket to the page")
        }
        let browser = Chromium(process: process, profile: profile, socket: socket, replies: replies)
        _ = try await browser.call("Page.enable")
        _ = try await browser.call("Network.enable")
        _ = try await browser.call("Network.setExtraHTTPHeaders", ["headers": ["Accept-Language": language]])
        return browser
    }

    private static func firstPage(port: Int, client: any Client) async throws -> String {
        for _ in 0 ..< 50 {
            if let response = try? await client.get(URI(string: "http://127.0.0.1:\(port)/json/list")), let body = response.body,
               let targets = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [[String: Any]],
               let page = targets.first(where: { $0["type"] as? String == "page" })?["webSocketDebuggerUrl"] as? String {
                return page
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "chromium shows no page")
    }

    /// Sends one protocol command and waits for its result.
    func call(_ method: String, _ params: [String: Any] = [:]) async throws -> [String: any Sendable] {
        let id = replies.pending.withLock { state in
            defer { state.next += 1 }
            return state.next
        }
        let body = try JSONSerialization.data(withJSONObject: ["id": id, "method": method, "params": params])
        // A command the page never answers (say, while it navigates) fails after 15 seconds instead of hanging.
        let replies = replies
        Task {
            try? await Task.sleep(for: .seconds(15))
            replies.pending.withLock { $0.waiting.removeValue(forKey: id) }?
                .resume(throwing: Failure(description: "no reply to \(method) within 15 s"))
        }
        return try await withCheckedThrowingContinuation { continuation in
            replies.pending.withLock { $0.waiting[id] = continuation }
            socket.send(String(decoding: body, as: UTF8.self))
        }
    }

    /// The value of a JavaScript expression in the page (strings, numbers and booleans).
    @discardableResult
    func evaluate(_ expression: String) async throws -> (any Sendable)? {
        let result = try await call("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] { throw Failure(description: "JavaScript failed: \(exception)") }
        return (result["result"] as? [String: any Sendable])?["value"]
    }

    func text(_ expression: String) async throws -> String { try await evaluate(expression) as? String ?? "" }

    /// Polls a JavaScript condition until it holds; false after `seconds`.
    func wait(for condition: String, seconds: Double = 20) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            // While a page loads its context may be gone for a moment: try again.
            if (try? await text("(\(condition)) ? 'yes' : 'no'")) == "yes" { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Opens a page and waits until it has loaded.
    func open(_ url: String) async throws {
        _ = try await call("Page.navigate", ["url": url])
        try await Task.sleep(for: .milliseconds(300))
        _ = try await wait(for: "document.readyState === 'complete'")
    }

    /// A key pressed on the page, as the desk listens for it.
    func press(_ key: String) async throws {
        try await evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: '\(key)', bubbles: true}))")
    }

    /// A PNG of the whole page, written to `directory/name`.
    func screenshot(_ directory: URL, _ name: String) async throws {
        let result = try await call("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true])
        guard let encoded = result["data"] as? String, let png = Data(base64Encoded: encoded) else {
            throw Failure(description: "no screenshot")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try png.write(to: directory.appendingPathComponent(name))
    }

    func close() async {
        try? await socket.close()
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
    }
}

/// The replies to the commands sent, matched to their waiting callers by id.
final class Replies: Sendable {
    let pending = Mutex<(next: Int, waiting: [Int: CheckedContinuation<[String: any Sendable], any Error>])>((1, [:]))

    func receive(_ text: String) {
        guard let message = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let id = message["id"] as? Int else { return }
        let waiter = pending.withLock { $0.waiting.removeValue(forKey: id) }
        if let error = message["error"] as? [String: Any] {
            waiter?.resume(throwing: Chromium.Failure(description: "CDP error: \(error)"))
        } else {
            let result = message["result"] as? [String: Any] ?? [:]
            waiter?.resume(returning: result.mapValues { Self.sendable($0) })
        }
    }

    static func sendable(_ value: Any) -> any Sendable {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.doubleValue
        case let dictionary as [String: Any]: dictionary.mapValues { sendable($0) }
        case let array as [Any]: array.map { sendable($0) }
        default: String(describing: value)
        }
    }
}
