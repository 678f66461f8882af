#!/usr/bin/env python3
"""The floor load benchmark (issue 21): a throw-away PostgreSQL server, two `waihu serve` nodes (release builds) on it
behind nginx, and FloorLoad playing AGENTS agents on DEMO-MKT in preview mode for SECONDS through nginx: take, dial,
end with a disposition drawn like a real day's, the desk now and then; five garbage clients beside them. Before the
floor, FloorLoad loads a Vapor hello-world route of its own with as many clients, for the yardstick. Midway the node
holding DEMO-MKT's dialer lease is killed with SIGKILL.

The floor is set so that the rules are tested under the load: every number may be called twice a month, every dial
counts, and an unreachable lead comes back at once — so a lead is taken again while other agents on the other node
take theirs, until its cap refuses it.

Checked in the database afterwards: every attempt FloorLoad was told was taken is stored, every call it was told was
ended is stored ended with that disposition (0 attempts lost); no lead had two calls at once (0 leads reserved twice);
no number was called more than its monthly cap (0 caps exceeded); each lead's count of attempts is its attempts' count
(nothing counted twice: a lead counts its attempts as they end).

    python3 Benchmarks/floorload.py [AGENTS] [SECONDS] [CUSTOMERS]     (500, 600, 300000)

Prints FloorLoad's figures, the lease's move and the checks; exits 1 when a check fails."""
import csv, os, subprocess, sys, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts", "nodes"))
from cluster import ADMIN_PASSWORD, DEMO_PASSWORD, ROOT, Cluster

agents = int(sys.argv[1]) if len(sys.argv) > 1 else 500
seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 600
customers = int(sys.argv[3]) if len(sys.argv) > 3 else 300_000
garbage = 5
hello_port = 18290
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def timed(what, started):
    print(f"{what}: {time.time() - started:.1f} s", flush=True)


# FLOORLOAD_BUILD=debug tries the script on the debug builds (the figures are release builds').
build = os.environ.get("FLOORLOAD_BUILD", "release")
for product in ("waihu", "FloorLoad"):
    subprocess.run(["swift", "build", "-c", build, "--product", product], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
waihu, floorload = os.path.join(ROOT, f".build/{build}/waihu"), os.path.join(ROOT, f".build/{build}/FloorLoad")
cluster = Cluster(front=18280, ports=[18281, 18282], pg_port=55435,
                  pg_options=os.environ.get("PG_OPTIONS", "-c shared_buffers=4GB -c max_wal_size=8GB -c max_connections=300"))
hello = None
try:
    started = time.time()
    url = cluster.start_postgres("waihu_floor")
    for index, port in enumerate(cluster.ports):
        check(cluster.start_node(waihu, port, demo=index == 0) is not None, f"node {'AB'[index]} on :{port} is up")
    check(cluster.start_nginx(), f"nginx on :{cluster.front} in front of both nodes")
    admin, manager = cluster.login("admin", ADMIN_PASSWORD), cluster.login("manager")

    # The floor's agents: the demo's thirty and as many more as needed, with logins (their first-login password change
    # is skipped in the database: the benchmark is about the floor, not the password page).
    status, sites = cluster.request("GET", "/api/v1/sites", admin)
    site = next(s for s in sites if s.get("kind") == "own")
    extra = [f"L{index:04d}" for index in range(1, agents + garbage - 30 + 1)]
    roster = "agent,name,site,team,skill,hired_on\n" + "".join(f"{number},坐席{number},{site['name']},一组,outbound,2026-01-05\n" for number in extra)
    status, _ = cluster.request("POST", "/api/v1/agents/import", admin, raw=roster.encode(), content_type="text/csv", timeout=300)
    check(status == 200, f"{len(extra)} agents imported ({status})")
    status, listed = cluster.request("GET", "/api/v1/agents", admin, timeout=60)
    ids = {agent["agent"]: agent["id"] for agent in listed or []}
    made = sum(cluster.request("POST", "/api/v1/users", admin, {"username": number.lower(), "role": "agent", "password": DEMO_PASSWORD,
                                                                 "agent_id": ids.get(number), "site_id": site["id"]})[0] == 201 for number in extra)
    cluster.psql("UPDATE users SET must_change_password = false WHERE role = 'agent'")
    check(made == len(extra), f"{made} agent logins made")
    usernames = [f"a{1001 + index}" for index in range(30)] + [number.lower() for number in extra]
    agents_file = os.path.join(cluster.work, "agents.txt")
    with open(agents_file, "w") as out:
        out.write("\n".join(usernames) + "\n")

    # DEMO-MKT: preview, any hour, every dial counted against a cap of two a month, unreachable leads back at once.
    status, _ = cluster.request("PATCH", "/api/v1/projects/DEMO-MKT/policy", manager,
                                {"reason": "floor load", "counting": "attempts", "monthly_cap": 2,
                                 "schedule": {"holidays": {}, "working_days": [], "weekdays": [["00:00-23:59"]] * 7}})
    check(status == 200, "DEMO-MKT: any hour, two dials a month per number")
    status, dispositions = cluster.request("GET", "/api/v1/projects/DEMO-MKT/dispositions", manager)
    rules = (dispositions or {}).get("dispositions", [])
    for rule in rules:
        if rule.get("category") == "unreachable" and rule.get("code") != "callback":
            rule["retry_delay_minutes"], rule["max_attempts"] = 0, 5
    status, answer = cluster.request("PUT", "/api/v1/projects/DEMO-MKT/dispositions", manager, {"dispositions": rules})
    check(status == 200, f"unreachable leads come back at once ({status})")
    status, _ = cluster.request("PUT", "/api/v1/projects/DEMO-MKT/dialer", manager, {"mode": "preview"})
    check(status == 200, "DEMO-MKT dials in preview")
    step = time.time()
    # Numbers 199…: none of the demo's history calls them, so the caps count this run's calls only.
    batch = cluster.upload_customers(manager, "DEMO-MKT", "phone,name\n" + "".join(f"199{index:08d},客户{index}\n" for index in range(customers)))
    status, allocated = cluster.request("POST", "/api/v1/projects/DEMO-MKT/allocations", manager,
                                        {"mode": "evenly", "agents": [name.upper() for name in usernames[:agents]],
                                         "batch_id": batch.get("batch_id") or batch.get("id")}, timeout=600)
    check(status == 201, f"{customers:,} customers imported and allocated to {agents} agents: {(allocated or {}).get('allocated')} ({status})")
    timed("customers imported and allocated", step)
    timed("setup", started)

    hello = subprocess.Popen([floorload, "hello", str(hello_port)])
    time.sleep(2)
    acknowledged = os.path.join(cluster.work, "acknowledged.csv")
    load = subprocess.Popen([floorload, "--base", cluster.base, "--agents-file", agents_file, "--agents", str(agents),
                             "--seconds", str(seconds), "--garbage", str(garbage), "--hello", f"http://127.0.0.1:{hello_port}",
                             "--acknowledged", acknowledged], stdout=subprocess.PIPE, text=True)
    killed = {}

    def kill_midway():
        time.sleep(seconds / 2)
        killed["before"], killed["moved"] = cluster.kill_lease_holder("DEMO-MKT")

    for line in load.stdout:
        print(line, end="", flush=True)
        if line.startswith("load started"):
            hello.kill()
            threading.Thread(target=kill_midway, daemon=True).start()
    check(load.wait() == 0, "no garbage request was answered 2xx or 500")
    moved = killed.get("moved")
    check(bool(killed.get("before")), f"the lease of DEMO-MKT was held by a node: {killed.get('before')}")
    check(moved is not None and moved <= 10, f"the lease moved to the other node {moved:.1f} s after the kill" if moved else "the lease never moved")

    cluster.psql("CREATE TABLE floor_acknowledged (event text, attempt_id text, disposition text)")
    subprocess.run(["psql", url, "-c", f"\\copy floor_acknowledged FROM '{acknowledged}' CSV HEADER"], check=True, capture_output=True)
    counts = cluster.psql("SELECT count(*) FILTER (WHERE event = 'taken') || ' ' || count(*) FILTER (WHERE event = 'finished') FROM floor_acknowledged")
    print(f"acknowledged: {counts.replace(' ', ' taken, ')} ended", flush=True)
    lost_taken = cluster.psql("SELECT count(*) FROM floor_acknowledged a LEFT JOIN call_attempts c ON c.id::text = lower(a.attempt_id) "
                              "WHERE a.event = 'taken' AND c.id IS NULL")
    check(lost_taken == "0", f"every acknowledged take is stored ({lost_taken} lost)")
    lost_ended = cluster.psql("SELECT count(*) FROM floor_acknowledged a LEFT JOIN call_attempts c ON c.id::text = lower(a.attempt_id) "
                              "WHERE a.event = 'finished' AND (c.id IS NULL OR c.in_progress OR c.disposition IS DISTINCT FROM a.disposition)")
    check(lost_ended == "0", f"every acknowledged end is stored with its disposition ({lost_ended} lost)")
    pairs = ("FROM call_attempts a JOIN call_attempts b ON a.lead_id = b.lead_id AND a.id < b.id "
             "AND a.started_at < coalesce(b.ended_at, 'infinity') AND b.started_at < coalesce(a.ended_at, 'infinity')")
    overlapping = cluster.psql("SELECT count(*) " + pairs)
    check(overlapping == "0", f"no lead had two calls at once ({overlapping} overlapping pairs)")
    if overlapping != "0":
        print(cluster.psql("SELECT a.agent_id = b.agent_id, a.started_at, a.answered_at, a.ended_at, a.disposition, a.dial_requested_at, "
                           "b.started_at, b.answered_at, b.ended_at, b.disposition " + pairs + " LIMIT 5"), flush=True)
    capped = cluster.psql("SELECT count(*) FROM (SELECT phone FROM call_attempts c JOIN projects p ON p.id = c.project_id "
                          "WHERE p.code = 'DEMO-MKT' AND c.phone LIKE '199%' GROUP BY phone, date_trunc('month', c.started_at AT TIME ZONE 'Asia/Shanghai') "
                          "HAVING count(*) > 2) AS over")
    check(capped == "0", f"no number called more than twice this month ({capped} over the cap)")
    miscounted = cluster.psql("SELECT count(*) FROM leads l JOIN projects p ON p.id = l.project_id AND p.code = 'DEMO-MKT' "
                              "WHERE l.phone LIKE '199%' AND l.attempts <> (SELECT count(*) FROM call_attempts c WHERE c.lead_id = l.id AND NOT c.in_progress "
                              "AND c.disposition IS NOT NULL)")
    check(miscounted == "0", f"every lead's count of attempts is its attempts' count ({miscounted} differ)")
    print("attempts stored: " + cluster.psql("SELECT count(*) || ', ' || count(*) FILTER (WHERE in_progress) || ' open' FROM call_attempts "
                                              "c JOIN projects p ON p.id = c.project_id AND p.code = 'DEMO-MKT'"), flush=True)
finally:
    if hello and hello.poll() is None:
        hello.kill()
    cluster.stop_all()

sys.exit(1 if failures else 0)
