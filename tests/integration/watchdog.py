#!/usr/bin/env python3
"""Plays systemd for `smsdesk run` (smsdesk.service: Type=notify, WatchdogSec=,
Restart=on-failure) and makes its event loop hang. Run by watchdog.sh, which
starts the virtual modems and writes the config first:

    watchdog.py SMSDESK DESK_DIR MODEM_NUMBER

What systemd does, and what this does in its place (sd_notify(3),
systemd.service(5)):
- a unix datagram socket in NOTIFY_SOCKET (an abstract one, "@…", for the
  first start; a path, as systemd's /run/systemd/notify, for the restart),
  with SO_PASSCRED so that each datagram names its sender (NotifyAccess=main:
  only the main pid counts; anything else fails the test);
- WATCHDOG_USEC, and WATCHDOG_PID set to the child's own pid after fork();
- start-up fails without READY=1 within TimeoutStartSec;
- no WATCHDOG=1 for WATCHDOG_USEC: the watchdog signal (SIGABRT) and SIGCONT,
  then SIGKILL after TimeoutAbortSec, then, the service having failed, a
  restart after RestartSec;
- SIGTERM (and SIGCONT) to stop: STOPPING=1, and exit 0 within TimeoutStopSec.
The loop is made to hang with SIGSTOP: the whole process freezes, as it would
in a deadlock or a blocking call on the loop, so no timer can ping.

Then: the restarted desk answers a text that arrived while it hung and a new
one, and the store holds each text once, each answer once. And a daemon whose
WATCHDOG_PID names another process (a shell wrapper's, say) must not ping.
"""

import json
import os
import re
import resource
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import time

# Shorter than the unit's (60 s, a ping every 30 s) so that the test is quick.
WATCHDOG_USEC = 2_000_000
WATCHDOG_S = WATCHDOG_USEC / 1e6
TIMEOUT_START_S = 30  # READY=1 within this (the unit: 2 min on a Pi's SD card)
TIMEOUT_ABORT_S = 10  # after the watchdog signal, SIGKILL
TIMEOUT_STOP_S = 30   # the daemon drains sends for up to 20 s
RESTART_S = 0.5       # RestartSec= (the unit: 5 s)
SMS_WAIT_S = 40

SENDER_BEFORE = "+16135550101"  # answered before the hang
SENDER_DURING = "+16135550102"  # texts while the loop hangs
SENDER_AFTER = "+16135550103"   # texts the restarted desk
# From the Ottawa FAQ the config points at (tests/data/eval/faq-ottawa.csv);
# `smsdesk faq match` answers each automatically. Patterns are words only
# that answer has.
QUESTIONS = {
    SENDER_BEFORE: ("How do I get a bus pass?", r"Presto"),
    SENDER_DURING: ("how do i get a library card, i dont have bills with my name yet", r"Library"),
    SENDER_AFTER: ("c quoi le numero sante 811? c gratuit?", r"811"),
}


class Failure(Exception):
    pass


def step(text):
    print(f"== {text}", flush=True)


def note(text):
    print(f"   {text}", flush=True)


class NotifySocket:
    """The receiving end of sd_notify: datagrams of KEY=VALUE lines."""

    def __init__(self, address):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
        if address.startswith("@"):
            self.sock.bind("\0" + address[1:])
        else:
            self.sock.bind(address)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        self.address = address
        self.messages = []  # (monotonic time, sender pid, {key: value})

    def close(self):
        self.sock.close()
        if not self.address.startswith("@"):
            try:
                os.unlink(self.address)
            except FileNotFoundError:
                pass

    def pump(self, seconds):
        """Reads what arrives within `seconds`; returns the new messages."""
        new = []
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            self.sock.settimeout(max(left, 0.0) if left > 0 else 0.0)
            try:
                data, ancillary, _, _ = self.sock.recvmsg(4096, socket.CMSG_SPACE(struct.calcsize("3i")))
            except (socket.timeout, BlockingIOError):
                return new
            pid = None
            for level, kind, payload in ancillary:
                if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                    pid = struct.unpack("3i", payload[: struct.calcsize("3i")])[0]
            fields = {}
            for line in data.decode("utf-8", "replace").split("\n"):
                if "=" in line:
                    key, value = line.split("=", 1)
                    fields[key] = value
            message = (time.monotonic(), pid, fields)
            self.messages.append(message)
            new.append(message)


class Service:
    """One run of `smsdesk run` under the harness: the unit's main process."""

    def __init__(self, binary, desk_dir, notify, watchdog_pid_of_other=False):
        self.notify = notify
        self.started = time.monotonic()
        self.ready_at = None
        self.last_ping = None
        self.pings = []
        self.status = None
        log = open(os.path.join(desk_dir, "daemon.log"), "ab")
        log.write(f"---- smsdesk run started by watchdog.py, NOTIFY_SOCKET={notify.address} ----\n".encode())
        log.flush()
        harness_pid = os.getpid()
        config = os.path.join(desk_dir, "desk.toml")
        pid = os.fork()
        if pid == 0:  # the child: systemd's exec path, environment set after fork()
            try:
                os.chdir(desk_dir)
                devnull = os.open(os.devnull, os.O_RDONLY)
                os.dup2(devnull, 0)
                os.dup2(log.fileno(), 1)
                os.dup2(log.fileno(), 2)
                # SIGABRT dumps core: not into the test's directory.
                resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
                env = dict(os.environ)
                env.pop("JOURNAL_STREAM", None)
                env["NOTIFY_SOCKET"] = notify.address
                env["WATCHDOG_USEC"] = str(WATCHDOG_USEC)
                env["WATCHDOG_PID"] = str(harness_pid if watchdog_pid_of_other else os.getpid())
                os.execve(binary, [binary, "run", "--config", config], env)
            finally:
                os._exit(127)
        log.close()
        self.pid = pid
        self.exit_status = None
        with open(os.path.join(desk_dir, "daemon.pid"), "w") as f:
            f.write(f"{pid}\n")

    def alive(self):
        if self.exit_status is not None:
            return False
        done, status = os.waitpid(self.pid, os.WNOHANG)
        if done == 0:
            return True
        self.exit_status = status
        return False

    def wait_exit(self, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if not self.alive():
                return True
            self.notify.pump(0.05)
        return not self.alive()

    def pump(self, seconds):
        for when, pid, fields in self.notify.pump(seconds):
            if pid != self.pid:
                raise Failure(f"a notification from pid {pid}, not the main pid {self.pid} "
                              f"(NotifyAccess=main would drop it): {fields}")
            if fields.get("READY") == "1" and self.ready_at is None:
                self.ready_at = when
            if fields.get("WATCHDOG") == "1":
                self.pings.append(when)
                self.last_ping = when
            if "STATUS" in fields:
                self.status = fields["STATUS"]
                note(f"STATUS={self.status}")
        if self.exit_status is None and not self.alive():
            raise Failure(f"the daemon exited on its own: {describe(self.exit_status)}")

    def wait_until(self, seconds, what, predicate):
        deadline = time.monotonic() + seconds
        while not predicate():
            if time.monotonic() >= deadline:
                raise Failure(f"not within {seconds} s: {what} (last STATUS: {self.status!r})")
            self.pump(0.1)

    def wait_ready(self):
        self.wait_until(TIMEOUT_START_S, "READY=1 (systemd would fail the start)", lambda: self.ready_at is not None)
        note(f"READY=1 {self.ready_at - self.started:.2f} s after the start")

    def wait_modems_ready(self, count):
        pattern = re.compile(rf"\b{count}/{count} modems? ready\b")
        self.wait_until(30, f"STATUS says {count}/{count} modems ready",
                        lambda: self.status is not None and pattern.search(self.status))

    def check_pings(self, seconds):
        """Watches for `seconds`: pings come, never more than WATCHDOG_USEC apart."""
        since = time.monotonic()
        self.pump(seconds)
        recent = [t for t in self.pings if t >= since]
        if len(recent) < 2:
            raise Failure(f"{len(recent)} WATCHDOG=1 in {seconds} s with WATCHDOG_USEC={WATCHDOG_USEC}")
        gaps = [b - a for a, b in zip([since] + recent, recent + [time.monotonic()])]
        if max(gaps) >= WATCHDOG_S:
            raise Failure(f"a gap of {max(gaps):.2f} s between pings (WATCHDOG_USEC is {WATCHDOG_S} s)")
        note(f"{len(recent)} WATCHDOG=1 in {seconds:.0f} s, at most {max(gaps):.2f} s apart")

    def signal(self, number):
        os.kill(self.pid, number)


def describe(status):
    if status is None:
        return "running"
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.WEXITSTATUS(status)}"


def peak_memory(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return " ".join(line.split()[1:])
    except OSError:
        pass
    return "unknown"


def sim(*args):
    result = subprocess.run([BINARY, "sim", *args], capture_output=True, text=True, timeout=20)
    if result.returncode != 0:
        raise Failure(f"smsdesk sim {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout


def text(sender):
    sim("text", sender, QUESTIONS[sender][0], "--to", MODEM_NUMBER)


def inbox(number):
    return json.loads(sim("inbox", number, "--json"))["messages"]


def wait_for_answer(service, number):
    pattern = re.compile(QUESTIONS[number][1])
    deadline = time.monotonic() + SMS_WAIT_S
    while time.monotonic() < deadline:
        got = [m for m in inbox(number) if m["state"] == "delivered" and pattern.search(m["text"])]
        if got:
            return got
        service.pump(0.3)
    raise Failure(f"no answer matching /{pattern.pattern}/ reached {number} within {SMS_WAIT_S} s: {inbox(number)}")


def sql(query):
    db = sqlite3.connect(DATABASE, timeout=30)
    try:
        return db.execute(query).fetchall()
    finally:
        db.close()


def check_store(service):
    """Each text stored and routed once; each answered once; nothing left to send."""
    def settled():
        pending = sql("SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')")[0][0]
        routed = all(sql(f"""SELECT COUNT(*), COUNT(m.routed_at) FROM messages m
                             JOIN contacts c ON c.id = m.contact_id
                             WHERE c.number = '{n}' AND m.direction = 'in'""")[0] == (1, 1)
                     for n in QUESTIONS)
        return pending == 0 and routed
    service.wait_until(30, "every text stored once and routed, the outbox drained", settled)
    service.pump(2)  # a duplicate, if any, would be queued by now
    for number in QUESTIONS:
        stored = sql(f"""SELECT COUNT(*) FROM messages m JOIN contacts c ON c.id = m.contact_id
                         WHERE c.number = '{number}' AND m.direction = 'in'""")[0][0]
        replies = sql(f"SELECT COUNT(*) FROM outbox WHERE to_number = '{number}'")[0][0]
        received = len(inbox(number))
        if (stored, replies, received) != (1, 1, 1):
            raise Failure(f"{number}: {stored} text(s) stored, {replies} repl(y/ies) queued, "
                          f"{received} SMS received; expected 1 each")
    note(f"store: {len(QUESTIONS)} texts, each stored once, routed and answered once")


def stop(service):
    """systemctl stop: SIGTERM and SIGCONT; STOPPING=1; exit 0 within TimeoutStopSec."""
    note(f"peak memory: {peak_memory(service.pid)} (the unit's MemoryMax=256M)")
    stopping = time.monotonic()
    service.signal(signal.SIGTERM)
    service.signal(signal.SIGCONT)
    deadline = stopping + TIMEOUT_STOP_S
    while time.monotonic() < deadline and service.alive():
        service.notify.pump(0.05)
    service.notify.pump(0.1)
    said_stopping = any(f.get("STOPPING") == "1" for t, _, f in service.notify.messages if t >= stopping)
    if service.alive():
        service.signal(signal.SIGKILL)
        service.wait_exit(5)
        raise Failure(f"no exit within {TIMEOUT_STOP_S} s of SIGTERM (systemd would SIGKILL)")
    if not said_stopping:
        raise Failure("no STOPPING=1 before the exit")
    if not (os.WIFEXITED(service.exit_status) and os.WEXITSTATUS(service.exit_status) == 0):
        raise Failure(f"after SIGTERM: {describe(service.exit_status)}, expected exit status 0")
    note(f"STOPPING=1, then exit status 0, {time.monotonic() - stopping:.2f} s after SIGTERM")


def run():
    step(f"start under a watchdog: NOTIFY_SOCKET=@… (abstract), WATCHDOG_USEC={WATCHDOG_USEC}, WATCHDOG_PID=its pid")
    first = Service(BINARY, DESK_DIR, NotifySocket(f"@smsdesk-watchdog-test-{os.getpid()}"))
    current = first
    try:
        first.wait_ready()
        if first.status is None:
            raise Failure("no STATUS= line with READY=1")
        first.wait_modems_ready(MODEMS)
        first.check_pings(3 * WATCHDOG_S)

        step("a text answered before the hang")
        text(SENDER_BEFORE)
        wait_for_answer(first, SENDER_BEFORE)
        note(f"{SENDER_BEFORE} got the FAQ answer")

        step("the loop hangs (SIGSTOP); a text arrives meanwhile; the watchdog fires")
        first.pump(0)
        first.signal(signal.SIGSTOP)
        stopped_at = time.monotonic()
        text(SENDER_DURING)
        # systemd's check: no WATCHDOG=1 for WATCHDOG_USEC since the last one.
        while time.monotonic() - first.last_ping <= WATCHDOG_S:
            if time.monotonic() - stopped_at > 3 * WATCHDOG_S:
                raise Failure("pings went on while the process was stopped")
            first.pump(0.05)
        note(f"no WATCHDOG=1 for {WATCHDOG_S} s: watchdog timeout {time.monotonic() - stopped_at:.2f} s "
             "after SIGSTOP")
        # systemd: WatchdogSignal= (SIGABRT) and SIGCONT so that a stopped
        # process gets it; SIGKILL after TimeoutAbortSec.
        killed_at = time.monotonic()
        first.signal(signal.SIGABRT)
        first.signal(signal.SIGCONT)
        if not first.wait_exit(TIMEOUT_ABORT_S):
            first.signal(signal.SIGKILL)
            if not first.wait_exit(5):
                raise Failure("the daemon survived SIGKILL")
        note(f"{describe(first.exit_status)} {time.monotonic() - killed_at:.2f} s after SIGABRT")
        if not (os.WIFSIGNALED(first.exit_status) and os.WTERMSIG(first.exit_status) in (signal.SIGABRT, signal.SIGKILL)):
            raise Failure(f"expected death by SIGABRT (or SIGKILL), got {describe(first.exit_status)}")
        first.notify.close()

        step(f"Restart=on-failure after {RESTART_S} s: NOTIFY_SOCKET=a path, as systemd's")
        time.sleep(RESTART_S)
        second = Service(BINARY, DESK_DIR, NotifySocket(os.path.join(DESK_DIR, "notify.sock")))
        current = second
        second.wait_ready()
        note(f"back {second.ready_at - killed_at:.2f} s after the watchdog's SIGABRT")
        second.wait_modems_ready(MODEMS)
        second.check_pings(2 * WATCHDOG_S)

        step("the restarted desk answers the text that arrived during the hang, and a new one")
        wait_for_answer(second, SENDER_DURING)
        note(f"{SENDER_DURING} (texted during the hang) got the FAQ answer")
        text(SENDER_AFTER)
        wait_for_answer(second, SENDER_AFTER)
        note(f"{SENDER_AFTER} got the FAQ answer")
        check_store(second)

        step("systemctl stop: SIGTERM")
        stop(second)
        second.notify.close()

        step("WATCHDOG_PID names another process: READY=1, but no WATCHDOG=1")
        third = Service(BINARY, DESK_DIR, NotifySocket(f"@smsdesk-watchdog-test-{os.getpid()}-other"),
                        watchdog_pid_of_other=True)
        current = third
        third.wait_ready()
        third.pump(2 * WATCHDOG_S)
        if third.pings:
            raise Failure(f"{len(third.pings)} WATCHDOG=1 although WATCHDOG_PID={os.getpid()} is not the daemon")
        note(f"no WATCHDOG=1 in {2 * WATCHDOG_S:.0f} s")
        stop(third)
        third.notify.close()
    finally:
        if current.exit_status is None:
            try:
                os.kill(current.pid, signal.SIGKILL)
                os.waitpid(current.pid, 0)
            except ProcessLookupError:
                pass


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: watchdog.py SMSDESK DESK_DIR MODEM_NUMBER MODEMS")
    BINARY, DESK_DIR, MODEM_NUMBER = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    MODEMS = int(sys.argv[4])
    DATABASE = os.path.join(DESK_DIR, "desk.db")
    try:
        run()
    except Failure as failure:
        print(f"FAIL: {failure}", file=sys.stderr)
        sys.exit(1)
