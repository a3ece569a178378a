#!/usr/bin/env bash
# SIM credit over USSD (issue 8), against virtual modems that answer the
# balance in three real shapes (docs/modem.md §2): plain text (DCS 15), packed
# GSM-7 hex (Huawei E160) after a two-step menu (*123#, then "1"), and UCS-2
# hex (DCS 72, E3276) in Arabic with Arabic-Indic digits. Checks the stored
# readings, the low-credit warning raised once (and again only after a top-up
# and a new fall), and an alert the credit cannot pay for refused.
#   tests/integration/credit.sh /path/to/smsdesk
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/desk_env.sh"
desk_env_init "${1:?usage: credit.sh /path/to/smsdesk}"
trap desk_env_exit EXIT

ADMIN=+16135559100
desk_sim_start 3 --profile generic --profile huawei --profile generic
desk_sim ussd-balance 0 "3.20 EUR" >/dev/null
desk_sim ussd-balance 1 "12.50 EUR" >/dev/null
desk_sim ussd-balance 2 "7.75 SAR" --text "رصيدك {balance} صالح حتى ٣١/١٢/٢٠٣٠" --encoding ucs2 >/dev/null
desk_write_config '[topics.bus]' \
  '[credit]' 'check_every = "10m"' 'first_check_after = "0s"' 'low_balance = 5' 'cost_per_sms = 0.5' \
  '[credit.operator.menu]' 'code = "*123#"' 'steps = ["1"]'
# m1 dials the two-step menu; the others the default *100#.
sed -i 's|^device = "'"$DESK_DIR"'/m1"$|&\ncredit = "menu"|' "$DESK_DIR/desk.toml"
grep -q '^credit = "menu"' "$DESK_DIR/desk.toml" || desk_fail "could not set m1's credit rule"
cfg=(--config "$DESK_DIR/desk.toml")
"$DESK_BIN" check-config "${cfg[@]}" >/dev/null
"$DESK_BIN" user add "${cfg[@]}" ops --role admin --password-stdin <<<"admin-password-1" >/dev/null
"$DESK_BIN" user phone "${cfg[@]}" ops "$ADMIN" >/dev/null

# readings_since T N: N SIMs read successfully at or after T.
readings_since() { desk_sql_is "SELECT COUNT(*) FROM sim_credit WHERE amount IS NOT NULL AND attempted_at >= $1" "$2"; }

desk_step "each SIM's balance is read at start: plain, packed GSM-7 after two steps, UCS-2 Arabic"
desk_daemon_start
desk_wait_until 30 "three credit readings" readings_since 0 3
got=$(desk_sql "SELECT modem, printf('%.2f', amount), currency, expires_on FROM sim_credit ORDER BY modem")
expected=$'m0|3.20|EUR|2030-12-31\nm1|12.50|EUR|2030-12-31\nm2|7.75|SAR|2030-12-31'
[[ $got == "$expected" ]] || desk_fail "readings: got
$got
expected
$expected"
grep -q 'AT+CUSD=1,"AA180C3602"\|m1.*CUSD' "$DESK_DIR/daemon.log" || true  # trace level only
desk_sql "SELECT error FROM sim_credit WHERE error IS NOT NULL" | grep . && desk_fail "a check recorded an error"

desk_step "m0's low credit warns the admin once, by SMS and on the dashboard's data"
desk_wait_for_inbox "$ADMIN" "m0 has 3.20 EUR credit left" 20
[[ $(desk_sql "SELECT COUNT(*) FROM sim_credit WHERE low_warned_at IS NOT NULL") == 1 ]] ||
  desk_fail "exactly one SIM should be marked low"

desk_step "a later check that finds it still low says nothing more"
desk_daemon_stop
desk_sql "UPDATE sim_credit SET checked_at = checked_at - 3600" >/dev/null
before=$(date +%s)
desk_daemon_start
desk_wait_until 30 "three fresh readings" readings_since "$before" 3
sleep 1  # a second warning, if one were wrongly queued, would be in the outbox by now
[[ $(desk_outbox_count "$ADMIN") == 1 ]] || desk_fail "the low-credit warning went out more than once"

desk_step "a top-up ends the episode; a new fall warns again"
desk_sim ussd-balance 0 "20.00 EUR" >/dev/null
desk_daemon_stop
desk_sql "UPDATE sim_credit SET checked_at = checked_at - 3600" >/dev/null
before=$(date +%s)
desk_daemon_start
desk_wait_until 30 "the topped-up reading" \
  desk_sql_is "SELECT COUNT(*) FROM sim_credit WHERE modem = 'm0' AND amount = 20 AND low_warned_at IS NULL" 1
desk_sim ussd-balance 0 "1.00 EUR" >/dev/null
desk_daemon_stop
desk_sql "UPDATE sim_credit SET checked_at = checked_at - 3600" >/dev/null
desk_daemon_start
desk_wait_for_inbox "$ADMIN" "m0 has 1.00 EUR credit left" 30
[[ $(desk_outbox_count "$ADMIN") == 2 ]] || desk_fail "expected a second warning after the top-up and the new fall"

desk_step "an alert the credit cannot pay for is refused, one it can is accepted"
# Credit now: 1.00 + 12.50 + 7.75 = 21.25 at 0.50 per SMS: about 42 SMS.
python3 - "$DESK_DIR/subscribers.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("number,lang,topics\n")
    for i in range(60):
        f.write(f"+1613556{i:04d},en,bus\n")
PY
"$DESK_BIN" subscribers import "${cfg[@]}" "$DESK_DIR/subscribers.csv" >/dev/null
set +e
out=$("$DESK_BIN" alert send "${cfg[@]}" --topic bus --text "en=Buses are cancelled today." --yes 2>&1)
status=$?
set -e
((status != 0)) || desk_fail "an alert of 60 SMS was accepted with credit for about 42: $out"
grep -q "pays for about" <<<"$out" || desk_fail "the refusal does not say why: $out"
[[ $(desk_sql "SELECT COUNT(*) FROM alerts") == 0 ]] || desk_fail "a refused alert left a job"
desk_sim ussd-balance 0 "40.00 EUR" >/dev/null
desk_daemon_stop
desk_sql "UPDATE sim_credit SET checked_at = checked_at - 3600" >/dev/null
desk_daemon_start
desk_wait_until 30 "m0 read at 40 EUR" desk_sql_is "SELECT COUNT(*) FROM sim_credit WHERE modem = 'm0' AND amount = 40" 1
"$DESK_BIN" alert send "${cfg[@]}" --topic bus --text "en=Buses are cancelled today." --yes >/dev/null ||
  desk_fail "an alert the credit pays for was refused"

desk_daemon_stop
echo "PASS: credit read in three shapes, warned once per episode, alerts checked against it"
