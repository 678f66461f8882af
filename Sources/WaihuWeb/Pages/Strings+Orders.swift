import WaihuCore

extension Strings {
    /// The orders pages and the desk's read-back.
    static let orders: [String: LocalizedText] = [
        "nav_my_orders": .init(zh: "我的订单", en: "My orders"),
        "orders_mine_help": .init(zh: "您近 30 天的订单：审单、发货、签收进度。有签收异议的订单请立即联系客户，很多订单能挽回；发货后提醒客户留意快递电话。",
                                  en: "Your orders of the last 30 days: verification, shipping, signing. Call the customer at once about a sign dispute — many orders can be saved; after shipping, remind the customer to expect the courier's call."),
        "orders_mine_none": .init(zh: "近 30 天您还没有订单。", en: "You have no orders in the last 30 days."),
        "home_orders": .init(zh: "待跟进的订单", en: "Orders to follow up"),
        "orders_progress": .init(zh: "进度", en: "Progress"),
        "orders_payment": .init(zh: "交费方式", en: "Payment"),
        "orders_tracking": .init(zh: "物流单号", en: "Tracking number"),
        "orders_ship": .init(zh: "发货", en: "Ship"),
        "orders_script": .init(zh: "审单话术", en: "Verifier's script"),
        "orders_flag": .init(zh: "订单不稳，需再次确认", en: "Shaky: re-confirm"),
        "orders_flagged": .init(zh: "待主管再次确认", en: "Waits for the supervisor's re-confirmation"),
        "orders_reconfirm": .init(zh: "再次确认结果", en: "Re-confirmation"),
        "orders_reconfirmed": .init(zh: "已再次确认", en: "Re-confirmed"),
        "orders_dispute": .init(zh: "登记签收异议", en: "Sign dispute"),
        "orders_dispute_open": .init(zh: "签收异议跟进中，请立即联系客户", en: "Sign dispute: call the customer now"),
        "orders_dispute_closed": .init(zh: "签收异议", en: "Sign dispute"),
        "orders_outcome": .init(zh: "结果", en: "Outcome"),
        "orders_note_required": .init(zh: "说明（必填）", en: "Note (required)"),
        "desk_order_payment": .init(zh: "交费方式", en: "Payment"),
        "desk_order_payment_choose": .init(zh: "请选择", en: "Choose"),
        "desk_read_back": .init(zh: "唱单", en: "Read back"),
        "desk_read_back_help": .init(zh: "按 唱单 生成要向客户逐项复述的内容；每读完一项并得到客户认可就勾选，最后问客户是否确认订购。",
                                     en: "Press Read back for the lines to read to the customer; tick each once read and agreed, then ask for the customer's yes."),
        "desk_read_back_stale": .init(zh: "订单内容已改动，请重新唱单", en: "The order changed: read it back again"),
        "desk_customer_yes": .init(zh: "客户已明确回答“同意订购”", en: "The customer said an explicit yes"),
    ]
}
