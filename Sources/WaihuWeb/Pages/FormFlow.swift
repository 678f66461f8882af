import Vapor
import WaihuCore

/// A form post: run the action and redirect with a notice, or show the page again with the
/// reason of the refusal and nothing changed.
enum FormFlow {
    static func submit(
        _ req: Request, redirect: String,
        action: () async throws -> Void,
        page: (_ error: String) async throws -> View
    ) async throws -> Response {
        do {
            try await action()
            return req.redirect(to: redirect + (redirect.contains("?") ? "&" : "?") + "notice=saved")
        } catch let error as DomainError {
            let response = try await page(error.message.text(req.language)).encodeResponse(for: req)
            response.status = ErrorTranslation.status(error)
            return response
        } catch let error as DecodingError {
            let domain = ErrorTranslation.decodingError(error)
            let response = try await page(domain.message.text(req.language)).encodeResponse(for: req)
            response.status = .badRequest
            return response
        }
    }

    /// The request's query parameters of these names that have a value, encoded again: a list page's filters
    /// carried into its page links and its download.
    static func query(_ req: Request, _ names: [String]) -> String {
        names.compactMap { name -> String? in
            guard let value = req.query[String.self, at: name], !value.isEmpty,
                  let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) else { return nil }
            return "\(name)=\(encoded)"
        }.joined(separator: "&")
    }

    /// The items of a typed list: separated by commas (either width), 、 or blanks.
    static func items(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0.isWhitespace }).map(String.init)
    }

    /// An optional form value: nil when empty.
    static func optional(_ value: String?) -> String? {
        guard let value = value?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    /// What a form's POST did, kept in the session for the page it redirects to (Post/Redirect/Get): a reload of that
    /// page sends nothing again. Read once.
    static func flash(_ req: Request, notice: String?, error: String? = nil) {
        req.session.data["flash_notice"] = notice
        req.session.data["flash_error"] = error
    }

    static func takeFlash(_ req: Request) -> (notice: String?, error: String?) {
        let flash: (notice: String?, error: String?) = (req.session.data["flash_notice"], req.session.data["flash_error"])
        if flash.notice != nil || flash.error != nil {
            req.session.data["flash_notice"] = nil
            req.session.data["flash_error"] = nil
        }
        return flash
    }
}
