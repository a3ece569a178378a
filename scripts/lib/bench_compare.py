"""scripts/bench, the reply workload: smsdesk and Debian's gammu-smsd, in turn,
against the same virtual modem (`smsdesk sim`, 50 ms per SMS part). For each
daemon, on the simulator's own clock and counters:

  1. latency     30 single-part questions, GAP seconds apart, each from a new
                 number: the +CMTI of the question to the +CMGS of the
                 reply's first part (the +CMGS answer, so it includes the
                 modem's 50 ms send)
  2. burst       200 questions texted at once: answered per second, from
                 the first +CMTI to the last reply's +CMGS
  3. AT lines    command lines the daemon sent over 1, 2 and the Arabic
                 message, per answered message
  4. idle        60 s without traffic after the burst: CPU seconds,
                 voluntary context switches per second, AT lines per minute
  5. memory      VmRSS idle after start, VmHWM after the burst
  6. correctness each number's inbox: no reply (lost) or more than one
                 (duplicated); a 3-part Arabic text delivered out of order
                 must get exactly one reply

Each daemon instance has its own virtual modem in one simulator. smsdesk
runs first, alone on the CPU but for gammu-smsd's instances: each gammu-smsd
configuration runs as two instances beside it (one for 1, 6b and 4, one for
the burst), since its times are bound by its own sleeps (LoopSleep,
CommTimeout: minutes per phase), not by the CPU. SMSDESK_BENCH_SEQUENTIAL=1
runs every configuration as one instance, one after the other (about 20 min).
SMSDESK_BENCH_ALERTS_COMMAND: a shell command run right after smsdesk's
instance (scripts/bench: the alert pool), its output printed at the end.

Usage: bench_compare.py SMSDESK_BINARY WORK_DIR [daemon ...]
       daemons: smsdesk, gammu-shipped, gammu-fastest (default: all three)
Settings (environment): SMSDESK_BENCH_LATENCY_MESSAGES=30,
SMSDESK_BENCH_GAP=2, SMSDESK_BENCH_BURST=200, SMSDESK_BENCH_IDLE_SECONDS=60.
"""

import json
import os
import platform
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_gammu  # noqa: E402
from proc_stats import context_switches, pct, status_kb  # noqa: E402
from sim_control import Sim, SimError  # noqa: E402

LATENCY_MESSAGES = int(os.environ.get("SMSDESK_BENCH_LATENCY_MESSAGES", "30"))
GAP = float(os.environ.get("SMSDESK_BENCH_GAP", "2"))
BURST = int(os.environ.get("SMSDESK_BENCH_BURST", "200"))
IDLE = float(os.environ.get("SMSDESK_BENCH_IDLE_SECONDS", "60"))
SEND_LATENCY = "50ms"
STALL = 90  # seconds without a new reply before a phase gives up

# An English FAQ question whose answer is one SMS (145 GSM-7 characters), so
# that both daemons send one part per reply. gammu-smsd's hook replies with
# bench_gammu.REPLY_TEXT, also one part.
QUESTION = "How do I get emergency alerts by text?"
# Three UCS-2 parts (67 characters each), delivered in the order 3, 1, 2 or so.
ARABIC = ("مرحبا، وصلت إلى المدينة الأسبوع الماضي مع عائلتي ولدينا ثلاثة أطفال. "
          "أين يمكنني تسجيل الأطفال في المدرسة، وهل أحتاج إلى موعد؟ "
          "وما هي الوثائق التي يجب أن أحضرها معي؟ شكرا جزيلا لمساعدتكم.")

TICK = os.sysconf("SC_CLK_TCK")
PRINT_LOCK = threading.Lock()


class Fail(Exception):
    pass


# --- /proc -------------------------------------------------------------------

def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # utime, stime, and the children's that were waited for (the hooks).
    return sum(int(x) for x in fields[11:15]) / TICK


# --- smsdesk -----------------------------------------------------------------

class Smsdesk:
    """`smsdesk run` with one modem, the sample FAQ and the settings a
    deployment that wants speed uses (printed with the table)."""

    def __init__(self, binary, work, device, faq):
        self.binary, self.work, self.device = binary, work, device
        self.config = os.path.join(work, "smsdesk.toml")
        self.log = os.path.join(work, "smsdesk.log")
        self.proc = None
        self.text = f"""database = "{work}/desk.db"
log_level = "info"
[[modem]]
id = "m0"
device = "{device}"
sends_per_minute = 0         # no pacing (the default paces a SIM's sends)
status_reports = "direct"    # +CDS inline: no AT+CMGR/AT+CMGD per report
credit = "off"               # no USSD balance check during the run
[faq]
file = "{faq}"
models = false               # no training during the run (scripts/bench-faq times the models)
[desk]
auto_replies_per_hour = 100
[console]
bind = "127.0.0.1:0"
"""
        with open(self.config, "w") as f:
            f.write(self.text)

    def settings_text(self):
        return self.text

    @property
    def pid(self):
        return self.proc.pid

    def start(self, timeout=60):
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen([self.binary, "run", "--config", self.config],
                                         stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"smsdesk run exited ({self.proc.returncode}): {tail(self.log)}")
            with open(self.log, errors="replace") as f:
                if ": ready (" in f.read():
                    return
            time.sleep(0.1)
        raise RuntimeError(f"smsdesk run: the modem was not ready after {timeout} s: {tail(self.log)}")

    def stop(self):
        stop_process(self.proc, 25)


def tail(path, lines=15):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


def stop_process(proc, grace):
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# --- measuring ----------------------------------------------------------------

def replies_by_sender(sim, modem_number):
    """{sender: number of complete replies from the modem}."""
    out = {}
    for number, messages in sim.inboxes().items():
        n = sum(1 for m in messages if m["from"] == modem_number and m["parts_received"] == m["parts_total"])
        if n:
            out[number] = n
    return out


def wait_replies(sim, modem_number, senders, what, daemon_proc_alive):
    """Waits until every sender has a reply, or STALL seconds pass without a
    new one; returns {sender: replies}."""
    want, last, last_change = set(senders), -1, time.monotonic()
    while True:
        daemon_proc_alive()
        got = replies_by_sender(sim, modem_number)
        answered = sum(1 for s in want if s in got)
        if answered == len(want):
            return got
        if answered != last:
            last, last_change = answered, time.monotonic()
        if time.monotonic() - last_change > STALL:
            print(f"    {what}: {answered}/{len(want)} answered, none more in {STALL} s; going on", flush=True)
            return got
        time.sleep(0.2)


def latencies(events, senders):
    """ms from each sender's last +CMTI before its first reply +CMGS to that
    +CMGS; and the time of the last first-reply +CMGS."""
    wanted = set(senders)
    cmti, first = {}, {}
    for e in events:
        if e["kind"] == "cmti" and e.get("from") in wanted:
            cmti.setdefault(e["from"], []).append(e["t_us"])
        elif e["kind"] == "cmgs" and e.get("destination") in wanted and e.get("part", 0) <= 1:
            first.setdefault(e["destination"], e["t_us"])
    out = []
    for s in senders:
        before = [t for t in cmti.get(s, []) if s in first and t <= first[s]]
        if before:
            out.append((first[s] - max(before)) / 1000)
    return out, max(first.values(), default=0), min((t for s in senders for t in cmti.get(s, [])), default=0)


def say(name, text):
    with PRINT_LOCK:
        print(f"[{name}] {text}", flush=True)


def measure(name, daemon, sim, modem, modem_number, prefix, paced=True, burst=True):
    """Runs the phases on one daemon instance: `paced` (latency, the Arabic
    text, idle) and/or `burst`. Returns the raw counts; merge() combines two
    instances of one configuration."""
    label = name + ("" if paced and burst else " (paced)" if paced else " (burst)")
    say(label, "starting")
    r = {"name": name, "answered": 0, "lines": 0, "parts": 0, "lost": 0, "duplicated": 0}
    daemon.start()

    def alive():
        proc = getattr(daemon, "proc", None) or getattr(daemon, "_proc", None)
        if proc is not None and proc.poll() is not None:
            raise Fail(f"{label} exited during the run")

    pid = daemon.pid
    time.sleep(5)  # start-up traffic over
    r["rss_idle_mib"] = status_kb(pid, "VmRSS") / 1024
    lines0 = sim.modem(modem)["command_lines"]
    t0 = sim.now_us()
    everyone = []

    if paced:  # 1. latency
        say(label, f"latency: {LATENCY_MESSAGES} questions {GAP:g} s apart")
        senders = [f"+1555{prefix}1{i:04d}" for i in range(LATENCY_MESSAGES)]
        start = time.monotonic()
        for i, s in enumerate(senders):
            time.sleep(max(0.0, start + i * GAP - time.monotonic()))
            sim.text(s, QUESTION, modem)
        wait_replies(sim, modem_number, senders, f"{label}: latency", alive)
        r["latency_ms"], _, _ = latencies(sim.events(t0, modem), senders)
        everyone += senders

    if burst:  # 2. burst
        say(label, f"burst: {BURST} questions at once")
        time.sleep(GAP)
        senders = [f"+1555{prefix}2{i:04d}" for i in range(BURST)]
        t1 = sim.now_us()
        for s in senders:
            sim.text(s, QUESTION, modem)
        wait_replies(sim, modem_number, senders, f"{label}: burst", alive)
        # From the moment the first question was texted (the modem's storage
        # holds 25: the rest wait in the network, without a +CMTI yet).
        blat, last_reply, _ = latencies(sim.events(t1, modem), senders)
        span = (last_reply - t1) / 1e6 if last_reply else float("nan")
        r["burst_rate"] = len(blat) / span if span == span and span > 0 else 0.0
        r["rss_peak_mib"] = status_kb(pid, "VmHWM") / 1024
        everyone += senders

    if paced:  # 6b. a 3-part Arabic text, parts out of order
        arabic_sender = f"+1555{prefix}30000"
        sim.text(arabic_sender, ARABIC, modem, shuffle=True)
        wait_replies(sim, modem_number, [arabic_sender], f"{label}: Arabic", alive)
        everyone.append(arabic_sender)
    time.sleep(5)  # a duplicate would come within seconds
    lines1 = sim.modem(modem)["command_lines"]

    replies = replies_by_sender(sim, modem_number)
    r["answered"] = sum(1 for s in everyone if replies.get(s, 0) >= 1)
    r["lost"] = sum(1 for s in everyone if replies.get(s, 0) == 0)
    r["duplicated"] = sum(replies.get(s, 0) - 1 for s in everyone if replies.get(s, 0) > 1)
    r["lines"] = lines1 - lines0
    wanted = set(everyone)
    r["parts"] = sum(1 for e in sim.events(t0, modem) if e["kind"] == "cmgs" and e.get("destination") in wanted)
    if paced:
        r["arabic_replies"] = replies.get(arabic_sender, 0)
        say(label, f"idle: {IDLE:g} s")  # 4. idle
        time.sleep(5)
        c0, w0, l0 = cpu_seconds(pid), context_switches(pid, involuntary=False), sim.modem(modem)["command_lines"]
        time.sleep(IDLE)
        alive()
        c1, w1, l1 = cpu_seconds(pid), context_switches(pid, involuntary=False), sim.modem(modem)["command_lines"]
        r["idle_cpu_s"] = c1 - c0
        r["idle_wakeups"] = (w1 - w0) / IDLE
        r["idle_at_per_min"] = (l1 - l0) * 60 / IDLE
    r["settings"] = daemon.settings_text()
    daemon.stop()
    say(label, f"done: {r['answered']} answered, {r['lines']} AT lines, lost {r['lost']}, "
               f"duplicated {r['duplicated']}")
    return r


def merge(parts):
    """One configuration's result from its instances (paced and burst)."""
    r = {}
    for part in parts:
        for k, v in part.items():
            if k in ("answered", "lines", "parts", "lost", "duplicated"):
                r[k] = r.get(k, 0) + v
            elif k == "rss_peak_mib":
                r[k] = max(r.get(k, 0), v)
            else:
                r.setdefault(k, v)
    n = r["answered"]
    r["at_lines_per_answer"] = r["lines"] / n if n else float("nan")
    r["parts_per_answer"] = r["parts"] / n if n else float("nan")
    return r


# --- the table ----------------------------------------------------------------

ROWS = [
    # (label, key or function, format, target, lower is better)
    ("answer latency p50", lambda r: pct(r["latency_ms"], 50), "{:.0f} ms", "<= 60 ms", True),
    ("answer latency p90", lambda r: pct(r["latency_ms"], 90), "{:.0f} ms", "", True),
    ("answer latency max", lambda r: max(r["latency_ms"], default=float("nan")), "{:.0f} ms", "", True),
    (f"burst of {BURST}: answered/s", "burst_rate", "{:.1f}/s", ">= 18/s", False),
    ("AT lines per answered message", "at_lines_per_answer", "{:.2f}", "<= 4", True),
    ("SMS parts per answer", "parts_per_answer", "{:.2f}", "", True),
    ("idle: AT lines per minute", "idle_at_per_min", "{:.1f}", "<= 1", True),
    ("idle: wake-ups per second", "idle_wakeups", "{:.2f}", "<= 1", True),
    ("idle: CPU seconds per minute", lambda r: r["idle_cpu_s"] * 60 / IDLE, "{:.3f} s", "", True),
    ("RSS idle", "rss_idle_mib", "{:.1f} MiB", "<= 15 MiB", True),
    ("RSS peak (VmHWM) after the burst", "rss_peak_mib", "{:.1f} MiB", "<= 30 MiB", True),
    ("replies lost", "lost", "{}", "0", True),
    ("replies duplicated", "duplicated", "{}", "0", True),
    ("3-part Arabic, out of order: replies", "arabic_replies", "{}", "1", None),
]


def value(r, key):
    return key(r) if callable(key) else r[key]


def ratio(x):
    return f"{x:.0f}x" if x >= 10 else f"{x:.1f}x" if x >= 0.1 else f"{x:.2g}x"


def table(results):
    base = results[0]
    others = results[1:]
    head = ["", *[r["name"] for r in results], *[f"{o['name']} / {base['name']}" for o in others], "target"]
    rows = []
    for label, key, fmt, target, _ in ROWS:
        vals = [value(r, key) for r in results]
        cells = [fmt.format(v) for v in vals]
        ratios = []
        for v in vals[1:]:
            b = vals[0]
            ratios.append(ratio(v / b) if isinstance(b, (int, float)) and b and v == v else "-")
        rows.append([label, *cells, *ratios, target])
    widths = [max(len(str(row[i])) for row in [head, *rows]) for i in range(len(head))]
    line = lambda cols: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cols, widths)) + " |"
    out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(row) for row in rows]
    return "\n".join(out)


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    gammu = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "gammu-smsd"], capture_output=True, text=True).stdout
    return (f"{os.cpu_count()} cores, {cpu}; {platform.system()} {platform.release()}; "
            f"Debian gammu-smsd {gammu or '?'}")


def make_daemon(name, binary, work, device, faq):
    if name == "smsdesk":
        return Smsdesk(binary, work, device, faq)
    if name.startswith("gammu-") and name.split("-", 1)[1] in bench_gammu.PRESETS:
        return bench_gammu.GammuSmsd(work, device, name.split("-", 1)[1])
    raise Fail(f"unknown daemon {name} (smsdesk, " + ", ".join(f"gammu-{p}" for p in bench_gammu.PRESETS) + ")")


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, work = sys.argv[1], sys.argv[2]
    wanted = sys.argv[3:] or ["smsdesk", "gammu-shipped", "gammu-fastest"]
    sequential = os.environ.get("SMSDESK_BENCH_SEQUENTIAL", "") not in ("", "0")
    alerts_command = os.environ.get("SMSDESK_BENCH_ALERTS_COMMAND", "")
    faq = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                       "tests", "data", "eval", "faq-ottawa.csv"))
    # The instances: (configuration, paced, burst). gammu-smsd's runs take
    # minutes, bound by its own sleeps (LoopSleep, CommTimeout) rather than by
    # the CPU: unless SMSDESK_BENCH_SEQUENTIAL=1, each of its configurations
    # runs as two instances, one for the paced questions and one for the
    # burst, beside smsdesk's run, each on its own virtual modem.
    instances = []
    for name in wanted:
        if name.startswith("gammu-") and not sequential:
            instances += [(name, True, False), (name, False, True)]
        else:
            instances.append((name, True, True))
    sock = os.path.join(work, "sim.sock")
    devices = [os.path.join(work, f"m{i}") for i in range(len(instances))]
    links = [arg for d in devices for arg in ("--link", d)]
    sim_log = open(os.path.join(work, "sim.log"), "w")
    simproc = subprocess.Popen([binary, "sim", "--control", sock, *links, "--latency", SEND_LATENCY],
                               stdout=sim_log, stderr=subprocess.STDOUT)
    parts, errors = {}, []

    def run(i, name, paced, burst):
        sub = os.path.join(work, f"{name}-{i}")
        os.makedirs(sub, exist_ok=True)
        daemon = None
        try:
            sim = Sim(sock)
            number = sim.ask({"cmd": "modems"})["modems"][i]["number"]
            daemon = make_daemon(name, binary, sub, devices[i], faq)
            parts.setdefault(name, []).append(
                (i, measure(name, daemon, sim, str(i), number, str(i + 1), paced, burst)))
        except (Fail, SimError, RuntimeError, OSError) as e:
            errors.append(f"{name}: {e}")
            say(name, f"failed: {e}")
        finally:
            if daemon is not None:
                daemon.stop()

    alerts_output = ""
    try:
        for _ in range(100):
            if os.path.exists(sock) and all(os.path.exists(d) for d in devices):
                break
            time.sleep(0.1)
        print(f"machine: {machine()}")
        print(f"virtual modems: smsdesk sim --latency {SEND_LATENCY} (link set-up without AT+CMMS: 25 ms), "
              f"one per daemon instance; {LATENCY_MESSAGES} questions {GAP:g} s apart, a burst of {BURST}, "
              f"a 3-part Arabic text, idle {IDLE:g} s", flush=True)
        background = []
        for i, (name, paced, burst) in enumerate(instances):
            if name.startswith("gammu-") and not sequential:
                t = threading.Thread(target=run, args=(i, name, paced, burst))
                t.start()
                background.append(t)
        for i, (name, paced, burst) in enumerate(instances):
            if not name.startswith("gammu-") or sequential:
                run(i, name, paced, burst)
        if alerts_command:
            say("alerts", f"{alerts_command} (beside gammu-smsd's runs)" if background else alerts_command)
            done = subprocess.run(alerts_command, shell=True, capture_output=True, text=True)
            alerts_output = done.stdout + done.stderr
            if done.returncode != 0:
                errors.append(f"alerts: exit {done.returncode}")
            say("alerts", "done")
        for t in background:
            t.join()
        results = [merge([r for _, r in sorted(parts[n])]) for n in wanted if n in parts]
        if results:
            print()
            print(table(results))
            print()
            for r in results:
                print(f"--- {r['name']} settings")
                print(r["settings"].rstrip())
            with open(os.path.join(work, "results.json"), "w") as f:
                json.dump({"machine": machine(), "results": results}, f, indent=1, default=str)
        if alerts_output:
            print()
            print(alerts_output.rstrip())
    finally:
        stop_process(simproc, 5)
    for e in errors:
        print(f"bench: {e}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
