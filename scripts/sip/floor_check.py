#!/usr/bin/env python3
"""waihu serve on the SIP trunk, end to end: SIPp plays the customers' network (scripts/sip/customers.xml) and the
agents' phones (answering at once, echoing the media), `waihu serve --demo --telephony sip` dials DEMO-MKT
predictively (customers of its own, allocated to them) for a few agents who take every call, hang up after 3 s and
record a disposition, as the desk does; at the end the supervisor switches the project to preview and the agents
take the calls still ringing before they log out.
Then, from SIPp's own count and Waihu's database: every call SIPp received is an attempt, no attempt is left open,
every bridged call has its stereo recording on disk and linked, and the abandon rate stays within the 3 % cap.

    python3 scripts/sip/floor_check.py [WAIHU_BINARY] [SECONDS] [AGENTS] [--through-kamailio] [--baresip-phones] [--mode=MODE]

With --through-kamailio the calls go through Kamailio (scripts/sip/kamailio.cfg) as the carrier's proxy; with
--baresip-phones the agents' phones are baresip (one process, an account per agent, answering by itself and speaking
a 500 Hz tone) instead of SIPp; --mode=preview or --mode=progressive dials in that mode instead of predictive (in
preview each agent takes the next lead on the desk and presses Dial, as the desk's buttons do).

Everything it starts is stopped by PID; it exits 1 when a check fails. Written for Waihu's CI (.ci/run)."""
import json, math, os, shutil, signal, sqlite3, struct, subprocess, sys, tempfile, time, urllib.error, urllib.request

through_kamailio = "--through-kamailio" in sys.argv
baresip_phones = "--baresip-phones" in sys.argv
mode = next((argument.split("=", 1)[1] for argument in sys.argv if argument.startswith("--mode=")), "predictive")
preview = mode == "preview"
arguments = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
binary = os.path.abspath(arguments[0] if len(arguments) > 0 else ".build/debug/waihu")
seconds = float(arguments[1]) if len(arguments) > 1 else 60
agents = [f"a{1001 + i}" for i in range(int(arguments[2]) if len(arguments) > 2 else 5)]
scripts = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp(prefix="waihu-floor-check.")
http, trunk, phones, waihu_sip, proxy = 18124, 25070, 25080, 25060, 25090
base = f"http://127.0.0.1:{http}"
started = []


def stop_all():
    for process in reversed(started):
        if process.poll() is None:
            process.send_signal(signal.SIGKILL if "sipp" in process.args[0] else signal.SIGTERM)  # SIPp ignores SIGTERM
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def tone_wav(path):
    samples = [int(8000 * math.sin(2 * math.pi * 1000 * i / 8000)) for i in range(16000)]

    def alaw(sample):  # G.711 A-law of a 16-bit sample
        value = sample >> 3
        sign = 0x80 if value >= 0 else 0
        magnitude = min(value if value >= 0 else -value - 1, 0xFFF)
        segment = 0
        while segment < 7 and magnitude >= (0x20 << segment):
            segment += 1
        mantissa = (magnitude >> 1 if segment == 0 else magnitude >> segment) & 0x0F
        return (sign | segment << 4 | mantissa) ^ 0x55
    data = bytes(alaw(s) for s in samples)
    header = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 6, 1, 8000, 8000, 1, 8)
    with open(path, "wb") as out:
        out.write(header + b"data" + struct.pack("<I", len(data)) + data)


def call(method, path, token=None, body=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def sipp(scenario, port, extra):
    return subprocess.Popen(["sipp", "-sf", scenario, "-i", "127.0.0.1", "-p", str(port), "-mi", "127.0.0.1", "-mp", str(port + 2),
                             "-ci", "127.0.0.1", "-cp", str(port + 6), "-nostdin", "-nd"] + extra, cwd=work,
                            stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, f"sipp-{port}.log"), "w"))


def baresip(port, seconds):
    """baresip as every agent's phone: an account per agent on one port, each answering by itself and speaking a 500 Hz
    tone (a WAV as long as the run, as baresip's file source does not loop)."""
    folder = os.path.join(work, "baresip")
    os.makedirs(folder)
    count = int(8000 * (seconds + 120))
    period = [int(6000 * math.sin(2 * math.pi * 500 * i / 8000)) for i in range(16)]
    data = struct.pack("<16h", *period) * (count // 16)
    header = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
    with open(os.path.join(folder, "voice.wav"), "wb") as out:
        out.write(header + b"data" + struct.pack("<I", len(data)) + data)
    with open(os.path.join(folder, "config"), "w") as out:
        out.write(f"poll_method epoll\nsip_listen 127.0.0.1:{port}\nnet_interface 127.0.0.1\ncall_max_calls {len(agents) + 4}\n"
                  f"audio_source aufile,{folder}/voice.wav\nmodule_path /usr/lib/baresip/modules\nmodule g711.so\nmodule aufile.so\n"
                  "module_app account.so\nmodule_app menu.so\n")
    with open(os.path.join(folder, "accounts"), "w") as out:
        out.writelines(f"<sip:{agent}@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMU,PCMA\n" for agent in agents)
    return subprocess.Popen(["baresip", "-f", folder], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(work, "baresip.log"), "w"))


def ports_free():
    """Whether the check's ports are free (another check running, or a server left behind, would answer instead)."""
    import socket
    for kind, port in [(socket.SOCK_STREAM, http)] + [(socket.SOCK_DGRAM, p) for p in (trunk, phones, waihu_sip, proxy)]:
        with socket.socket(socket.AF_INET, kind) as probe:
            if kind == socket.SOCK_STREAM:  # as the server binds: the last check's closed connections may linger
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                print(f"port {port} on 127.0.0.1 is in use (another floor check running?)")
                return False
    return True


def main():
    if not ports_free():
        return 1
    tone_wav(os.path.join(work, "tone.wav"))
    with open(os.path.join(scripts, "agent.xml")) as source, open(os.path.join(work, "agent-echo.xml"), "w") as echo:
        echo.write(source.read().replace("[agent_rtp]", "[media_port]"))
    started.append(sipp(os.path.join(scripts, "customers.xml"), trunk,
                        ["-trace_stat", "-stf", os.path.join(work, "customers.csv"), "-fd", "1"]))
    started.append(baresip(phones, seconds) if baresip_phones else sipp(os.path.join(work, "agent-echo.xml"), phones, ["-rtp_echo"]))
    if through_kamailio:
        os.makedirs(os.path.join(work, "kamailio"))
        started.append(subprocess.Popen(["/usr/sbin/kamailio", "-f", os.path.join(scripts, "kamailio.cfg"), "-DD", "-E", "-Y", os.path.join(work, "kamailio"),
                                         "-P", os.path.join(work, "kamailio", "kamailio.pid"), "-w", os.path.join(work, "kamailio"),
                                         "-m", "64", "-M", "8", "-l", f"udp:127.0.0.1:{proxy}", "-A", f'NETWORK="sip:127.0.0.1:{trunk}"'],
                                        stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "kamailio.log"), "w")))
    configuration = {"listen": f"127.0.0.1:{waihu_sip}", "mediaAddress": "127.0.0.1", "rtpPorts": "32000-32999",
                     "trunk": {"address": f"127.0.0.1:{proxy if through_kamailio else trunk}"}, "callerID": "4008001234",
                     "agents": {agent: f"sip:{agent}@127.0.0.1:{phones}" for agent in agents},
                     "recordings": os.path.join(work, "recordings")}
    with open(os.path.join(work, "sip.json"), "w") as out:
        json.dump(configuration, out)
    environment = dict(os.environ, WAIHU_ADMIN_PASSWORD="floor-admin-1")
    started.append(subprocess.Popen([binary, "serve", "--demo", "--port", str(http), "--telephony", "sip", "--sip-config",
                                     os.path.join(work, "sip.json")], cwd=work, env=environment,
                                    stdout=open(os.path.join(work, "serve.log"), "w"), stderr=subprocess.STDOUT))
    for _ in range(180):
        try:
            if urllib.request.urlopen(base + "/healthz", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(1)
    else:
        print("waihu serve did not start:\n" + open(os.path.join(work, "serve.log")).read()[-2000:])
        return 1
    manager = call("POST", "/api/v1/auth/login", body={"username": "manager", "password": "waihu-demo-2026"})[1]["token"]
    # Calls at any hour: the demo project's calling window opened to the whole day (the check runs whenever CI does).
    day = ["00:00-23:59"]
    status, body = call("PATCH", "/api/v1/projects/DEMO-MKT/policy", manager,
                        {"reason": "floor check", "schedule": {"holidays": {}, "working_days": [], "weekdays": [day] * 7}})
    if status != 200:
        print("the calling window could not be opened:", status, body)
        return 1
    # Customers of its own for the run, allocated to its agents, so that a long run keeps dialling (the demo's own
    # leads for five agents last about two minutes).
    leads = max(250, int(seconds)) * len(agents)
    rows = "phone,name\n" + "".join(f"139{index:08d},客户{index}\n" for index in range(leads))
    boundary = "waihu-floor-check"
    form = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"floor-check.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n{rows}\r\n--{boundary}--\r\n").encode()
    request = urllib.request.Request(base + "/api/v1/projects/DEMO-MKT/batches", method="POST", data=form)
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    request.add_header("Authorization", "Bearer " + manager)
    with urllib.request.urlopen(request, timeout=120) as response:
        batch = json.loads(response.read())
    numbers = [f"A{agent[1:]}" for agent in agents]
    status, allocated = call("POST", "/api/v1/projects/DEMO-MKT/allocations", manager,
                             {"mode": "evenly", "agents": numbers, "batch_id": batch.get("batch_id") or batch.get("id")})
    if status != 201:
        print("the customers could not be allocated:", status, allocated, batch)
        return 1
    print(f"imported {leads} customers, allocated {allocated['allocated']} to {len(agents)} agents")
    status, body = call("PUT", "/api/v1/projects/DEMO-MKT/dialer", manager, {"mode": mode})
    if status != 200:
        print(f"the project could not be put on {mode}:", status, body)
        return 1
    run_started = time.time()
    tokens = {}
    for agent in agents:
        tokens[agent] = call("POST", "/api/v1/auth/login", body={"username": agent, "password": "waihu-demo-2026"})[1]["token"]
        call("POST", "/api/v1/desk/state", tokens[agent], {"state": "ready", "project": "DEMO-MKT"})
    talking, finished, problems = {}, [0], []

    def look_after(agent, token, asking=True):
        """One look at the agent's desk, doing what the agent would: in preview, take the next lead and dial it; hang
        up after 3 s of talk, then a disposition. Returns whether the agent is busy with a call."""
        status, desk = call("GET", "/api/v1/desk", token)
        state, current = desk.get("state"), desk.get("call") or {}
        if preview and asking and state == "ready" and not current.get("attempt_id"):
            status, lead = call("POST", "/api/v1/projects/DEMO-MKT/desk/next", token)
            if status != 200 or not lead.get("attempt_id"):
                problems.append(f"no next lead for {agent}: {status} {lead}")
                return False
            status, dialled = call("POST", f"/api/v1/attempts/{lead['attempt_id']}/dial", token)
            if status != 200:
                problems.append(f"dial {status} {dialled}")
            return True
        if desk.get("phone") and desk["phone"]["status"] != "up" and time.time() - run_started > 10:
            problems.append(f"{agent}'s phone is {desk['phone']}")
        if state == "talking":
            talking.setdefault(agent, time.time())
            if time.time() - talking[agent] > 3:
                call("POST", f"/api/v1/attempts/{current['attempt_id']}/hangup", token, {})
            return True
        if state == "acw" and current.get("attempt_id"):
            talking.pop(agent, None)
            status, answer = call("POST", f"/api/v1/attempts/{current['attempt_id']}/finish", token, {"disposition": "wrong_number"})
            if status >= 300:
                problems.append(f"finish {status} {answer}")
            finished[0] += 1
            call("POST", "/api/v1/desk/state", token, {"state": "ready"})
            return True
        return False

    end = time.time() + seconds
    while time.time() < end:
        for agent, token in tokens.items():
            look_after(agent, token)
        time.sleep(0.5)
    # The supervisor stops the predictive dialling (preview: nothing is dialled by itself); the agents take the calls
    # still ringing, then log out. Logging out with calls in flight would abandon them.
    status, body = call("PUT", "/api/v1/projects/DEMO-MKT/dialer", manager, {"mode": "preview"})
    if status != 200:
        problems.append(f"the dialer could not be stopped: {status} {body}")
    quiet, drain_end = 0, time.time() + 30
    while quiet < 6 and time.time() < drain_end:
        busy = [look_after(agent, token, asking=False) for agent, token in tokens.items()]
        quiet = 0 if any(busy) else quiet + 1
        time.sleep(0.5)
    for token in tokens.values():
        call("POST", "/api/v1/desk/state", token, {"state": "logged_out"})
    finished = finished[0]
    time.sleep(3)
    stop_all()
    rows = list(open(os.path.join(work, "customers.csv")))
    header, last = rows[0].strip().split(";"), rows[-1].strip().split(";")
    sipp_calls = int(last[header.index("TotalCallCreated")])
    database = sqlite3.connect(os.path.join(work, "waihu.sqlite"))
    attempts = database.execute("select count(*), sum(answered_at is not null), sum(agent_id is not null and talk_seconds > 0), "
                                "sum(in_progress), sum(disposition = 'abandoned') from call_attempts where started_at >= ?",
                                (run_started - 5,)).fetchone()
    total, answered, bridged, open_attempts, abandoned = [value or 0 for value in attempts]
    first, last = database.execute("select min(started_at), max(started_at) from call_attempts where started_at >= ?",
                                   (run_started - 5,)).fetchone()
    recordings = database.execute("select r.location, r.duration_seconds from recordings r join call_attempts c on c.id = r.attempt_id "
                                  "where c.started_at >= ?", (run_started - 5,)).fetchall()
    stereo, both_sides = 0, 0
    for location, _ in recordings:
        if os.path.exists(location):
            with open(location, "rb") as wav:
                content = wav.read()
            if content[:4] == b"RIFF" and struct.unpack("<H", content[22:24])[0] == 2:
                stereo += 1
                samples = struct.unpack(f"<{(len(content) - 44) // 2}h", content[44:44 + (len(content) - 44) // 2 * 2])
                # The customer (left) and the agent (right) both heard: a second of sound on each channel.
                both_sides += all(sum(abs(s) > 500 for s in samples[side::2]) >= 8000 for side in (0, 1))
    rate = abandoned / answered if answered else 0
    print(f"{seconds:.0f} s, {mode}, {len(agents)} agents{' on baresip phones' if baresip_phones else ''}"
          f"{' through Kamailio' if through_kamailio else ''}: SIPp received {sipp_calls} calls; Waihu made {total} attempts, {answered} answered, "
          f"{bridged} bridged, {finished} dispositions recorded, {abandoned} abandoned ({100 * rate:.1f} %), {open_attempts} left open; "
          f"{len(recordings)} recordings linked, {stereo} stereo WAV files on disk, {both_sides} with both sides speaking; calls placed from {(first or 0) - run_started:+.0f} s "
          f"to {(last or 0) - run_started:+.0f} s of the run")
    checks = [(total > 0 and total == sipp_calls, "every call SIPp received is an attempt"),
              (open_attempts == 0, "no attempt left open"),
              (bridged > 0 and stereo == bridged == len(recordings), "every bridged call recorded in stereo and linked"),
              (both_sides == stereo, "every recording holds the customer and the agent"),
              (rate <= 0.03, "abandon rate within the 3 % cap"), (not problems, "; ".join(problems[:5]) or "no desk problems")]
    failed = [what for ok, what in checks if not ok]
    for what in failed:
        print("FAILED:", what)
    return 1 if failed else 0


try:
    code = main()
finally:
    stop_all()
if code == 0:
    shutil.rmtree(work, ignore_errors=True)
else:
    print("kept for a look:", work)
sys.exit(code)
