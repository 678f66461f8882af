import Foundation

/// Charts drawn on the server as SVG (no script, no external library): horizontal bars (a funnel),
/// vertical bars (by hour), a line (a daily trend) and a scatter split in quadrants.
enum SVGChart {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// One bar per item, widths proportional to the first (the funnel's top), value and share written beside.
    static func funnel(_ items: [(label: String, value: Double)], width: Double = 640) -> String {
        let height = Double(items.count) * 34 + 10
        let top = max(items.first?.value ?? 0, 1)
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (index, item) in items.enumerated() {
            let y = Double(index) * 34 + 5
            let bar = max(1, (width - 320) * item.value / top)
            let share = String(format: "%.1f%%", item.value / top * 100)
            svg += "<text x=\"0\" y=\"\(number(y + 19))\" font-size=\"13\">\(escape(item.label))</text>"
            svg += "<rect x=\"150\" y=\"\(number(y))\" width=\"\(number(bar))\" height=\"26\" fill=\"#0b6bcb\" opacity=\"\(number(1 - Double(index) * 0.12))\"/>"
            svg += "<text x=\"\(number(158 + bar))\" y=\"\(number(y + 19))\" font-size=\"13\">\(Int(item.value)) (\(share))</text>"
        }
        return svg + "</svg>"
    }

    /// Vertical bars of rates (0–1) with their labels under them; nil draws no bar.
    static func bars(_ items: [(label: String, value: Double?)], width: Double = 720, height: Double = 220) -> String {
        let count = Double(max(items.count, 1))
        let step = (width - 40) / count
        let peak = max(items.compactMap(\.value).max() ?? 0, 0.01)
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<text x=\"0\" y=\"12\" font-size=\"11\">\(String(format: "%.0f%%", peak * 100))</text>"
        for (index, item) in items.enumerated() {
            let x = 40 + Double(index) * step
            if let value = item.value {
                let h = (height - 40) * value / peak
                svg += "<rect x=\"\(number(x + 2))\" y=\"\(number(height - 22 - h))\" width=\"\(number(step - 4))\" height=\"\(number(h))\" fill=\"#067647\">"
                svg += "<title>\(escape(item.label)): \(String(format: "%.1f%%", value * 100))</title></rect>"
            }
            svg += "<text x=\"\(number(x + step / 2))\" y=\"\(number(height - 6))\" font-size=\"10\" text-anchor=\"middle\">\(escape(item.label))</text>"
        }
        return svg + "</svg>"
    }

    /// A line through the values (nil breaks it), dots with titles, the first and last labels under it.
    static func line(_ items: [(label: String, value: Double?)], format: (Double) -> String, width: Double = 720, height: Double = 200) -> String {
        let values = items.compactMap(\.value)
        let low = min(values.min() ?? 0, 0), high = max(values.max() ?? 1, low + 1e-9)
        let step = items.count > 1 ? (width - 60) / Double(items.count - 1) : 0
        func y(_ v: Double) -> Double { height - 25 - (height - 45) * (v - low) / (high - low) }
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<text x=\"0\" y=\"14\" font-size=\"11\">\(escape(format(high)))</text>"
        var path = "", pen = false
        for (index, item) in items.enumerated() {
            guard let value = item.value else { pen = false; continue }
            let x = 50 + Double(index) * step
            path += (pen ? " L" : " M") + "\(number(x)) \(number(y(value)))"
            pen = true
            svg += "<circle cx=\"\(number(x))\" cy=\"\(number(y(value)))\" r=\"3\" fill=\"#0b6bcb\"><title>\(escape(item.label)): \(escape(format(value)))</title></circle>"
        }
        svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"#0b6bcb\" stroke-width=\"2\"/>"
        if let first = items.first, let last = items.last {
            svg += "<text x=\"50\" y=\"\(number(height - 6))\" font-size=\"10\">\(escape(first.label))</text>"
            svg += "<text x=\"\(number(width - 10))\" y=\"\(number(height - 6))\" font-size=\"10\" text-anchor=\"end\">\(escape(last.label))</text>"
        }
        return svg + "</svg>"
    }

    /// Points placed by x and y, with dashed lines at the two medians dividing the quadrants.
    static func quadrant(_ points: [(label: String, x: Double, y: Double)], xMedian: Double, yMedian: Double,
                         xLabel: String, yLabel: String, width: Double = 560, height: Double = 400) -> String {
        let xs = points.map(\.x) + [xMedian], ys = points.map(\.y) + [yMedian]
        let (x0, x1) = (min(xs.min() ?? 0, 0), max(xs.max() ?? 1, 1e-9)), (y0, y1) = (min(ys.min() ?? 0, 0), max(ys.max() ?? 1, 1e-9))
        func px(_ v: Double) -> Double { 50 + (width - 70) * (v - x0) / max(x1 - x0, 1e-9) }
        func py(_ v: Double) -> Double { height - 40 - (height - 60) * (v - y0) / max(y1 - y0, 1e-9) }
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<line x1=\"\(number(px(xMedian)))\" y1=\"20\" x2=\"\(number(px(xMedian)))\" y2=\"\(number(height - 40))\" stroke=\"#5b6b7c\" stroke-dasharray=\"4 3\"/>"
        svg += "<line x1=\"50\" y1=\"\(number(py(yMedian)))\" x2=\"\(number(width - 20))\" y2=\"\(number(py(yMedian)))\" stroke=\"#5b6b7c\" stroke-dasharray=\"4 3\"/>"
        for point in points {
            svg += "<circle cx=\"\(number(px(point.x)))\" cy=\"\(number(py(point.y)))\" r=\"5\" fill=\"#b42318\" opacity=\"0.8\"><title>\(escape(point.label))</title></circle>"
            svg += "<text x=\"\(number(px(point.x) + 7))\" y=\"\(number(py(point.y) + 4))\" font-size=\"10\">\(escape(point.label))</text>"
        }
        svg += "<text x=\"\(number(width / 2))\" y=\"\(number(height - 8))\" font-size=\"12\" text-anchor=\"middle\">\(escape(xLabel))</text>"
        svg += "<text x=\"12\" y=\"\(number(height / 2))\" font-size=\"12\" transform=\"rotate(-90 12 \(number(height / 2)))\" text-anchor=\"middle\">\(escape(yLabel))</text>"
        return svg + "</svg>"
    }
}
