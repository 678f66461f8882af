"""Waihu nodes on one throw-away PostgreSQL server behind nginx, for the failover check (scripts/nodes/failover_check.py)
and the floor load benchmark (Benchmarks/floorload.py): start them, talk to them, stop everything by PID."""
import json, os, signal, subprocess, tempfile, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO_PASSWORD = "waihu-demo-2026"
ADMIN_PASSWORD = "nodes-admin-2026"


class Cluster:
    def __init__(self, front, ports, pg_port, pg_options=""):
        self.front, self.ports, self.pg_port, self.pg_options = front, ports, pg_port, pg_options
        self.base = f"http://127.0.0.1:{front}"
        self.work = tempfile.mkdtemp(prefix="waihu-nodes.")
        self.started, self.nodes, self.url, self.pg = [], {}, None, None

    def start_postgres(self, database):
        """A bash that keeps the throw-away server while its stdin stays open; returns the database's URL."""
        env = dict(os.environ, PG_OPTIONS=self.pg_options)
        self.pg = subprocess.Popen(["bash", "-c", f". scripts/pg/throwaway.sh; pg_throwaway {self.pg_port} {database}; echo $WAIHU_PG_URL; cat >/dev/null"],
                                   cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        self.url = self.pg.stdout.readline().strip()
        return self.url

    def start_node(self, binary, port, demo=False, extra=()):
        """`waihu serve` on the database; returns its process once /healthz answers (None when it never did)."""
        log = open(os.path.join(self.work, f"node-{port}.log"), "w")
        arguments = [binary, "serve", "--database", self.url, "--port", str(port)] + (["--demo"] if demo else []) + list(extra)
        process = subprocess.Popen(arguments, cwd=self.work, stdout=log, stderr=subprocess.STDOUT,
                                   env=dict(os.environ, WAIHU_ADMIN_PASSWORD=ADMIN_PASSWORD))
        self.started.append(process)
        self.nodes[process.pid] = (port, process)
        return process if wait_healthy(port, process) else None

    def start_nginx(self):
        """nginx in front of the first two nodes (scripts/nodes/nginx.conf); True when it answers /healthz."""
        conf = open(os.path.join(ROOT, "scripts/nodes/nginx.conf")).read()
        conf = conf.replace("@WORK@", self.work).replace("@FRONT@", str(self.front))
        conf = conf.replace("@NODE_A@", str(self.ports[0])).replace("@NODE_B@", str(self.ports[1]))
        with open(os.path.join(self.work, "nginx.conf"), "w") as out:
            out.write(conf)
        # nginx's workers run as another user: they write request bodies to its temporary folder.
        os.chmod(self.work, 0o755)
        os.makedirs(os.path.join(self.work, "nginx-temp"), exist_ok=True)
        os.chmod(os.path.join(self.work, "nginx-temp"), 0o777)
        nginx = subprocess.Popen(["nginx", "-p", self.work, "-c", os.path.join(self.work, "nginx.conf"), "-g", "daemon off;"])
        self.started.append(nginx)
        time.sleep(1)
        return nginx.poll() is None and self.request("GET", "/healthz")[0] == 200

    def request(self, method, path, token=None, body=None, timeout=10, raw=None, content_type="application/json"):
        """(status, JSON answer); status 0 when no answer came."""
        headers = {"Content-Type": content_type}
        if token:
            headers["Authorization"] = "Bearer " + token
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        try:
            with urllib.request.urlopen(urllib.request.Request(self.base + path, data=data, method=method, headers=headers), timeout=timeout) as answer:
                text = answer.read()
                return answer.status, json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            return error.code, None
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            return 0, None

    def login(self, username, password=DEMO_PASSWORD):
        status, answer = self.request("POST", "/api/v1/auth/login", body={"username": username, "password": password})
        return (answer or {}).get("token") if status == 200 else None

    def upload_customers(self, token, project, rows, timeout=600):
        """Imports `rows` (a CSV text) into the project as one batch; returns the batch's answer."""
        form = ("--waihu-nodes\r\nContent-Disposition: form-data; name=\"file\"; filename=\"customers.csv\"\r\n"
                f"Content-Type: text/csv\r\n\r\n{rows}\r\n--waihu-nodes--\r\n").encode()
        upload = urllib.request.Request(self.base + f"/api/v1/projects/{project}/batches", method="POST", data=form,
                                        headers={"Content-Type": "multipart/form-data; boundary=waihu-nodes", "Authorization": "Bearer " + token})
        with urllib.request.urlopen(upload, timeout=timeout) as answer:
            return json.loads(answer.read())

    def psql(self, query):
        return subprocess.run(["psql", self.url, "-At", "-c", query], capture_output=True, text=True, check=True).stdout.strip()

    def lease_holder(self, project):
        return self.psql(f"SELECT holder FROM dialer_leases l JOIN projects p ON p.id = l.project_id WHERE p.code = '{project}'")

    def kill_lease_holder(self, project, within=30):
        """SIGKILLs the node holding the project's dialer lease; returns (the holder before, seconds until another node
        held it or None)."""
        before = self.lease_holder(project)
        victim = next((pid for pid in self.nodes if f"-{pid}-" in (before or "")), None)
        if victim is None:
            return before, None
        killed_at = time.time()
        self.nodes[victim][1].send_signal(signal.SIGKILL)
        self.nodes[victim][1].wait()
        while time.time() - killed_at < within:
            now = self.lease_holder(project)
            if now and now != before:
                return before, time.time() - killed_at
            time.sleep(0.2)
        return before, None

    def stop_all(self):
        for process in reversed(self.started):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        if self.pg:
            try:
                self.pg.stdin.close()
                self.pg.wait(timeout=30)
            except Exception:
                pass


def wait_healthy(port, process, within=180):
    deadline = time.time() + within
    while time.time() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return True
        except Exception:
            time.sleep(0.5)
    return False
