#!/usr/bin/env python3
"""Signs in to a running Waihu through a real headless Chromium (Chrome DevTools Protocol)
and saves screenshots of each step.

usage: browser_login_check.py BASE_URL USERNAME PASSWORD [NEW_PASSWORD] [OUT_DIR]
Needs Debian's `chromium` and `pip install websocket-client`.
"""
import base64, json, os, subprocess, sys, tempfile, time, urllib.request
import websocket

base, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
new_password = sys.argv[4] if len(sys.argv) > 4 else None
out = sys.argv[5] if len(sys.argv) > 5 else "."
port = 9333
profile = tempfile.mkdtemp()
chrome = subprocess.Popen(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--remote-debugging-port={port}",
                           f"--user-data-dir={profile}", "--window-size=1200,800", "--lang=zh-CN", "about:blank"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(50):
        try:
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
            page = next(t for t in targets if t["type"] == "page")
            break
        except Exception:
            time.sleep(0.2)
    ws = websocket.create_connection(page["webSocketDebuggerUrl"])
    counter = [0]

    def call(method, **params):
        counter[0] += 1
        ws.send(json.dumps({"id": counter[0], "method": method, "params": params}))
        while True:
            message = json.loads(ws.recv())
            if message.get("id") == counter[0]:
                return message.get("result", {})

    def evaluate(expression):
        return call("Runtime.evaluate", expression=expression, returnByValue=True).get("result", {}).get("value")

    def settle():
        time.sleep(0.3)
        for _ in range(50):
            if evaluate("document.readyState") == "complete":
                return
            time.sleep(0.1)

    def shot(name):
        data = call("Page.captureScreenshot", format="png")["data"]
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        print("screenshot", path, "at", evaluate("location.pathname"))

    call("Page.enable")
    call("Network.enable")
    call("Network.setExtraHTTPHeaders", headers={"Accept-Language": "zh-CN"})
    call("Page.navigate", url=base + "/login")
    settle()
    shot("1-login.png")
    evaluate(f"document.querySelector('[name=username]').value = {json.dumps(user)};"
             f"document.querySelector('[name=password]').value = {json.dumps(password)};"
             "document.querySelector('form.card button').click()")
    settle()
    shot("2-after-login.png")
    if new_password and evaluate("location.pathname") == "/password":
        evaluate(f"document.querySelector('[name=current_password]').value = {json.dumps(password)};"
                 f"document.querySelector('[name=new_password]').value = {json.dumps(new_password)};"
                 "document.querySelector('form.card button').click()")
        settle()
        shot("3-after-password-change.png")
    call("Page.navigate", url=base + "/projects")
    settle()
    shot("4-projects.png")
    path = evaluate("location.pathname")
    print("final page:", path)
    sys.exit(0 if path == "/projects" else 1)
finally:
    chrome.terminate()
