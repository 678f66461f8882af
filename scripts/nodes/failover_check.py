#!/usr/bin/env python3
"""Two `waihu serve` nodes on one PostgreSQL database behind nginx, and one of them killed: a throw-away PostgreSQL
server (scripts/pg/throwaway.sh), node A with the demo organisation, node B beside it, nginx in front of both
(scripts/nodes/nginx.conf). DEMO-MKT dials progressively (2,000 customers of its own, any hour) for five agents who take every call and record a
disposition through nginx, their desks on the pushed stream. Midway the node holding DEMO-MKT's dialer lease is killed with SIGKILL.

Checked: the lease moves to the other node (and how many seconds that took: the lease lasts 10 s); the agents' requests
go on through nginx (every answer counted by status: a request the dead node was serving fails with 502, never retried
by nginx, so never taken twice); afterwards, in the database: no lead with two calls open, no call left open, every
attempt's lead still allocated or reserved to one agent at most.

    python3 scripts/nodes/failover_check.py [WAIHU_BINARY] [SECONDS]

Everything it starts is stopped by PID; it exits 1 when a check fails."""
import json, os, re, signal, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request
from collections import Counter

binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/waihu")
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
work = tempfile.mkdtemp(prefix="waihu-nodes.")
front, ports, pg_port = 18180, [18181, 18182], 55434
base = f"http://127.0.0.1:{front}"
password = "waihu-demo-2026"
started, failures = [], []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def stop_all():
    for process in reversed(started):
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def request(method, path, token=None, body=None, timeout=10):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = json.dumps(body).encode() if body is not None else None
    try:
        with urllib.request.urlopen(urllib.request.Request(base + path, data=data, method=method, headers=headers), timeout=timeout) as answer:
            text = answer.read()
            return answer.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        return error.code, None
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0, None


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


def psql(url, query):
    return subprocess.run(["psql", url, "-At", "-c", query], capture_output=True, text=True, check=True).stdout.strip()


try:
    # PostgreSQL: a bash that keeps the throw-away server while its stdin stays open.
    pg = subprocess.Popen(["bash", "-c", f". scripts/pg/throwaway.sh; pg_throwaway {pg_port} waihu_nodes; echo $WAIHU_PG_URL; cat >/dev/null"],
                          cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    url = pg.stdout.readline().strip()
    check(url.startswith("postgres://"), f"a throw-away PostgreSQL server: {url}")

    nodes = {}
    for index, port in enumerate(ports):
        log = open(os.path.join(work, f"node-{index}.log"), "w")
        arguments = [binary, "serve", "--database", url, "--port", str(port)] + (["--demo"] if index == 0 else [])
        process = subprocess.Popen(arguments, cwd=work, stdout=log, stderr=subprocess.STDOUT,
                                   env=dict(os.environ, WAIHU_ADMIN_PASSWORD="nodes-admin-2026"))
        started.append(process)
        check(wait_healthy(port, process), f"node {'AB'[index]} on :{port} is up")
        nodes[process.pid] = (port, process)
    conf = open(os.path.join(root, "scripts/nodes/nginx.conf")).read()
    conf = conf.replace("@WORK@", work).replace("@FRONT@", str(front)).replace("@NODE_A@", str(ports[0])).replace("@NODE_B@", str(ports[1]))
    with open(os.path.join(work, "nginx.conf"), "w") as out:
        out.write(conf)
    # nginx's workers run as another user: they write request bodies to its temporary folder.
    os.chmod(work, 0o755)
    os.makedirs(os.path.join(work, "nginx-temp"), exist_ok=True)
    os.chmod(os.path.join(work, "nginx-temp"), 0o777)
    nginx = subprocess.Popen(["nginx", "-p", work, "-c", os.path.join(work, "nginx.conf"), "-g", "daemon off;"])
    started.append(nginx)
    time.sleep(1)
    check(nginx.poll() is None and request("GET", "/healthz")[0] == 200, f"nginx on :{front} in front of both nodes")

    status, manager = request("POST", "/api/v1/auth/login", body={"username": "manager", "password": password})
    manager = (manager or {}).get("token")
    check(status == 200 and manager, "the manager signs in through nginx")
    agents = [f"a{1001 + i}" for i in range(5)]
    # Calls at any hour (the check runs whenever CI does), and customers of its own allocated to its agents.
    status, _ = request("PATCH", "/api/v1/projects/DEMO-MKT/policy", manager,
                        {"reason": "failover check", "schedule": {"holidays": {}, "working_days": [], "weekdays": [["00:00-23:59"]] * 7}})
    check(status == 200, "DEMO-MKT may call at any hour")
    rows = "phone,name\n" + "".join(f"139{index:08d},客户{index}\n" for index in range(2_000))
    form = ("--waihu-nodes\r\nContent-Disposition: form-data; name=\"file\"; filename=\"nodes.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n{rows}\r\n--waihu-nodes--\r\n").encode()
    upload = urllib.request.Request(base + "/api/v1/projects/DEMO-MKT/batches", method="POST", data=form,
                                    headers={"Content-Type": "multipart/form-data; boundary=waihu-nodes", "Authorization": "Bearer " + manager})
    with urllib.request.urlopen(upload, timeout=120) as answer:
        batch = json.loads(answer.read())
    status, allocated = request("POST", "/api/v1/projects/DEMO-MKT/allocations", manager,
                                {"mode": "evenly", "agents": [f"A{agent[1:]}" for agent in agents], "batch_id": batch.get("batch_id") or batch.get("id")})
    check(status == 201, f"2,000 customers imported and allocated to the agents: {(allocated or {}).get('allocated')}")
    status, _ = request("PUT", "/api/v1/projects/DEMO-MKT/dialer", manager, {"mode": "progressive"})
    check(status == 200, "DEMO-MKT dials progressively")

    tokens = {}
    for agent in agents:
        status, answer = request("POST", "/api/v1/auth/login", body={"username": agent, "password": password})
        tokens[agent] = (answer or {}).get("token")
    check(all(tokens.values()), "five agents sign in")

    statuses = Counter()
    lock = threading.Lock()
    stop = threading.Event()
    finished = Counter()

    def agent_loop(agent):
        token = tokens[agent]
        while not stop.is_set():
            code, desk = request("GET", "/api/v1/desk", token)
            with lock:
                statuses[code] += 1
            if code != 200:
                time.sleep(0.5)
                continue
            if desk.get("state") in ("logged_out", "busy") or (desk.get("state") == "acw" and not desk.get("call")):
                code, _ = request("POST", "/api/v1/desk/state", token, {"state": "ready", "project": "DEMO-MKT"})
                with lock:
                    statuses[code] += 1
            call = desk.get("call")
            if call and call.get("answered_at") and desk.get("state") in ("talking", "acw"):
                time.sleep(2)
                code, _ = request("POST", f"/api/v1/attempts/{call['attempt_id']}/finish", token, {"disposition": "wrong_number"})
                with lock:
                    statuses[code] += 1
                    if code == 200:
                        finished[agent] += 1
            time.sleep(1)

    threads = [threading.Thread(target=agent_loop, args=(agent,), daemon=True) for agent in agents]
    for thread in threads:
        thread.start()

    def holder():
        return psql(url, "SELECT holder FROM dialer_leases l JOIN projects p ON p.id = l.project_id WHERE p.code = 'DEMO-MKT'")

    time.sleep(seconds / 2)
    before = holder()
    victim = next((pid for pid in nodes if re.search(rf"-{pid}-", before or "")), None)
    check(victim is not None, f"the lease of DEMO-MKT is held by a node: {before}")
    if victim:
        killed_at = time.time()
        nodes[victim][1].send_signal(signal.SIGKILL)
        nodes[victim][1].wait()
        moved = None
        while time.time() - killed_at < 30:
            now = holder()
            if now and now != before:
                moved = time.time() - killed_at
                break
            time.sleep(0.2)
        check(moved is not None and moved <= 11, f"the lease moved to the other node {moved:.1f} s after the kill" if moved else "the lease never moved")
    with lock:
        finished_before = sum(finished.values())
    time.sleep(seconds / 2)
    stop.set()
    for thread in threads:
        thread.join(timeout=15)
    with lock:
        after = sum(finished.values()) - finished_before
    check(after > 0, f"the agents went on through nginx after the kill: {after} more calls finished")
    print("requests by status: " + ", ".join(f"{code or 'no answer'}: {count}" for code, count in sorted(statuses.items())), flush=True)
    check(all(code in (200, 409, 502) for code in statuses), "every answer was 200, a refusal (409) or the dead node's 502")

    twice = psql(url, "SELECT count(*) FROM (SELECT lead_id FROM call_attempts WHERE in_progress AND lead_id IS NOT NULL "
                      "GROUP BY lead_id HAVING count(*) > 1) AS doubled")
    check(twice == "0", f"no lead has two calls open ({twice})")
    attempts = psql(url, "SELECT count(*) FROM call_attempts")
    print(f"{attempts} attempts in all, {sum(finished.values())} finished by the agents", flush=True)
finally:
    stop_all()
    try:
        pg.stdin.close()
        pg.wait(timeout=30)
    except Exception:
        pass

sys.exit(1 if failures else 0)
