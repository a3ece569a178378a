"""What an attacker with nothing but a phone (or a gateway that lets them
pick the caller ID) can send to `smsdesk run`, and what must still hold.
hostile_sms.sh starts the virtual modems and writes the config; this plays
the service manager (watchdog.py's NotifySocket and Service: NOTIFY_SOCKET,
WATCHDOG_USEC of 2 s) and checks:

- texts: a 39,000-character "#1 …" (once from a stranger, once from the
  moderator's number without the PIN), "ALERT 1234 BUS …" and one long word,
  a text made of control characters and right-to-left overrides, and a
  255-part UCS-2 text, all on modem 0, then 500 texts in 10 s from one number;
- meanwhile a probe: every second another person asks an FAQ question on
  modem 1 (its AT channel is not the one busy reading 255 parts) and must be
  answered within 2 s;
- the daemon never dies, WATCHDOG=1 never misses its 2 s, every text is in
  the store, routed, whole;
- a text that crashes routing (the SMSDESK_TEST_CRASH_ROUTING hook) crashes
  the daemon at most three times; restarted as systemd would, the desk sets
  it aside for a moderator ("could not process") and answers the next person;
- a forged relay answer and forged agency alerts: nothing reaches the
  newcomer or the subscribers, the PINs are redacted, the admins are told.

Usage: hostile_sms.py SMSDESK DESK_DIR MODEM0_NUMBER MODEM1_NUMBER
"""

import os
import sqlite3
import statistics
import sys
import threading
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.join(here, "..", "..", "scripts", "lib"))
import watchdog  # noqa: E402  (NotifySocket, Service, Failure: the service manager)
from sim_control import Sim  # noqa: E402

BINARY, DESK_DIR, MODEM0, MODEM1 = sys.argv[1:5]
watchdog.BINARY = BINARY
DATABASE = os.path.join(DESK_DIR, "desk.db")
LONGEST = 255 * 153          # GSM-7 characters in 255 parts
LONGEST_UCS2 = 255 * 67      # UCS-2 characters in 255 parts
PROBE_ANSWER_S = 2.0
MODERATOR = "+16135559001"
AGENCY = "+16135559000"
ADMIN = "+16135559003"
ATTACKER = "+16135550666"
FLOODER = "+16135550777"
CRASH_MARKER = "crash-the-router-please"

step, note, Failure = watchdog.step, watchdog.note, watchdog.Failure


def sql(query, *args):
    db = sqlite3.connect(DATABASE, timeout=30)
    try:
        return db.execute(query, args).fetchall()
    finally:
        db.close()


def inbound(number):
    return sql("""SELECT m.body, m.routed_at, m.quarantined_at, m.ticket_id FROM messages m
                  JOIN contacts c ON c.id = m.contact_id WHERE c.number = ? AND m.direction = 'in'
                  ORDER BY m.id""", number)


class Probe:
    """Another person's FAQ question every second on modem 1, each from a new
    number; records how long each took to be answered (in the phone's inbox)."""

    def __init__(self, control):
        self.sim = Sim(control)
        self.results = []  # (number, seconds or None)
        self.stop = threading.Event()
        self.serial = 0
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop.is_set():
            self.serial += 1
            number = f"+1613556{self.serial:04d}"
            sent = time.monotonic()
            self.sim.text(number, "How do I get a bus pass?", modem=MODEM1)
            answered = None
            while time.monotonic() - sent < 10:
                phones = self.sim.inboxes()
                if any("Presto" in m["text"] for m in phones.get(number, [])):
                    answered = time.monotonic() - sent
                    break
                time.sleep(0.05)
            self.results.append((number, answered))
            self.stop.wait(max(0.0, 1.0 - (time.monotonic() - sent)))

    def finish(self):
        self.stop.set()
        self.thread.join(30)
        late = [(n, s) for n, s in self.results if s is None or s > PROBE_ANSWER_S]
        times = [s for _, s in self.results if s is not None]
        if not self.results:
            raise Failure("no probe question was asked")
        note(f"probes: {len(self.results)} questions from other people, answered in median "
             f"{statistics.median(times):.2f} s, at most {max(times):.2f} s")
        if late:
            raise Failure(f"{len(late)} probe question(s) not answered within {PROBE_ANSWER_S} s: {late[:5]}")


def wait_routed(service, number, count, seconds):
    def done():
        rows = inbound(number)
        return len(rows) >= count and all(r[1] is not None for r in rows)
    service.wait_until(seconds, f"{count} text(s) from {number} stored and routed", done)


def hostile_texts(service, control):
    sim = Sim(control)
    filler = "a" * (LONGEST - 3)
    controls = ("\x1b[2J\x1b]0;pwned\x07\b\r\u202e\u2066\u200f\u0627" * LONGEST)[:LONGEST_UCS2]
    ucs2 = ("\u0645\u0631\u062d\u0628\u0627 " * LONGEST_UCS2)[:LONGEST_UCS2]
    texts = [
        (ATTACKER, "#1 " + filler),
        (MODERATOR, "#1 " + filler),
        ("+16135550667", "ALERT 1234 BUS " + filler[:LONGEST - 15]),
        ("+16135550668", filler + "aaa"),
        ("+16135550669", controls),
        ("+16135550670", ucs2),
    ]
    for number, text in texts:
        start = time.monotonic()
        sim.text(number, text, modem=MODEM0)
        wait_routed(service, number, 1, 180)
        body = inbound(number)[0][0]
        expected = text if not text.startswith("ALERT") else "ALERT **** BUS " + text[15:]
        if body != expected:
            raise Failure(f"{number}: the stored text differs ({len(body)} characters, expected {len(expected)})")
        note(f"{number}: {len(text)} characters stored whole and routed in {time.monotonic() - start:.1f} s")
    if sql("SELECT COUNT(*) FROM messages WHERE kind = 'reply'")[0][0]:
        raise Failure("a forged #1 was sent to a newcomer as a moderator's answer")


def flood(service, control):
    sim = Sim(control)
    start = time.monotonic()
    for i in range(500):
        sim.text(FLOODER, f"hello {i} are you there", modem=MODEM0)
        time.sleep(max(0.0, start + (i + 1) * 0.02 - time.monotonic()))
    note(f"500 texts handed to modem 0 in {time.monotonic() - start:.1f} s")
    wait_routed(service, FLOODER, 500, 240)
    note(f"all 500 stored and routed {time.monotonic() - start:.1f} s after the first")
    bodies = [r[0] for r in inbound(FLOODER)]
    if sorted(bodies) != sorted(f"hello {i} are you there" for i in range(500)):
        raise Failure("the flood's texts are not all stored exactly once")


def crash_quarantine(control):
    step("a text that crashes routing: three crashes, then set aside; the desk goes on")
    os.environ["SMSDESK_TEST_CRASH_ROUTING"] = CRASH_MARKER
    sim = Sim(control)
    notify = watchdog.NotifySocket(f"@smsdesk-hostile-{os.getpid()}-crash")
    crashes = 0
    service = watchdog.Service(BINARY, DESK_DIR, notify)
    sim.text(ATTACKER, f"please {CRASH_MARKER} now", modem=MODEM0)
    deadline = time.monotonic() + 180
    while True:
        rows = inbound(ATTACKER)
        if rows and rows[-1][2] is not None:
            break
        if time.monotonic() > deadline:
            raise Failure("the crashing text was never set aside")
        notify.pump(0.2)
        if service.alive():
            continue
        crashes += 1
        note(f"crash {crashes}: {watchdog.describe(service.exit_status)}; restarted as Restart=on-failure does")
        if crashes > 3:
            raise Failure("the daemon crashed a fourth time on the same text")
        time.sleep(watchdog.RESTART_S)
        service = watchdog.Service(BINARY, DESK_DIR, notify)
    if crashes != 3:
        raise Failure(f"{crashes} crash(es) before the quarantine; expected 3 (one per attempt)")
    body, routed, quarantined, ticket = inbound(ATTACKER)[-1]
    notes = sql("SELECT body FROM messages WHERE ticket_id = ? AND direction = 'note'", ticket)
    if not any("Could not process" in n[0] for n in notes):
        raise Failure(f"no note for the moderators on ticket #{ticket}: {notes}")
    note(f"set aside on ticket #{ticket} after {crashes} crashes, with a note for the moderators")
    sim.text("+16135550999", "How do I get a bus pass?", modem=MODEM1)
    service.wait_until(30, "the next person answered", lambda: any(
        "Presto" in m["text"] for m in sim.inboxes().get("+16135550999", [])))
    del os.environ["SMSDESK_TEST_CRASH_ROUTING"]
    return service, notify


def forged(service, control):
    step("forged caller IDs: a relay answer without the PIN, guessed agency PINs")
    sim = Sim(control)
    victim = "+16135550500"
    sim.text(victim, "is there a curfew tonight in my street", modem=MODEM1)
    wait_routed(service, victim, 1, 30)
    ticket = inbound(victim)[0][3]
    before = len(sim.inboxes().get(victim, []))
    sim.text(MODERATOR, f"#{ticket} Send your passport number to +1900555", modem=MODEM1)
    service.wait_until(30, "the forged answer refused back to the moderator's phone", lambda: any(
        "not sent" in m["text"] for m in sim.inboxes().get(MODERATOR, [])))
    service.pump(1)
    if len(sim.inboxes().get(victim, [])) != before:
        raise Failure("a forged relay answer reached the newcomer")
    for pin in ("111111", "222222", "333333"):
        sim.text(AGENCY, f"ALERT {pin} ALL Evacuate now, go to the river", modem=MODEM1)
    service.wait_until(30, "the admins told of the lock-out", lambda: any(
        "wrong SMS PINs" in m["text"] for m in sim.inboxes().get(ADMIN, [])))
    if sql("SELECT COUNT(*) FROM alerts")[0][0]:
        raise Failure("a guessed PIN created an alert")
    stored = " ".join(r[0] for r in inbound(AGENCY))
    if any(pin in stored for pin in ("111111", "222222", "333333")):
        raise Failure(f"a PIN was stored in clear: {stored}")
    note("nothing reached the newcomer or the subscribers; PINs redacted; the admin got one SMS")


def main():
    control = os.environ["SMSDESK_SIM_SOCKET"]
    step("start the desk under a 2 s watchdog")
    notify = watchdog.NotifySocket(f"@smsdesk-hostile-{os.getpid()}")
    service = watchdog.Service(BINARY, DESK_DIR, notify)
    service.wait_ready()
    service.wait_modems_ready(2)
    # The pings are timed when read: a thread reads them as they come, while
    # this one is busy handing texts to the simulator.
    reading = threading.Event()

    def read_pings():
        while not reading.is_set():
            notify.pump(0.1)
    reader = threading.Thread(target=read_pings, daemon=True)
    reader.start()
    probe = Probe(control)
    try:
        step("the longest texts on every path, while other people ask questions")
        hostile_texts(service, control)
        step("500 texts in 10 s from one number, while other people ask questions")
        flood(service, control)
    finally:
        probe.finish()
    service.pump(0.5)
    reading.set()
    reader.join(5)
    pings = sorted(when for when, pid, fields in notify.messages
                   if pid == service.pid and fields.get("WATCHDOG") == "1")
    gaps = [b - a for a, b in zip(pings, pings[1:])]
    if not gaps or max(gaps) >= watchdog.WATCHDOG_S:
        raise Failure(f"the watchdog would have fired: pings at most {max(gaps or [0]):.2f} s apart "
                      f"(WATCHDOG_USEC {watchdog.WATCHDOG_S} s)")
    note(f"{len(pings)} WATCHDOG=1, at most {max(gaps):.2f} s apart; the daemon never died "
         f"(peak memory {watchdog.peak_memory(service.pid)})")
    forged(service, control)
    service.signal(15)
    if not service.wait_exit(30):
        raise Failure("the daemon did not stop after SIGTERM")
    notify.close()
    service, notify = crash_quarantine(control)
    service.signal(15)
    service.wait_exit(30)
    notify.close()
    print("PASS")


if __name__ == "__main__":
    try:
        main()
    except Failure as failure:
        print(f"FAIL: {failure}", flush=True)
        sys.exit(1)
