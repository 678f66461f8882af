#!/usr/bin/env python3
"""Two `waihu serve` nodes on one PostgreSQL database behind nginx, and one of them killed: a throw-away PostgreSQL
server (scripts/pg/throwaway.sh), node A with the demo organisation, node B beside it, nginx in front of both
(scripts/nodes/nginx.conf, started by scripts/nodes/cluster.py). DEMO-MKT dials progressively (2,000 customers of its
own, any hour) for five agents who take every call and record a disposition through nginx. Midway the node holding
DEMO-MKT's dialer lease is killed with SIGKILL.

Checked: the lease moves to the other node within 10 s (and how many seconds that took: the lease lasts 8 s); the agents' requests
go on through nginx (every answer counted by status: a request the dead node was serving fails with 502, never retried
by nginx, so never taken twice); afterwards, in the database: no lead with two calls open.

    python3 scripts/nodes/failover_check.py [WAIHU_BINARY] [SECONDS]

Everything it starts is stopped by PID; it exits 1 when a check fails."""
import os, sys, threading, time
from collections import Counter

from cluster import Cluster

binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/waihu")
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60
cluster = Cluster(front=18180, ports=[18181, 18182], pg_port=55434)
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


try:
    url = cluster.start_postgres("waihu_nodes")
    check(url.startswith("postgres://"), f"a throw-away PostgreSQL server: {url}")
    for index, port in enumerate(cluster.ports):
        check(cluster.start_node(binary, port, demo=index == 0) is not None, f"node {'AB'[index]} on :{port} is up")
    check(cluster.start_nginx(), f"nginx on :{cluster.front} in front of both nodes")

    manager = cluster.login("manager")
    check(manager is not None, "the manager signs in through nginx")
    agents = [f"a{1001 + i}" for i in range(5)]
    # Calls at any hour (the check runs whenever CI does), and customers of its own allocated to its agents.
    status, _ = cluster.request("PATCH", "/api/v1/projects/DEMO-MKT/policy", manager,
                                {"reason": "failover check", "schedule": {"holidays": {}, "working_days": [], "weekdays": [["00:00-23:59"]] * 7}})
    check(status == 200, "DEMO-MKT may call at any hour")
    batch = cluster.upload_customers(manager, "DEMO-MKT", "phone,name\n" + "".join(f"139{index:08d},客户{index}\n" for index in range(2_000)))
    status, allocated = cluster.request("POST", "/api/v1/projects/DEMO-MKT/allocations", manager,
                                        {"mode": "evenly", "agents": [f"A{agent[1:]}" for agent in agents], "batch_id": batch.get("batch_id") or batch.get("id")})
    check(status == 201, f"2,000 customers imported and allocated to the agents: {(allocated or {}).get('allocated')}")
    status, _ = cluster.request("PUT", "/api/v1/projects/DEMO-MKT/dialer", manager, {"mode": "progressive"})
    check(status == 200, "DEMO-MKT dials progressively")

    tokens = {agent: cluster.login(agent) for agent in agents}
    check(all(tokens.values()), "five agents sign in")

    statuses, finished, after_kill = Counter(), Counter(), Counter()
    lock, stop, killed = threading.Lock(), threading.Event(), threading.Event()

    def agent_loop(agent):
        token = tokens[agent]
        while not stop.is_set():
            code, desk = cluster.request("GET", "/api/v1/desk", token)
            with lock:
                statuses[code] += 1
                if killed.is_set():
                    after_kill[code] += 1
            if code != 200:
                time.sleep(0.5)
                continue
            if desk.get("state") in ("logged_out", "busy") or (desk.get("state") == "acw" and not desk.get("call")):
                code, _ = cluster.request("POST", "/api/v1/desk/state", token, {"state": "ready", "project": "DEMO-MKT"})
                with lock:
                    statuses[code] += 1
            call = desk.get("call")
            if call and call.get("answered_at") and desk.get("state") in ("talking", "acw"):
                time.sleep(2)
                code, _ = cluster.request("POST", f"/api/v1/attempts/{call['attempt_id']}/finish", token, {"disposition": "wrong_number"})
                with lock:
                    statuses[code] += 1
                    if code == 200:
                        finished[agent] += 1
            time.sleep(1)

    threads = [threading.Thread(target=agent_loop, args=(agent,), daemon=True) for agent in agents]
    for thread in threads:
        thread.start()

    time.sleep(seconds / 2)
    kill_time = cluster.psql("SELECT now()")
    killed.set()
    before, moved = cluster.kill_lease_holder("DEMO-MKT")
    check(bool(before), f"the lease of DEMO-MKT is held by a node: {before}")
    check(moved is not None and moved <= 10, f"the lease moved to the other node {moved:.1f} s after the kill" if moved else "the lease never moved")
    with lock:
        finished_before = sum(finished.values())
    time.sleep(seconds / 2)
    stop.set()
    for thread in threads:
        thread.join(timeout=15)
    with lock:
        after = sum(finished.values()) - finished_before
    # A handful of agents finish only a few calls a minute (three in ten answer, after about 12 s): what shows the floor
    # went on is their desks answered through nginx and the new lease holder placing calls.
    placed = int(cluster.psql(f"SELECT count(*) FROM call_attempts WHERE started_at > '{kill_time}'"))
    check(after_kill[200] > 0 and placed > 0, f"the agents went on through nginx after the kill: {after_kill[200]} desks answered, "
                                               f"{placed} calls placed by the other node, {after} more calls finished")
    print("requests by status: " + ", ".join(f"{code or 'no answer'}: {count}" for code, count in sorted(statuses.items())), flush=True)
    check(all(code in (200, 409, 502) for code in statuses), "every answer was 200, a refusal (409) or the dead node's 502")

    twice = cluster.psql("SELECT count(*) FROM (SELECT lead_id FROM call_attempts WHERE in_progress AND lead_id IS NOT NULL "
                         "GROUP BY lead_id HAVING count(*) > 1) AS doubled")
    check(twice == "0", f"no lead has two calls open ({twice})")
    print(f"{cluster.psql('SELECT count(*) FROM call_attempts')} attempts in all, {sum(finished.values())} finished by the agents", flush=True)
finally:
    cluster.stop_all()

sys.exit(1 if failures else 0)
