/// Where a do-not-call entry came from, as the list names it; an unknown source reads as itself.
public enum DoNotCallSource {
    public static func name(_ code: String) -> LocalizedText {
        switch code {
        case "manual": LocalizedText(zh: "手工加入", en: "Added by hand")
        case "import": LocalizedText(zh: "文件导入", en: "Imported")
        case "disposition": LocalizedText(zh: "客户要求不再来电", en: "The customer asked on a call")
        case "complaint": LocalizedText(zh: "有效投诉", en: "A valid complaint")
        case "simulation": LocalizedText(zh: "模拟外呼", en: "Simulation")
        default: LocalizedText(zh: code, en: code)
        }
    }
}
