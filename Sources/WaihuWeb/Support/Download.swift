import Vapor

/// Files the user saves: a CSV (UTF-8 with a byte-order mark, so that spreadsheet programs read the
/// Chinese) or an XLSX workbook, with the name to save it under.
enum Download {
    static func csv(_ text: String, named name: String) -> Response {
        let response = Response(status: .ok, body: .init(string: "\u{FEFF}" + text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).csv\"")
        return response
    }

    static func xlsx(_ data: Data, named name: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).xlsx\"")
        return response
    }

    /// A file kept as it was uploaded, under its own name (any characters, RFC 6266's `filename*`).
    static func file(_ data: Data, contentType: String, named name: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: contentType)
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename*=UTF-8''\(encoded)")
        return response
    }
}
