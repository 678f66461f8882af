#!/usr/bin/env python3
"""Signs in to a running Waihu through a real headless Chromium (Chrome DevTools Protocol)
and saves screenshots of each step.

usage: browser_login_check.py BASE_URL USERNAME PASSWORD [NEW_PASSWORD] [OUT_DIR]
Needs Debian's `chromium` and `pip install websocket-client`.
"""
import json, sys
from cdp import Browser

base, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
new_password = sys.argv[4] if len(sys.argv) > 4 else None
out = sys.argv[5] if len(sys.argv) > 5 else "."
browser = Browser()
try:
    browser.open(base + "/login")
    browser.shot(out, "1-login.png")
    browser.sign_in(base, user, password)
    browser.shot(out, "2-after-login.png")
    if new_password and browser.evaluate("location.pathname") == "/password":
        browser.evaluate(f"document.querySelector('[name=current_password]').value = {json.dumps(password)};"
                         f"document.querySelector('[name=new_password]').value = {json.dumps(new_password)};"
                         "document.querySelector('form.card button').click()")
        browser.settle()
        browser.shot(out, "3-after-password-change.png")
    browser.open(base + "/projects")
    browser.shot(out, "4-projects.png")
    path = browser.evaluate("location.pathname")
    print("final page:", path)
    sys.exit(0 if path == "/projects" else 1)
finally:
    browser.close()
