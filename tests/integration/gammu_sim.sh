#!/usr/bin/env bash
# Acceptance test of `smsdesk sim` with a real, independent AT client: Debian's
# gammu must not be able to tell the virtual modem from a real one.
#   tests/integration/gammu_sim.sh /path/to/smsdesk
set -euo pipefail
smsdesk=${1:?usage: gammu_sim.sh /path/to/smsdesk}
command -v gammu >/dev/null || { echo "SKIP: gammu is not installed"; exit 0; }

dir=$(mktemp -d)
sim_pid=
cleanup() {
  if [[ -n $sim_pid ]]; then kill -TERM "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; [[ -f $dir/gammu.log ]] && tail -40 "$dir/gammu.log" >&2; exit 1; }

export SMSDESK_SIM_SOCKET=$dir/sim.sock
"$smsdesk" sim --link "$dir/modem0" --link "$dir/modem1" --profile generic,huawei \
  --latency 50ms >"$dir/sim.out" 2>"$dir/sim.err" &
sim_pid=$!
for _ in $(seq 50); do [[ -S $SMSDESK_SIM_SOCKET && -L $dir/modem1 ]] && break; sleep 0.1; done
[[ -S $SMSDESK_SIM_SOCKET ]] || fail "the simulator did not start: $(cat "$dir/sim.err")"
grep -q "^modem0 /dev/pts/.* link $dir/modem0 number +15550000001 " "$dir/sim.out" || fail "banner: $(cat "$dir/sim.out")"

sim() { timeout 10 "$smsdesk" sim "$@"; }
phone=+447700900123

for modem in modem0 modem1; do
  rc=$dir/gammurc-$modem
  printf '[gammu]\ndevice = %s\nconnection = at\nlogfile = %s\nlogformat = textall\n' \
    "$dir/$modem" "$dir/gammu.log" >"$rc"
  g() { timeout 60 gammu -c "$rc" "$@"; }
  number=$(sim modems --json | python3 -c "import json,sys; print([m['number'] for m in json.load(sys.stdin)['modems'] if m['name']=='$modem'][0])")

  echo "== $modem ($number): identify"
  out=$(g identify) || fail "identify"
  grep -q "IMEI *: 35693803" <<<"$out" || fail "identify: $out"
  grep -q "SIM IMSI *: 00101" <<<"$out" || fail "identify: $out"

  echo "== $modem: getallsms shows messages put in through the control socket"
  sim text +491701234567 "Hello from a phone" --to "$modem" >/dev/null
  sim text InfoSMS "Your code is 1234" --to "$modem" >/dev/null
  sim text 7726 "Kurzwahl: Ihr Guthaben beträgt 5 €" --to "$modem" >/dev/null
  sim text +33612345678 "$(printf 'part%.0s ' {1..60})" --to "$modem" --shuffle >/dev/null
  sleep 0.3
  out=$(g getallsms) || fail "getallsms"
  grep -q "Hello from a phone" <<<"$out" || fail "getallsms: $out"
  grep -q '"InfoSMS"' <<<"$out" || fail "alphanumeric sender: $out"
  grep -q "Ihr Guthaben beträgt 5 €" <<<"$out" || fail "short code / euro: $out"
  grep -q "5 SMS parts in 5 SMS sequences" <<<"$out" || fail "part count: $out"

  echo "== $modem: deleteallsms 1"
  g deleteallsms 1 >/dev/null || fail "deleteallsms"
  out=$(g getallsms) || fail "getallsms after delete"
  grep -q "0 SMS parts in 0 SMS sequences" <<<"$out" || fail "not deleted: $out"

  echo "== $modem: sendsms GSM-7, UCS-2 (Arabic), 400 characters"
  gsm="Hello from $modem: @£\$¥ {curly} [brackets] ~ €"
  arabic="مرحبا، كيف يمكنني مساعدتك؟ $modem"
  long="$modem $(python3 -c "print(''.join(chr(65 + i % 26) for i in range(400)))")"
  g sendsms TEXT "$phone" -text "$gsm" >/dev/null || fail "sendsms gsm"
  g sendsms TEXT "$phone" -unicode -text "$arabic" >/dev/null || fail "sendsms unicode"
  g sendsms TEXT "$phone" -len 410 -text "$long" >/dev/null || fail "sendsms multipart"

  echo "== $modem: getussd *100#"
  sim ussd-balance "$modem" "7.25 EUR" >/dev/null
  out=$(g getussd '*100#') || fail "getussd"
  grep -q 'Service reply *: "Your balance is 7.25 EUR' <<<"$out" || fail "ussd: $out"

  echo "== $modem: the phone's inbox holds exactly what gammu sent"
  sim inbox "$phone" --json >"$dir/inbox.json"
  python3 - "$dir/inbox.json" "$number" "$gsm" "$arabic" "$long" <<'PY' || fail "inbox: $(cat "$dir/inbox.json")"
import json, sys
inbox = json.load(open(sys.argv[1]))
number, want = sys.argv[2], sys.argv[3:]
got = [m for m in inbox["messages"] if m["from"] == number]
texts = [m["text"] for m in got]
assert texts == want, (texts, want)
assert all(m["state"] == "delivered" for m in got), got
assert got[2]["parts_total"] == 3, got[2]
PY
done

echo "== stats"
sim stats --json | python3 -c "
import json, sys
s = json.load(sys.stdin)
m = s['modems'][0]
assert m['commands']['+CMGS'] == 5, m['commands']
kinds = [e['kind'] for e in m['events']]
assert kinds.count('cmgs') == 5 and kinds.count('cmti') == 5, kinds
" || fail "stats"

kill -TERM "$sim_pid"
wait "$sim_pid" || fail "the simulator did not exit cleanly"
sim_pid=
[[ ! -e $dir/modem0 && ! -e $SMSDESK_SIM_SOCKET ]] || fail "links or socket left behind"
echo "PASS"
