"""A headless Chromium driven through the Chrome DevTools Protocol, for Waihu's browser checks.
Needs Debian's `chromium` and `pip install websocket-client`."""
import base64, json, os, subprocess, tempfile, time, urllib.request
import websocket


class Browser:
    def __init__(self, port=9333, language="zh-CN"):
        self.profile = tempfile.mkdtemp()
        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--remote-debugging-port={port}",
             f"--user-data-dir={self.profile}", "--window-size=1200,900", f"--lang={language}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        page = None
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
                page = next(t for t in targets if t["type"] == "page")
                break
            except Exception:
                time.sleep(0.2)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"])
        self.counter = 0
        self.call("Page.enable")
        self.call("Network.enable")
        self.call("Network.setExtraHTTPHeaders", headers={"Accept-Language": language})

    def close(self):
        self.process.terminate()

    def call(self, method, **params):
        self.counter += 1
        self.ws.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.counter:
                return message.get("result", {})

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True).get("result", {}).get("value")

    def settle(self):
        time.sleep(0.3)
        for _ in range(50):
            if self.evaluate("document.readyState") == "complete":
                return
            time.sleep(0.1)

    def wait_for(self, expression, seconds=10):
        for _ in range(seconds * 10):
            if self.evaluate(expression):
                return True
            time.sleep(0.1)
        return False

    def open(self, url):
        self.call("Page.navigate", url=url)
        self.settle()

    def shot(self, directory, name):
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        path = os.path.join(directory, name)
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        print("screenshot", path, "at", self.evaluate("location.pathname"))

    def sign_in(self, base, user, password):
        self.open(base + "/login")
        self.evaluate(f"document.querySelector('[name=username]').value = {json.dumps(user)};"
                      f"document.querySelector('[name=password]').value = {json.dumps(password)};"
                      "document.querySelector('form.card button').click()")
        self.settle()

    def choose_file(self, selector, path):
        root = self.call("DOM.getDocument")["root"]["nodeId"]
        node = self.call("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
        self.call("DOM.setFileInputFiles", nodeId=node, files=[os.path.abspath(path)])
        self.evaluate(f"document.querySelector({json.dumps(selector)}).dispatchEvent(new Event('change'))")
