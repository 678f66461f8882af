#!/usr/bin/env python3
"""Works the agent desk of a running Waihu started with `--demo` (DEMO-MKT dials predictively), in a
real headless Chromium, inside the calling hours: agent a1001 opens the desk, logs into DEMO-MKT with
the R key, a call from the simulated network arrives, the customer hangs up, the agent records a sale
with the F key and is ready again; the supervisor sees the agent and the day on the wallboard. Saves a
screenshot of each step; exits 1 when a check fails.

usage: browser_desk_check.py BASE_URL [OUT_DIR] [--all-day]
Needs Debian's `chromium` and `pip install websocket-client`. Outside 09:00–21:00 Shanghai time the
contact rules hold every call back; `--all-day` first has the manager open DEMO-MKT's calling window
to the whole day (a project override of the contact rules, audited, as on the policy page).
"""
import json, sys, urllib.request
from cdp import Browser

arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
base = arguments[0]
out = arguments[1] if len(arguments) > 1 else "."
failures = []


def api(method, path, body, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), headers=headers, method=method)
    with urllib.request.urlopen(request) as response:
        return json.load(response)


if "--all-day" in sys.argv:
    manager = api("POST", "/api/v1/auth/login", {"username": "manager", "password": "waihu-demo-2026"})["token"]
    api("PATCH", "/api/v1/projects/DEMO-MKT/policy",
        {"schedule": {"weekdays": [["00:00-23:59"]] * 7, "holidays": {}}}, manager)


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def key(browser, letter):
    browser.evaluate(f"document.dispatchEvent(new KeyboardEvent('keydown', {{key: '{letter}', bubbles: true}}))")


browser = Browser()
try:
    browser.sign_in(base, "a1001", "waihu-demo-2026")
    browser.open(base + "/desk")
    check(browser.evaluate("document.querySelector('h1').innerText") == "坐席工作台", "the desk opens")
    browser.evaluate("document.getElementById('project').value = 'DEMO-MKT'")
    key(browser, "r")
    check(browser.wait_for("document.getElementById('state').innerText === '就绪'", 5), "R logs into DEMO-MKT, ready")
    browser.shot(out, "1-desk-ready.png")
    check(browser.wait_for("document.getElementById('state').innerText === '通话中'", 240), "a call arrives: talking")
    number = browser.evaluate("document.getElementById('number').innerText")
    check("****" in number, "the number is masked: " + str(number))
    browser.shot(out, "2-desk-talking.png")
    check(browser.wait_for("document.getElementById('state').innerText === '后处理'", 480), "the customer hangs up: after-call work")
    browser.evaluate("document.getElementById('disposition').value = 'success'")
    browser.shot(out, "3-desk-after-call-work.png")
    key(browser, "f")
    check(browser.wait_for("document.getElementById('message').innerText === '已保存'", 5), "F records the sale")
    check(browser.wait_for("['就绪', '通话中'].includes(document.getElementById('state').innerText)", 5), "ready for the next call")
    browser.shot(out, "4-desk-saved.png")

    browser.sign_in(base, "supervisor", "waihu-demo-2026")
    browser.open(base + "/wallboard")
    check(browser.wait_for("document.getElementById('agents').innerText.includes('A1001')", 10), "the wallboard shows A1001")
    check(browser.wait_for("document.getElementById('projects').innerText.includes('DEMO-MKT')", 10), "the wallboard shows DEMO-MKT today")
    browser.shot(out, "5-wallboard.png")
finally:
    browser.close()
sys.exit(1 if failures else 0)
