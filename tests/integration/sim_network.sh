#!/usr/bin/env bash
# `smsdesk sim` as the other tests use it: start-up faults, the CLI's control
# commands, modem-to-modem routing, a robot phone, send errors and resets, and
# a clean exit. An AT client in Python talks to the pseudo-terminals.
#   tests/integration/sim_network.sh /path/to/smsdesk
set -euo pipefail
smsdesk=${1:?usage: sim_network.sh /path/to/smsdesk}
dir=$(mktemp -d)
sim_pid=
cleanup() {
  if [[ -n $sim_pid ]]; then kill -TERM "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; cat "$dir/sim.err" >&2 || true; exit 1; }

export SMSDESK_SIM_SOCKET=$dir/sim.sock
"$smsdesk" sim --link "$dir/m0" --link "$dir/m1" --number +15551110000,+15552220000 \
  --profile zte,simcom --latency 30ms --reset-delay 300ms --fault 0:sim-busy:2 \
  >"$dir/sim.out" 2>"$dir/sim.err" &
sim_pid=$!
for _ in $(seq 50); do [[ -S $SMSDESK_SIM_SOCKET && -L $dir/m1 ]] && break; sleep 0.1; done
sim() { timeout 10 "$smsdesk" sim "$@"; }
sim modems >/dev/null || fail "no simulator"

# at.py PORT SCRIPT: runs "send:<line>" / "expect:<text>" / "sms:<number>:<text>" steps.
cat >"$dir/at.py" <<'PY'
import os, sys, time, termios, tty
port, steps = sys.argv[1], sys.argv[2:]
fd = os.open(port, os.O_RDWR | os.O_NOCTTY)
tty.setraw(fd)
buf = b""
def expect(text, timeout=5.0):
    global buf
    end = time.time() + timeout
    while text.encode() not in buf:
        if time.time() > end:
            sys.exit(f"timeout waiting for {text!r}; got {buf!r}")
        import select
        if select.select([fd], [], [], 0.1)[0]:
            buf += os.read(fd, 4096)
    buf = buf[buf.index(text.encode()) + len(text):]
def pack(text):  # GSM-7 for plain ASCII letters, digits and spaces
    bits, out, n = 0, bytearray(), 0
    for ch in text.encode():
        bits |= ch << n
        n += 7
        while n >= 8:
            out.append(bits & 0xFF); bits >>= 8; n -= 8
    if n: out.append(bits & 0xFF)
    return out
def submit(number, text):
    digits = number.lstrip("+")
    bcd = "".join((digits + "F")[i + 1] + (digits + "F")[i] for i in range(0, len(digits) - len(digits) % 2 + (len(digits) % 2) * 2, 2))
    tpdu = "0100%02X91%s0000%02X%s" % (len(digits), bcd, len(text), pack(text).hex().upper())
    return "00" + tpdu, len(tpdu) // 2
for step in steps:
    kind, _, arg = step.partition(":")
    if kind == "send":
        os.write(fd, (arg + "\r").encode())
    elif kind == "expect":
        expect(arg)
    elif kind == "sms":
        number, _, text = arg.partition(":")
        pdu, length = submit(number, text)
        os.write(fd, f"AT+CMGS={length}\r".encode())
        expect("> ")
        os.write(fd, pdu.encode() + b"\x1a")
PY
at() { timeout 20 python3 "$dir/at.py" "$@"; }

echo "== sim-busy at start, then READY"
at "$dir/m0" send:ATE0 expect:OK send:AT+CMEE=1 expect:OK \
  send:AT+CPIN? "expect:+CME ERROR: 14" send:AT+CPIN? "expect:+CME ERROR: 14" \
  send:AT+CPIN? "expect:+CPIN: READY" || fail "sim-busy"

echo "== modem to modem (ZTE URCs inside the send)"
at "$dir/m0" send:ATE0 expect:OK "sms:+15552220000:hello box two" "expect:+ZPASR" "expect:+CMGS: 0" || fail "send m0->m1"
at "$dir/m1" send:ATE0 expect:OK send:AT+CMGL=4 "expect:+CMGL: 1,0,,"  || fail "m1 did not get it"

echo "== a robot phone answers"
sim robot +33600000000 --reply "Robot says thanks" || fail "robot"
at "$dir/m1" send:ATE0 expect:OK send:AT+CMGD=1,4 expect:OK "sms:+33600000000:ping robot" \
  "expect:+CMGS: 0" 'expect:+CMTI: "SM",1' || fail "robot reply"
sim inbox +33600000000 | grep -q "ping robot" || fail "robot inbox: $(sim inbox +33600000000)"

echo "== send error injected from the CLI"
sim fault m0 send-error 500 || fail "fault"
at "$dir/m0" send:ATE0 expect:OK "sms:+4477:will fail" "expect:+CMS ERROR: 500" "sms:+4477:works again" \
  "expect:+CMGS: " || fail "send-error"
if sim fault m0 explode 2>/dev/null; then fail "bad fault accepted"; else [[ $? == 2 ]] || fail "exit code for bad input"; fi

echo "== reset from the CLI: the port goes away and comes back"
old=$(readlink "$dir/m1")
sim reset m1 --delay 400ms || fail "reset"
sleep 0.1
[[ ! -e $dir/m1 ]] || fail "the link survived the reset"
for _ in $(seq 30); do [[ -L $dir/m1 ]] && break; sleep 0.1; done
[[ -L $dir/m1 ]] || fail "the port did not come back"
at "$dir/m1" send:AT expect:OK send:AT+CPMS? 'expect:+CPMS: "SM"' || fail "after reset"
sim modems --json | python3 -c "
import json, sys
m = json.load(sys.stdin)['modems'][1]
assert m['resets'] == 1 and m['online'] and m['path'] == '$(readlink "$dir/m1")', m" || fail "modems after reset"
echo "   (was $old, now $(readlink "$dir/m1"))"

echo "== stats"
sim stats --json --modem m0 | python3 -c "
import json, sys
m = json.load(sys.stdin)['modems'][0]
kinds = [e['kind'] for e in m['events']]
assert 'cmgs' in kinds and 'cms_error' in kinds, kinds
assert m['commands']['+CPIN'] == 3, m['commands']
" || fail "stats"

echo "== no client: no CPU"
ticks() { awk '{print $14 + $15}' "/proc/$sim_pid/stat"; }
before=$(ticks); sleep 2; after=$(ticks)
(( after - before <= 5 )) || fail "idle simulator used $((after - before)) ticks in 2 s"

echo "== clean exit"
kill -TERM "$sim_pid"; wait "$sim_pid" || fail "exit status"; sim_pid=
[[ ! -e $dir/m0 && ! -e $dir/m1 && ! -e $SMSDESK_SIM_SOCKET ]] || fail "left files behind"
if timeout 10 "$smsdesk" sim stats >/dev/null 2>&1; then fail "stats without a simulator"; fi
echo PASS
