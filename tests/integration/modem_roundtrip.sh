#!/usr/bin/env bash
# smsdesk modem … against `smsdesk sim` on real pseudo-terminals: a 3-part
# Arabic text from modem 0 to modem 1 arrives intact; a virtual phone's text
# reaches `modem listen`; probe and USSD work; and under each injected fault
# (dropped response, garbage, SIM busy at boot, CMS 500 on a send, a reset
# with the port re-appearing, a hung firmware) nothing is lost and nothing
# printed twice.
# $1: the smsdesk binary.
set -euo pipefail
BIN=${1:?usage: modem_roundtrip.sh path/to/smsdesk}
DIR=$(mktemp -d)
SIM_PID=
cleanup() { [[ -n $SIM_PID ]] && kill "$SIM_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$BIN" sim --link "$DIR/m0" --link "$DIR/m1" --latency 20ms --reset-delay 500ms \
  --control "$DIR/ctl" --fault 1:sim-busy:3 > "$DIR/sim.out" 2>&1 &
SIM_PID=$!
for _ in $(seq 50); do [[ -S $DIR/ctl && -e $DIR/m1 ]] && break; sleep 0.1; done
SIM() { "$BIN" sim --control "$DIR/ctl" "$@"; }

# probe (modem 1 boots with a busy SIM: CPIN backoff)
"$BIN" modem probe --device "$DIR/m1" --timeout 30 > "$DIR/probe.json"
python3 -c "import json,sys; j=json.load(open('$DIR/probe.json')); assert j['imei'] and j['storage'], j"

TEXT=$(python3 -c "print('مرحبا، هذه رسالة طويلة لاختبار الإرسال المتعدد الأجزاء. ' * 4)")
"$BIN" modem send --device "$DIR/m0" --to +15550000002 "$TEXT" --timeout 30 > "$DIR/send.json"
python3 -c "import json; j=json.load(open('$DIR/send.json')); assert j['parts'] >= 3 and len(j['mr']) == j['parts'], j"
PARTS=$(python3 -c "import json; print(json.load(open('$DIR/send.json'))['parts'])")

# Faults while receiving: a dropped answer and garbage on modem 1.
SIM fault 1 drop 1
SIM fault 1 garbage 1
"$BIN" modem listen --device "$DIR/m1" --count "$PARTS" --timeout 60 > "$DIR/listen.out"
python3 - "$DIR/listen.out" "$TEXT" "$PARTS" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
parts = int(sys.argv[3])
seqs = sorted(l["concat"]["seq"] for l in lines)
assert seqs == list(range(1, parts + 1)), seqs          # all parts, none twice
text = "".join(l["text"] for l in sorted(lines, key=lambda l: l["concat"]["seq"]))
assert text == sys.argv[2], (text, sys.argv[2])
PY

# A virtual phone texts modem 1; a reset (port drops, comes back) happens
# while listen runs; the message arrives exactly once.
SIM text +15559990001 "Hello desk, where is the clinic?" --to +15550000002
( sleep 0.3; SIM reset 1 --delay 500ms ) &
"$BIN" modem listen --device "$DIR/m1" --count 1 --timeout 60 > "$DIR/phone.out"
wait $!
python3 -c "
import json; L=[json.loads(l) for l in open('$DIR/phone.out')]
assert len(L)==1 and L[0]['text']=='Hello desk, where is the clinic?' and L[0]['from']=='+15559990001', L"
# Nothing left behind on the modem (deleted after printing).
"$BIN" modem probe --device "$DIR/m1" --timeout 30 > "$DIR/probe2.json"
python3 -c "import json; j=json.load(open('$DIR/probe2.json')); assert all(s['used']==0 for s in j['storage']), j"

# +CMS ERROR: 500 on the first send: reported with its verdict, exit 1.
SIM fault 0 send-error 500 1
if "$BIN" modem send --device "$DIR/m0" --to +15550000002 "short" --timeout 30 2> "$DIR/err.txt"; then
  fail "send with CMS 500 succeeded"
fi
grep -q "500" "$DIR/err.txt" || fail "no CMS 500 in: $(cat "$DIR/err.txt")"
"$BIN" modem send --device "$DIR/m0" --to +15550000002 "short" --timeout 30 > /dev/null
# +CMS ERROR: 38 (network out of order, an RP cause: retry later) on the next send.
SIM fault 0 send-error 38 1
if "$BIN" modem send --device "$DIR/m0" --to +15550000099 "to nobody" --timeout 30 2> "$DIR/err38.txt"; then
  fail "send with CMS 38 succeeded"
fi
grep -q "38" "$DIR/err38.txt" || fail "no CMS 38 in: $(cat "$DIR/err38.txt")"

# USSD
"$BIN" modem ussd --device "$DIR/m0" '*100#' --timeout 30 > "$DIR/ussd.out"
python3 -c "import json; j=json.loads(open('$DIR/ussd.out').readline()); assert j['text'], j"

# Hang: the firmware stops answering while listen runs. The idle probe finds
# it, the driver reopens the port and sends AT+CFUN=1,1, the modem comes back,
# and the message that arrived during the hang is printed exactly once.
# (The "short" text sent above waits on modem 1 too: three messages in all.)
"$BIN" modem listen --device "$DIR/m1" --count 3 --timeout 90 --idle-probe 1 > "$DIR/hang.out" &
LISTEN_PID=$!
SIM text +15559990002 "before the hang" --to +15550000002
for _ in $(seq 100); do grep -q "before the hang" "$DIR/hang.out" && break; sleep 0.1; done
SIM fault 1 hang
SIM text +15559990002 "during the hang" --to +15550000002
wait $LISTEN_PID || fail "listen did not recover from the hang"
python3 -c "
import json; L=[json.loads(l) for l in open('$DIR/hang.out')]
assert [l['text'] for l in L] == ['short', 'before the hang', 'during the hang'], L"
RESETS=$(SIM modems --json | python3 -c "import json,sys; print(json.load(sys.stdin)['modems'][1]['resets'])")
[[ $RESETS -ge 2 ]] || fail "the hang was not cleared by a reset (resets: $RESETS)"

# Bad input: exit 2, one line on stderr.
set +e
"$BIN" modem probe --device "usb:zz" > /dev/null 2> "$DIR/bad.txt"; rc=$?
set -e
[[ $rc == 2 && $(wc -l < "$DIR/bad.txt") == 1 ]] || fail "bad --device: rc $rc"
echo "modem_roundtrip: ok"
