#!/usr/bin/env python3
"""Walks the customer-data pages of a running Waihu started with `--demo`, in a real headless
Chromium: the manager previews and imports a list, a supervisor allocates it, an agent sees only
their own leads with masked numbers. Saves a screenshot of each step; exits 1 when a check fails.

usage: browser_customer_data_check.py BASE_URL [OUT_DIR]
Needs Debian's `chromium` and `pip install websocket-client`.
"""
import os, sys, tempfile
from cdp import Browser

base = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else "."
password = "waihu-demo-2026"
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


csv = os.path.join(tempfile.mkdtemp(), "名单.csv")
with open(csv, "w", encoding="gb18030") as f:
    f.write("客户编号,姓名,手机号,地区,套餐\n")
    for i in range(30):
        f.write(f"B{i:03d},客户{i},1380013{i:04d},{'杭州' if i % 2 else '宁波'},畅享\n")
    f.write("B999,无效,12345,杭州,畅享\n")

browser = Browser()
try:
    browser.sign_in(base, "manager", password)
    browser.open(base + "/projects/DEMO-MKT")
    browser.choose_file("#import-form input[type=file]", csv)
    check(browser.wait_for("document.querySelector('#import-preview table') !== null"), "preview table appears")
    preview = browser.evaluate("document.querySelector('#import-preview').innerText")
    check("gb18030" in preview and "138****0000" in preview and "13800130000" not in preview, "preview: GBK found, numbers masked")
    browser.shot(out, "1-import-preview.png")
    browser.evaluate("document.querySelector('#import-form button[type=submit]').click()")
    browser.settle()
    report = browser.evaluate("document.body.innerText")
    check("31" in report and "30" in report, "import report counts 31 rows, 30 accepted")
    browser.shot(out, "2-import-report.png")

    browser.sign_in(base, "supervisor", password)
    browser.open(base + "/projects/DEMO-MKT/leads")
    browser.evaluate("var s = document.querySelector('#allocate select[name=\"agents[]\"]');"
                     "s.options[0].selected = true; s.options[1].selected = true;"
                     "document.querySelector('#allocate button[type=submit]').click()")
    browser.settle()
    check(browser.evaluate("document.querySelector('.notice') !== null"), "allocation notice shown")
    browser.shot(out, "3-allocated.png")

    browser.sign_in(base, "a1001", password)
    browser.open(base + "/projects/DEMO-MKT/leads")
    text = browser.evaluate("document.body.innerText")
    check("138****" in text and "1380013" not in text, "agent sees masked numbers only")
    check(browser.evaluate("document.querySelector('#allocate') === null"), "agent has no allocation form")
    browser.shot(out, "4-agent-leads.png")
finally:
    browser.close()
print("failures:", len(failures))
sys.exit(1 if failures else 0)
