#!/usr/bin/env bash
# Alerts end to end (issue 7): 3 virtual modems, 500 subscribers in Arabic,
# French and English, one alert. Mid-job one modem is reset and then the
# daemon is killed with SIGKILL and restarted. Afterwards every subscriber
# must hold exactly one copy in their language (duplicates only within the
# in-flight bound: one per modem at the kill, one for the reset), no one
# left out, the job done, and the delivery reports tallied on the alert.
# Also: the preview, cancel, a STOP that cancels a queued copy, an agency
# phone's ALERT by SMS with its PIN, a wrong PIN and a stranger's ALERT.
#
# Usage: alerts.sh SMSDESK
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/desk_env.sh
source "$here/lib/desk_env.sh"
desk_env_init "$1"
trap desk_env_exit EXIT

SUBSCRIBERS=500
DESK_SIM_LATENCY=100ms desk_sim_start 3 --reset-delay 2s
desk_write_config '[topics.bus]' 'names = { fr = "autobus", ar = "الباص" }' '[topics.storm]' \
  '[alerts]' 'quiet_hours = "none"' 'fallback_language = "en"'
cfg=(--config "$DESK_DIR/desk.toml")

desk_step "import $SUBSCRIBERS subscribers in 3 languages"
python3 - "$DESK_DIR/subscribers.csv" "$SUBSCRIBERS" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
langs = ["ar", "fr", "en"]
with open(path, "w") as f:
    f.write("number,lang,topics\n")
    for i in range(n):
        f.write(f"+1613555{i:04d},{langs[i % 3]},bus\n")
PY
"$DESK_BIN" subscribers import "${cfg[@]}" "$DESK_DIR/subscribers.csv" | grep -q "imported $SUBSCRIBERS number"
"$DESK_BIN" subscribers list "${cfg[@]}" --topic bus | grep -Eq "^bus +$SUBSCRIBERS "

desk_step "a broken subscriber list is refused whole"
printf 'number,lang,topics\n+16135550001,fr,bus\nnot-a-number,fr,bus\n' >"$DESK_DIR/bad.csv"
set +e
out=$("$DESK_BIN" subscribers import "${cfg[@]}" "$DESK_DIR/bad.csv" 2>&1)
code=$?
set -e
((code == 2)) || desk_fail "a bad CSV should exit 2, got $code: $out"
grep -q 'bad.csv:3: "not-a-number" is not a phone number' <<<"$out" || desk_fail "unclear error: $out"

AR='تنبيه: لا توجد حافلات مدرسية اليوم بسبب العاصفة الثلجية.'
FR="Alerte : pas d'autobus scolaires aujourd'hui à cause de la tempête de neige."
EN='Alert: no school buses today because of the snow storm.'

desk_step "preview: per language encoding, SMS and recipients"
preview=$("$DESK_BIN" alert preview "${cfg[@]}" --topic bus --text "ar=$AR" --text "fr=$FR" --text "en=$EN" --json)
python3 - "$preview" "$SUBSCRIBERS" <<'PY'
import json, sys
p, n = json.loads(sys.argv[1]), int(sys.argv[2])
assert p["ok"], p
assert p["recipients"] == n, p
by = {t["lang"]: t for t in p["texts"]}
assert by["ar"]["encoding"] == "UCS-2" and by["en"]["encoding"] == "GSM-7", by
assert by["fr"]["encoding"] == "UCS-2", by  # "à" is GSM-7, "ê" is not
assert sum(t["recipients"] for t in p["texts"]) == n, p
PY

desk_daemon_start
"$DESK_BIN" alert preview "${cfg[@]}" --topic bus --text "en=$EN" | grep -q "modems ready: 3" ||
  desk_fail "the preview does not see the 3 modems of the running daemon"

desk_step "send the alert; reset modem 1 and kill the daemon while it goes out"
"$DESK_BIN" alert send "${cfg[@]}" --topic bus --text "ar=$AR" --text "fr=$FR" --text "en=$EN" --yes \
  >"$DESK_DIR/send.out"
id=$(sed -n 's/^alert #\([0-9]*\) created$/\1/p' "$DESK_DIR/send.out")
[[ -n $id ]] || desk_fail "no alert id in: $(cat "$DESK_DIR/send.out")"

sent_count() { desk_sql "SELECT COUNT(*) FROM outbox WHERE alert_id = $id AND state IN ('sent', 'delivered')"; }
at_least_sent() { (($(sent_count) >= $1)); }
desk_wait_until 60 "150 of the alert sent" at_least_sent 150
desk_sim reset 1 >/dev/null
desk_wait_until 60 "250 of the alert sent" at_least_sent 250
in_flight=$(desk_sql "SELECT COUNT(*) FROM outbox WHERE alert_id = $id AND state = 'sending'")
desk_daemon_kill
echo "killed with $in_flight row(s) in flight"
desk_daemon_start

desk_step "the job finishes; every subscriber has one copy in their language"
timeout 180 "$DESK_BIN" alert wait "${cfg[@]}" "$id" --timeout 170 >"$DESK_DIR/wait.out" ||
  desk_fail "alert #$id did not finish: $(tail -n 3 "$DESK_DIR/wait.out")"
alert_done() { [[ $(desk_sql "SELECT state FROM alerts WHERE id = $1") == done ]]; }
desk_wait_until 10 "alert #$id marked done" alert_done "$id"
desk_sim inboxes >"$DESK_DIR/inboxes.json"
python3 - "$DESK_DIR/inboxes.json" "$SUBSCRIBERS" "$AR" "$FR" "$EN" <<'PY'
import json, sys
inboxes = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
texts = {"ar": sys.argv[3], "fr": sys.argv[4], "en": sys.argv[5]}
langs = ["ar", "fr", "en"]
missing, wrong, extra = [], [], 0
for i in range(n):
    number = f"+1613555{i:04d}"
    got = [m["text"] for m in inboxes.get(number, []) if m["state"] == "delivered"]
    want = texts[langs[i % 3]]
    copies = sum(1 for t in got if t == want)
    if copies == 0:
        missing.append(number)
    if any(t != want for t in got):
        wrong.append((number, got))
    extra += max(0, copies - 1)
assert not missing, f"{len(missing)} subscriber(s) got nothing: {missing[:5]}"
assert not wrong, f"{len(wrong)} subscriber(s) got a wrong text: {wrong[:3]}"
print(f"{n} subscribers, each a copy in their language; {extra} duplicate(s)")
open(sys.argv[1] + ".extra", "w").write(str(extra))
PY
extra=$(cat "$DESK_DIR/inboxes.json.extra")
# In flight at the kill (at most one per modem) and the send the reset cut.
bound=$((3 + 1))
((extra <= bound)) || desk_fail "$extra duplicates, more than the in-flight bound $bound"

desk_step "delivery reports are matched back to the alert"
delivered() { (($(desk_sql "SELECT COUNT(*) FROM outbox WHERE alert_id = $id AND state = 'delivered'") >= $1)); }
desk_wait_until 60 "delivery reports for 95% of the alert" delivered $((SUBSCRIBERS * 95 / 100))
"$DESK_BIN" alert show "${cfg[@]}" "$id" --json >"$DESK_DIR/show.json"
python3 - "$DESK_DIR/show.json" "$SUBSCRIBERS" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))
p, n = a["progress"], int(sys.argv[2])
assert p["recipients"] == n, p
assert p["queued"] == 0 and p["sending"] == 0 and p["failed"] == 0, p
assert p["delivered"] + p["sent"] == n, p
print(f"alert #{a['id']}: delivered {p['delivered']}, awaiting a report {p['sent']}, failed {p['failed']}")
PY

desk_step "cancel: what is not sent is not sent"
desk_daemon_stop
id2=$("$DESK_BIN" alert send "${cfg[@]}" --topic bus --text "en=Second alert" --yes |
  sed -n 's/^alert #\([0-9]*\) created$/\1/p')
"$DESK_BIN" alert cancel "${cfg[@]}" "$id2" | grep -q "$SUBSCRIBERS message(s) not sent" ||
  desk_fail "cancel did not cancel the $SUBSCRIBERS queued rows"
set +e
"$DESK_BIN" alert cancel "${cfg[@]}" "$id2" >/dev/null 2>&1
code=$?
set -e
((code == 2)) || desk_fail "cancelling twice should exit 2, got $code"

desk_step "STOP cancels a queued copy"
id3=$("$DESK_BIN" alert send "${cfg[@]}" --topic bus --text "en=Third alert" --yes |
  sed -n 's/^alert #\([0-9]*\) created$/\1/p')
desk_sim text +16135550007 STOP --to "$(desk_modem_number 0)" >/dev/null
desk_daemon_start
timeout 120 "$DESK_BIN" alert wait "${cfg[@]}" "$id3" --timeout 110 >/dev/null || desk_fail "alert #$id3 did not finish"
[[ $(desk_sql "SELECT COUNT(*) FROM outbox WHERE alert_id = $id3 AND to_number = '+16135550007' AND state = 'cancelled'") == 1 ]] ||
  desk_fail "the STOPped subscriber's copy was not cancelled: $(desk_sql "SELECT state FROM outbox WHERE alert_id = $id3 AND to_number = '+16135550007'")"

desk_step "an agency phone alerts by SMS with its PIN; a wrong PIN and a stranger send nothing"
"$DESK_BIN" user add "${cfg[@]}" city --role agency --password-stdin <<<"agency-password-1" >/dev/null
"$DESK_BIN" user phone "${cfg[@]}" city +16135559000 >/dev/null
"$DESK_BIN" user pin "${cfg[@]}" city --pin-stdin <<<"482193" >/dev/null
alerts_before=$(desk_sql "SELECT COUNT(*) FROM alerts")
desk_sim text +16135559000 "ALERT 111111 BUS Wrong pin" --to "$(desk_modem_number 0)" >/dev/null
desk_wait_for_inbox +16135559000 "Wrong PIN" 30
desk_sim text +16135559999 "ALERT 482193 BUS I am not an agency" --to "$(desk_modem_number 0)" >/dev/null
desk_wait_until 30 "the stranger's text routed" desk_routed +16135559999 1
[[ $(desk_sql "SELECT COUNT(*) FROM alerts") == "$alerts_before" ]] || desk_fail "a wrong PIN or a stranger created an alert"
stranger_text=$(desk_sql "SELECT m.body FROM messages m JOIN contacts c ON c.id = m.contact_id
                          WHERE c.number = '+16135559999' AND m.direction = 'in'")
[[ $stranger_text == 'ALERT ****** BUS I am not an agency' ]] ||
  desk_fail "a PIN in a stranger's text was kept or relayed: $stranger_text"
desk_sim text +16135559000 "ALERT 482193 storm Storm warning tonight, stay home." --to "$(desk_modem_number 0)" >/dev/null
desk_wait_for_inbox +16135559000 "^Alert #[0-9]+ to 0 subscriber" 30
desk_sim text +16135559000 "ALERT 482193 autobus Buses back to normal tomorrow." --to "$(desk_modem_number 0)" >/dev/null
desk_wait_for_inbox +16135559000 "^Alert #[0-9]+ to $((SUBSCRIBERS - 1)) subscriber" 30
desk_wait_for_inbox +16135550003 "Buses back to normal tomorrow" 60
agency_texts=$(desk_sql "SELECT m.body FROM messages m JOIN contacts c ON c.id = m.contact_id
                         WHERE c.number = '+16135559000' AND m.direction = 'in'")
grep -q '482193\|111111' <<<"$agency_texts" && desk_fail "a PIN was stored in clear: $agency_texts"
grep -q '^ALERT \*\*\*\*\*\* storm' <<<"$agency_texts" || desk_fail "the agency's text was not kept (PIN blanked): $agency_texts"
[[ $(desk_sql "SELECT COUNT(*) FROM inbound_parts WHERE sender IN ('+16135559000', '+16135559999') AND pdu IS NOT NULL") == 0 ]] ||
  desk_fail "the raw PDUs of texts with a PIN were kept"

desk_daemon_stop
echo "PASS"
