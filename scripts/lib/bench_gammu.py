"""Debian's gammu-smsd as a baseline auto-responder, for scripts/bench.

gammu-smsd (package gammu-smsd, 1.42 on Debian 12) runs in the foreground on a
modem (real or `smsdesk sim`) with the FILES backend; a RunOnReceive hook
queues one automatic reply (REPLY_TEXT) per received message to its sender.

    g = GammuSmsd(work_dir, device="/tmp/x/m0", preset="fastest")
    g.start()            # returns when gammu-smsd has finished its init
    ... text it, watch the simulator ...
    g.replies_queued()   # replies the hook has queued so far
    g.stop()

How gammu-smsd works, as far as the benchmark is concerned (smsd/core.c,
gammu-smsdrc(5)):

- It POLLS. It sets AT+CNMI=2,1,0,2,0, so the modem sends +CMTI, but the URC
  only sits in the tty buffer until gammu's next AT command; SMSD's callback
  ignores everything but status reports ("SMSD uses polling to read messages
  from MT memory"). Every ReceiveFrequency seconds (and after each sent SMS)
  it asks AT+CPMS="SM","SM" and AT+CPMS="ME","ME" (plus AT+CPIN? when
  CheckSecurity=1) and, if anything is stored, reads all with AT+CMGL, links
  the parts, writes inbox files, runs the hook, deletes with AT+CMGD.
- The main loop sleeps LoopSleep (integer seconds) per round; the outbox is
  scanned every round only if the last scan found something or CommTimeout
  seconds have passed since it was last found empty.
- Before EVERY sent part it refreshes the phone status (AT+CBC, AT+CSQ and
  the network info: AT+CREG=2, AT+CGREG=2, AT+CGATT?, ...) when CheckBattery/
  CheckSignal/CheckNetwork are on; StatusFrequency does the same periodically.
- It waits for the hook (up to two minutes) before doing anything else, so the
  hook may write the outbox file in place: the daemon cannot read it half
  written. For a multipart message it passes all part files in one call
  (gammu-smsd-run(7)); SMS_1_NUMBER is the sender.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

GAMMU_SMSD = "gammu-smsd"
GAMMU_SMSD_MONITOR = "gammu-smsd-monitor"
GAMMU_SMSD_INJECT = "gammu-smsd-inject"

# Single part, GSM-7 only (no characters from the extension table), 78 chars.
REPLY_TEXT = "Thank you, we received your message. A moderator will answer by Monday 17:00."

# [smsd] settings per preset. Service, paths, logging and RunOnReceive are set
# by GammuSmsd itself. Quotes are from gammu-smsdrc(5) of gammu 1.42.
PRESETS: dict[str, dict[str, str]] = {
    # Debian's /etc/gammu-smsdrc sets only Service = files, LogFile = syslog,
    # DebugLevel = 0 and the four spool paths; everything else is gammu-smsd's
    # compiled-in default, which its own startup log prints as: CommTimeout=30,
    # SendTimeout=30, ReceiveFrequency=15, ResetFrequency=0,
    # HardResetFrequency=0, CheckSecurity=1, CheckBattery=1, CheckSignal=1,
    # CheckNetwork=1 (and LoopSleep=1, StatusFrequency=60,
    # MultipartTimeout=600, DeliveryReport=no). So nothing is written here.
    "shipped": {},
    "fastest": {
        # "LoopSleep: The number of seconds how long will SMSD sleep before
        # checking for some activity ... Setting this to 0 disables sleeping.
        # Please note this might cause Gammu to consume quite a lot of CPU
        # power as it will effectively do busy loop." It is an integer, so 1
        # is the shortest sleep that is not a documented busy loop (and the
        # default). 0 is the "busy" preset below.
        "LoopSleep": "1",
        # "ReceiveFrequency: The number of seconds between testing for
        # received SMSes" (default 15): 0 = test on every loop round.
        "ReceiveFrequency": "0",
        # "CommTimeout: How many seconds should SMSD wait after there is no
        # message in outbox before scanning it again. Default is 30." 0 = scan
        # the outbox (a directory listing, no AT command) every round, so a
        # reply the hook queued goes out in the same round.
        "CommTimeout": "0",
        # "StatusFrequency: ... refreshing phone status (battery, signal) ...
        # Use 0 to disable. You might want to increase this for higher
        # throughput."
        "StatusFrequency": "0",
        # "CheckSecurity: Whether to check if phone wants to enter PIN."
        # The SIM has no PIN; 1 costs an AT+CPIN? on every receive poll.
        "CheckSecurity": "0",
        # "CheckBattery / CheckSignal: Whether to check phone battery state /
        # signal level periodically." and "CheckNetwork: Whether to check
        # network status periodically." gammu-smsd also runs these checks
        # before every part it sends (core.c SMSD_SendSMS -> SMSD_PhoneStatus):
        # 0 saves AT+CBC, AT+CSQ and the AT+CREG/CGREG/CGATT round per reply.
        "CheckBattery": "0",
        "CheckSignal": "0",
        "CheckNetwork": "0",
        # "ResetFrequency ... HardResetFrequency: Default is 0 (not used)."
        # Preventive resets only cost time; written out to make that explicit.
        "ResetFrequency": "0",
        "HardResetFrequency": "0",
        # "MultipartTimeout: The number of seconds how long will SMSD wait for
        # all parts of multipart message. If all parts won't arrive in time,
        # parts will be processed as separate messages. Default is 600."
        # It never delays a complete message, and a lower value would answer
        # a late part twice: left at the default.
        "MultipartTimeout": "600",
        # "DeliveryReport: ... no: no delivery reports. Default is no."
        # Reports would add a +CDS/+CDSI, a read and a delete per reply.
        "DeliveryReport": "no",
        # "HangupCalls ... Default is 0": no call handling (no AT+CLIP/CHUP).
        "HangupCalls": "0",
    },
}
# "busy": fastest with LoopSleep = 0, which the documentation allows but warns
# is a busy loop (measured: tens of AT commands per second while idle).
PRESETS["busy"] = dict(PRESETS["fastest"], LoopSleep="0")

# The RunOnReceive hook. gammu-smsd runs it through /bin/sh with the inbox file
# names appended (all parts of a multipart message in one call); SMS_1_NUMBER
# is the sender (gammu-smsd-run(7)). One outbox file per call, named the way
# gammu-smsd-files(7) documents, OUT<priority><date>_<time>_<serial>_
# <recipient>_<note>.txt, with date/time/serial taken from the first inbox
# file (unique per message) and the PID as note: "C" is the priority
# gammu-smsd-inject uses. Shell built-ins only, no fork besides the shell.
_HOOK_FILE = """#!/bin/sh
# gammu-smsd RunOnReceive hook: queue one automatic reply per received message.
n=$SMS_1_NUMBER
case $n in ''|*[!+0-9]*) exit 0;; esac   # no reply to alphanumeric senders
x=${{1#IN}}; d=${{x%%_*}}; x=${{x#*_}}; t=${{x%%_*}}; x=${{x#*_}}; s=${{x%%_*}}
printf '%s' '{reply}' >'{outbox}OUTC'"${{d}}_${{t}}_${{s}}_${{n}}_$$.txt" || exit 1
echo "$n $#" >>'{log}'
"""

# The same through gammu-smsd-inject, the documented way to queue a message
# (it writes OUTC<date>_<time>_00_<number>_sms<N>.smsbackup, N < 100 per number
# and second). Measured: 17 ms per call against 4.5 ms for the file hook (200
# calls through /bin/sh -c, 2-core VM); either is small next to gammu-smsd's
# one-second loop. Select with GammuSmsd(..., hook="inject").
_HOOK_INJECT = """#!/bin/sh
# gammu-smsd RunOnReceive hook: queue one automatic reply per received message.
n=$SMS_1_NUMBER
case $n in ''|*[!+0-9]*) exit 0;; esac   # no reply to alphanumeric senders
{inject} -c '{config}' TEXT "$n" -text '{reply}' >/dev/null 2>&1 || exit 1
echo "$n $#" >>'{log}'
"""


class GammuSmsd:
    """One gammu-smsd process on one modem device, FILES backend, auto-reply hook.

    work_dir (created and owned by the caller) receives: smsdrc, hook.sh,
    inbox/ outbox/ sent/ error/, smsd.log (gammu-smsd's log), smsd.out (its
    stdout/stderr) and replies.log (one line "NUMBER NFILES" per queued reply).

    debug=True logs everything (DebugLevel 255, LogFormat textall: every AT
    line); the default (DebugLevel 0) logs only notices and errors.
    hook="file" (default) writes the outbox file from the shell; hook="inject"
    calls gammu-smsd-inject instead.
    """

    def __init__(self, work_dir: str, device: str, preset: str, *, debug: bool = False, hook: str = "file"):
        if preset not in PRESETS:
            raise ValueError(f"unknown preset {preset!r}; one of {', '.join(PRESETS)}")
        if hook not in ("file", "inject"):
            raise ValueError("hook must be 'file' or 'inject'")
        if "'" in REPLY_TEXT:
            raise ValueError("REPLY_TEXT must not contain a single quote (shell quoting)")
        self.work_dir = os.path.abspath(work_dir)
        self.device = device
        self.preset = preset
        self.debug = debug
        self.hook = hook
        self.config_path = os.path.join(self.work_dir, "smsdrc")
        self.hook_path = os.path.join(self.work_dir, "hook.sh")
        self.log_path = os.path.join(self.work_dir, "smsd.log")
        self.out_path = os.path.join(self.work_dir, "smsd.out")
        self.replies_path = os.path.join(self.work_dir, "replies.log")
        self.dirs = {k: os.path.join(self.work_dir, k) + "/" for k in ("inbox", "outbox", "sent", "error")}
        self._proc: subprocess.Popen | None = None
        self._out = None

    # -- configuration -------------------------------------------------------

    def settings_text(self) -> str:
        """The exact [gammu] + [smsd] configuration gammu-smsd runs with."""
        lines = [
            "[gammu]",
            f"device = {self.device}",
            "connection = at",
        ]
        if self.debug:
            lines.append("logformat = textall")
        lines += [
            "",
            "[smsd]",
            "service = files",
            f"logfile = {self.log_path}",
            f"debuglevel = {255 if self.debug else 0}",
            f"inboxpath = {self.dirs['inbox']}",
            f"outboxpath = {self.dirs['outbox']}",
            f"sentsmspath = {self.dirs['sent']}",
            f"errorsmspath = {self.dirs['error']}",
            f"runonreceive = {self.hook_path}",
        ]
        preset = PRESETS[self.preset]
        if preset:
            lines.append(f"# preset {self.preset}")
            lines += [f"{k} = {v}" for k, v in preset.items()]
        else:
            lines.append(f"# preset {self.preset}: gammu-smsd's defaults for everything else")
        return "\n".join(lines) + "\n"

    def _hook_text(self) -> str:
        if self.hook == "file":
            return _HOOK_FILE.format(reply=REPLY_TEXT, outbox=self.dirs["outbox"], log=self.replies_path)
        return _HOOK_INJECT.format(reply=REPLY_TEXT, inject=GAMMU_SMSD_INJECT, config=self.config_path,
                                   log=self.replies_path)

    def _write_files(self) -> None:
        os.makedirs(self.work_dir, exist_ok=True)
        for d in self.dirs.values():
            os.makedirs(d, exist_ok=True)
        with open(self.config_path, "w", encoding="utf-8") as f:
            f.write(self.settings_text())
        with open(self.hook_path, "w", encoding="utf-8") as f:
            f.write(self._hook_text())
        os.chmod(self.hook_path, 0o755)
        open(self.replies_path, "a").close()

    # -- process -------------------------------------------------------------

    @property
    def pid(self) -> int:
        if self._proc is None:
            raise RuntimeError("gammu-smsd is not started")
        return self._proc.pid

    def _log_tail(self, n: int = 40) -> str:
        out = []
        for path in (self.out_path, self.log_path):
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    tail = f.readlines()[-n:]
            except OSError:
                continue
            out.append(f"--- {path}\n" + "".join(tail))
        return "\n".join(out)

    def _monitor(self) -> dict[str, str]:
        """gammu-smsd's shared-memory status (gammu-smsd-monitor), {} if none yet."""
        try:
            r = subprocess.run([GAMMU_SMSD_MONITOR, "-c", self.config_path, "-n", "1", "-d", "0"],
                               capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            return {}
        if r.returncode != 0:
            return {}
        status = {}
        for line in r.stdout.splitlines():
            key, sep, value = line.partition(": ")
            if sep:
                status[key.strip()] = value.strip()
        return status

    def start(self, timeout: float = 60) -> None:
        """Start gammu-smsd in the foreground and wait until it is ready.

        Ready: its shared memory shows the SIM's IMSI (read at the end of the
        init sequence, after AT+CNMI; a message stored from then on is picked
        up by the next poll), then SETTLE more seconds so that the first loop
        round (security/status checks, first AT+CPMS poll, AT+CMMS=2) is over
        before the caller starts counting idle AT commands.
        """
        if self._proc is not None:
            raise RuntimeError("already started")
        if not os.path.exists(self.device):
            raise RuntimeError(f"no such device {self.device}")
        self._write_files()
        self._out = open(self.out_path, "ab")
        # No --daemon: the PID is gammu-smsd itself.
        self._proc = subprocess.Popen([GAMMU_SMSD, "-c", self.config_path],
                                      stdin=subprocess.DEVNULL, stdout=self._out, stderr=subprocess.STDOUT,
                                      cwd=self.work_dir)
        deadline = time.monotonic() + timeout
        while True:
            if self._proc.poll() is not None:
                rc = self._proc.returncode
                self._proc = None
                raise RuntimeError(f"gammu-smsd exited with {rc} during start\n{self._log_tail()}")
            if self._monitor().get("IMSI"):
                break
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"gammu-smsd not ready after {timeout:.0f} s\n{self._log_tail()}")
            time.sleep(0.2)
        time.sleep(self.SETTLE)
        if self._proc.poll() is not None:
            rc = self._proc.returncode
            self._proc = None
            raise RuntimeError(f"gammu-smsd exited with {rc} after init\n{self._log_tail()}")

    SETTLE = 3.0

    def replies_queued(self) -> int:
        """How many replies the hook has queued so far (one line each)."""
        try:
            with open(self.replies_path, "rb") as f:
                return f.read().count(b"\n")
        except FileNotFoundError:
            return 0

    def stop(self) -> None:
        """SIGTERM, wait up to 10 s, then SIGKILL."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self._out is not None:
            self._out.close()
            self._out = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
