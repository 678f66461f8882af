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

    /// A line through the values (nil breaks it), dots with titles, the first and last labels under it. With
    /// `partialLast` the last point is a day still running: drawn hollow, reached by a dashed segment and named
    /// `partialLabel`, so a morning's few calls do not read as a collapse.
    static func line(_ items: [(label: String, value: Double?)], format: (Double) -> String, partialLast: Bool = false,
                     partialLabel: String = "", width: Double = 720, height: Double = 200) -> String {
        let values = items.compactMap(\.value)
        let low = min(values.min() ?? 0, 0), high = max(values.max() ?? 1, low + 1e-9)
        let step = items.count > 1 ? (width - 60) / Double(items.count - 1) : 0
        func y(_ v: Double) -> Double { height - 25 - (height - 45) * (v - low) / (high - low) }
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<text x=\"0\" y=\"14\" font-size=\"11\">\(escape(format(high)))</text>"
        var path = "", tail = "", pen = false, previous: (Double, Double)?
        for (index, item) in items.enumerated() {
            guard let value = item.value else { pen = false; previous = nil; continue }
            let x = 50 + Double(index) * step
            let running = partialLast && index == items.count - 1
            if running, let previous {
                tail = "M\(number(previous.0)) \(number(previous.1)) L\(number(x)) \(number(y(value)))"
            } else {
                path += (pen ? " L" : " M") + "\(number(x)) \(number(y(value)))"
            }
            pen = true
            previous = (x, y(value))
            let fill = running ? "#fff\" stroke=\"#0b6bcb\" stroke-width=\"2" : "#0b6bcb"
            let title = running ? "\(item.label) \(partialLabel)" : item.label
            svg += "<circle cx=\"\(number(x))\" cy=\"\(number(y(value)))\" r=\"3\" fill=\"\(fill)\"><title>\(escape(title)): \(escape(format(value)))</title></circle>"
        }
        svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"#0b6bcb\" stroke-width=\"2\"/>"
        if !tail.isEmpty { svg += "<path d=\"\(tail)\" fill=\"none\" stroke=\"#0b6bcb\" stroke-width=\"2\" stroke-dasharray=\"4 3\"/>" }
        if let first = items.first, let last = items.last {
            svg += "<text x=\"50\" y=\"\(number(height - 6))\" font-size=\"10\">\(escape(first.label))</text>"
            let lastLabel = partialLast ? "\(last.label) \(partialLabel)" : last.label
            svg += "<text x=\"\(number(width - 10))\" y=\"\(number(height - 6))\" font-size=\"10\" text-anchor=\"end\">\(escape(lastLabel))</text>"
        }
        return svg + "</svg>"
    }

    /// Points placed by x and y, with dashed lines at the two medians dividing the quadrants and the axes'
    /// values written at their ends and medians. The axes run over the usual range (the quartiles widened by
    /// 1.5 interquartile ranges); a point beyond it is drawn hollow on the edge with its value, so one outlier
    /// does not squash the others.
    static func quadrant(_ points: [(label: String, x: Double, y: Double)], xMedian: Double, yMedian: Double,
                         xLabel: String, yLabel: String, format: (x: (Double) -> String, y: (Double) -> String) = ({ String(format: "%.0f", $0) }, { String(format: "%.1f", $0) }),
                         width: Double = 620, height: Double = 420) -> String {
        let (x0, x1) = usualRange(points.map(\.x) + [xMedian]), (y0, y1) = usualRange(points.map(\.y) + [yMedian])
        func px(_ v: Double) -> Double { 60 + (width - 90) * (min(max(v, x0), x1) - x0) / max(x1 - x0, 1e-9) }
        func py(_ v: Double) -> Double { height - 50 - (height - 70) * (min(max(v, y0), y1) - y0) / max(y1 - y0, 1e-9) }
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<line x1=\"\(number(px(xMedian)))\" y1=\"20\" x2=\"\(number(px(xMedian)))\" y2=\"\(number(height - 50))\" stroke=\"#5b6b7c\" stroke-dasharray=\"4 3\"/>"
        svg += "<line x1=\"60\" y1=\"\(number(py(yMedian)))\" x2=\"\(number(width - 30))\" y2=\"\(number(py(yMedian)))\" stroke=\"#5b6b7c\" stroke-dasharray=\"4 3\"/>"
        for value in [x0, xMedian, x1] {
            svg += "<text x=\"\(number(px(value)))\" y=\"\(number(height - 34))\" font-size=\"10\" text-anchor=\"middle\">\(escape(format.x(value)))</text>"
        }
        for value in [y0, yMedian, y1] {
            svg += "<text x=\"56\" y=\"\(number(py(value) + 4))\" font-size=\"10\" text-anchor=\"end\">\(escape(format.y(value)))</text>"
        }
        for point in points {
            let outside = point.x < x0 || point.x > x1 || point.y < y0 || point.y > y1
            let (cx, cy) = (px(point.x), py(point.y))
            let title = "\(point.label): \(format.x(point.x)), \(format.y(point.y))"
            svg += outside
                ? "<circle cx=\"\(number(cx))\" cy=\"\(number(cy))\" r=\"5\" fill=\"#fff\" stroke=\"#b42318\" stroke-width=\"2\"><title>\(escape(title))</title></circle>"
                : "<circle cx=\"\(number(cx))\" cy=\"\(number(cy))\" r=\"5\" fill=\"#b42318\" opacity=\"0.8\"><title>\(escape(title))</title></circle>"
            let label = outside ? "\(point.label) (\(format.x(point.x)), \(format.y(point.y)))" : point.label
            svg += "<text x=\"\(number(min(cx + 7, width - 80)))\" y=\"\(number(cy + 4))\" font-size=\"10\">\(escape(label))</text>"
        }
        svg += "<text x=\"\(number(width / 2))\" y=\"\(number(height - 10))\" font-size=\"12\" text-anchor=\"middle\">\(escape(xLabel))</text>"
        svg += "<text x=\"12\" y=\"\(number(height / 2))\" font-size=\"12\" transform=\"rotate(-90 12 \(number(height / 2)))\" text-anchor=\"middle\">\(escape(yLabel))</text>"
        return svg + "</svg>"
    }

    /// The range an axis shows: from the quartiles widened by 1.5 interquartile ranges, within the values'
    /// own range, never empty.
    static func usualRange(_ values: [Double]) -> (Double, Double) {
        let sorted = values.sorted()
        guard let lowest = sorted.first, let highest = sorted.last else { return (0, 1) }
        func quantile(_ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let below = Int(position.rounded(.down)), above = Int(position.rounded(.up))
            return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
        }
        let (q1, q3) = (quantile(0.25), quantile(0.75))
        let low = max(lowest, q1 - 1.5 * (q3 - q1)), high = min(highest, q3 + 1.5 * (q3 - q1))
        return high > low ? (low, high) : (low - 1, low + 1)
    }
}
