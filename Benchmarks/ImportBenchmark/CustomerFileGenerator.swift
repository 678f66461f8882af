import Foundation

/// Writes a customer file whose every row's fate is known: 3% invalid numbers, 2% duplicates of
/// an earlier row, 1% on the do-not-call list, six attribute columns; and a do-not-call list of
/// `dncSize` numbers holding those 1% plus numbers that are not in the file.
struct CustomerFileGenerator {
    let rows: Int
    let dncSize: Int

    static let segments = ["134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159",
                           "130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "189"]

    /// A distinct valid number for every index below 10^8 (7919 is coprime with 10^8).
    static func number(_ index: Int) -> String {
        let body = String((index * 7919) % 100_000_000)
        return segments[index % segments.count] + String(repeating: "0", count: 8 - body.count) + body
    }

    struct Expected {
        var invalid = 0
        var duplicates = 0
        var dnc = 0
        var accepted = 0
    }

    func phone(row i: Int) -> (String, kind: Int) {
        switch i % 100 {
        case 0..<3: return ("160" + String(format: "%08d", i % 100_000_000), 1)
        case 3..<5 where i >= 50: return (Self.number(i - 50), 2)
        case 5: return (Self.number(i), 3)
        default: return (Self.number(i), 0)
        }
    }

    func writeCustomers(to path: String) throws -> Expected {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var expected = Expected()
        var buffer = "客户编号,姓名,手机号,地区,套餐,年龄,性别,入网日期,月消费,备注\n"
        let regions = ["北京", "上海", "广州", "深圳", "杭州", "成都"]
        let plans = ["畅享套餐", "5G融合", "宽带单装", "家庭套餐"]
        for i in 0..<rows {
            let (phone, kind) = phone(row: i)
            switch kind {
            case 1: expected.invalid += 1
            case 2: expected.duplicates += 1
            case 3: expected.dnc += 1
            default: expected.accepted += 1
            }
            buffer += "C\(i),客户\(i % 9973),\(phone),\(regions[i % 6]),\(plans[i % 4]),\(20 + i % 50),\(i % 2 == 0 ? "男" : "女"),2019-0\(1 + i % 9)-1\(i % 10),\(50 + i % 300).5,第\(i % 7)批\n"
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
        return expected
    }

    func writeDoNotCall(to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var buffer = "phone,reason\n"
        var written = 0
        for i in stride(from: 5, to: rows, by: 100) {
            buffer += Self.number(i) + ",complaint\n"
            written += 1
        }
        var next = rows
        while written < dncSize {
            buffer += Self.number(next) + ",refused_calls\n"
            next += 1
            written += 1
            if buffer.utf8.count > 1 << 20 {
                handle.write(Data(buffer.utf8))
                buffer = ""
            }
        }
        handle.write(Data(buffer.utf8))
    }
}
