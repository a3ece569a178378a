#!/usr/bin/env bash
# The menu over USSD through an aggregator's callback, driven with curl
# against the running daemon the way Africa's Talking calls it (form fields
# sessionId, serviceCode, phoneNumber, text = every input joined with '*';
# answers "CON …"/"END …"), and the same menu over SMS on a virtual modem.
# Checks: the secret guards the endpoint; every screen of every language
# within the USSD limit (182 GSM-7 characters, fewer for UCS-2); a choice
# that subscribes and one that opens a ticket, each done once even when the
# aggregator retries; every answer well within the 15-second limit; an
# Arabic walk by SMS with Arabic-Indic digits.
#   tests/integration/ussd_menu.sh /path/to/smsdesk
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/desk_env.sh"
desk_env_init "${1:?usage: ussd_menu.sh /path/to/smsdesk}"
trap desk_env_exit EXIT

SECRET=ussd-test-secret-0123456789
CODE='*384*1#'
desk_sim_start 1
mapfile -t menu <"$here/../data/menu-sample.toml"
desk_write_config "${menu[@]}" '[ussd]' "secret = \"$SECRET\"" 'allow_from = ["127.0.0.1/32", "::1"]'
desk_daemon_start
port=$(sed -n 's/.*console on http:\/\/[^ ]* (port \([0-9]*\)).*/\1/p' "$DESK_DIR/daemon.log" | tail -n 1)
[[ -n $port ]] || desk_fail "the daemon did not say where its console is"
URL="http://127.0.0.1:$port/ussd"
TIMES=$DESK_DIR/ussd-times

# ussd SESSION PHONE TEXT: the answer's body; its status and time go to $TIMES.
ussd() {
  local out
  out=$(curl -sS --max-time 15 -w '\n%{http_code} %{time_total}' -H "X-Ussd-Secret: $SECRET" \
    --data-urlencode "sessionId=$1" --data-urlencode "serviceCode=$CODE" \
    --data-urlencode "phoneNumber=$2" --data-urlencode "text=$3" "$URL")
  tail -n 1 <<<"$out" >>"$TIMES"
  [[ $(tail -n 1 <<<"$out" | cut -d' ' -f1) == 200 ]] || desk_fail "ussd '$3': $(tail -n 1 <<<"$out"): $out"
  sed '$d' <<<"$out"
}

# fits SCREEN: the screen (without CON/END) within 182 GSM-7 septets (extension
# characters count 2) or, with any other character, 79 UTF-16 units.
fits() {
  python3 - "$1" <<'PY'
import sys
text = sys.argv[1]
basic = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
         "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
ext = "^{}\\[~]|€\f"
if all(c in basic or c in ext for c in text):
    n, limit = sum(2 if c in ext else 1 for c in text), 182
else:
    n, limit = len(text.encode("utf-16-le")) // 2, 79
print(f"{n} {limit}")
sys.exit(0 if n <= limit else 1)
PY
}

desk_step "the secret guards the endpoint"
for args in "" "-H X-Ussd-Secret:wrong-secret-000000000"; do
  # shellcheck disable=SC2086
  code=$(curl -sS -o /dev/null -w '%{http_code}' $args -d sessionId=s0 -d phoneNumber=%2B254711000000 -d text= "$URL")
  [[ $code == 403 ]] || desk_fail "a request without the right secret got $code"
done
code=$(curl -sS -o /dev/null -w '%{http_code}' -H "X-Ussd-Secret: $SECRET" -d sessionId=s0 -d text= "$URL")
[[ $code == 400 ]] || desk_fail "a request without phoneNumber got $code"
# In the URL it would end up in logs: refused even when right.
code=$(curl -sS -o /dev/null -w '%{http_code}' -d sessionId=s0 -d phoneNumber=%2B254711000000 -d text= "$URL?secret=$SECRET")
[[ $code == 403 ]] || desk_fail "the secret as ?secret= got $code, not 403"
# As an aggregator sends a callback URL with user:password in it.
code=$(curl -sS -o /dev/null -w '%{http_code}' -u "smsdesk:$SECRET" -d sessionId=s0 -d phoneNumber=%2B254711000000 -d text= "$URL")
[[ $code == 200 ]] || desk_fail "the secret as Authorization: Basic was refused ($code)"

desk_step "every screen in every language fits the USSD limit"
first=$(ussd walk0 +254711000099 "")
[[ $first == CON* ]] || desk_fail "the first screen is not CON: $first"
fits "${first#CON }" >/dev/null || desk_fail "language picker too long: $first"
# Six languages do not fit one UCS-2 screen (79 characters): "98" shows the rest.
picker="${first#CON }"
if grep -q '^98\. ' <<<"$picker"; then picker+=$'\n'$(ussd walk0 +254711000099 "98" | sed '1s/^CON //'); fi
languages=$(grep -cE '^[1-9]\. ' <<<"$picker")
((languages == 6)) || desk_fail "the picker should offer 6 languages: $picker"
screens=0 longest=0
for ((lang = 1; lang <= languages; lang++)); do
  queue=("$lang")
  while ((${#queue[@]} > 0)); do
    path=${queue[0]}
    queue=("${queue[@]:1}")
    screens=$((screens + 1))
    # A new number each time: a language picked once is kept for the number.
    answer=$(ussd "walk$screens" "+2547111$(printf %05d "$screens")" "$path")
    screen=${answer#??? }
    size=$(fits "$screen") || desk_fail "screen '$path' over the limit ($size): $screen"
    ((${size% *} > longest)) && longest=${size% *}
    [[ $answer == CON* ]] || continue
    depth=$(tr -cd '*' <<<"$path" | wc -c)
    ((depth < 5)) || continue
    # Follow each numbered choice the screen offers, and its next page.
    while read -r n; do
      queue+=("$path*$n")
    done < <(grep -oE '^([1-9]|98)\.' <<<"$screen" | tr -d .)
  done
done
echo "   $screens screens in $languages languages, the longest $longest characters"
((screens >= 6 * 10)) || desk_fail "only $screens screens walked"

desk_step "a choice that subscribes (French, picked on the first screen), done once despite a retry"
P1=+254711000001
ussd sub1 "$P1" "" | grep -q '^CON ' || desk_fail "no first screen"
fr=$( (ussd sub1 "$P1" ""; ussd sub1 "$P1" "98") | sed 's/^CON //' | grep -E '^[1-9]\. Français' | cut -c1)
[[ -n $fr ]] || desk_fail "no French on the picker"
ussd sub1 "$P1" "$fr" | grep -q 'Alertes météo' || desk_fail "the French menu does not offer the weather alerts"
end=$(ussd sub1 "$P1" "$fr*4")
[[ $end == END* ]] || desk_fail "subscribing should end the session: $end"
ussd sub1 "$P1" "$fr*4" >/dev/null  # the aggregator retries
[[ $(desk_sql "SELECT COUNT(*) FROM subscriptions s JOIN contacts c ON c.id = s.contact_id WHERE c.number = '$P1' AND s.topic = 'weather'") == 1 ]] ||
  desk_fail "$P1 is not subscribed to weather"
[[ $(desk_sql "SELECT COUNT(*) FROM consents n JOIN contacts c ON c.id = n.contact_id WHERE c.number = '$P1' AND n.source = 'ussd'") == 1 ]] ||
  desk_fail "the retry recorded the consent twice"
[[ $(desk_sql "SELECT lang FROM contacts WHERE number = '$P1'") == fr ]] || desk_fail "the picked language was not kept"
# The next session starts in French, without the picker.
ussd sub2 "$P1" "" | grep -q 'Bienvenue' || desk_fail "a known French speaker did not get the French menu first"

desk_step "a choice that opens a ticket (Arabic): the question reaches the moderators' queue"
P2=+254711000002
ar=$(ussd tic1 "$P2" "" | sed 's/^CON //' | grep -E '^[1-9]\. العربية' | cut -c1)
[[ -n $ar ]] || desk_fail "no Arabic on the picker"
prompt=$(ussd tic1 "$P2" "$ar*6")
[[ $prompt == CON* ]] || desk_fail "talk to a person should ask for the question: $prompt"
question="صاحب البيت يريد طردي غدا*ماذا أفعل"
end=$(ussd tic1 "$P2" "$ar*6*$question")
[[ $end == END* ]] || desk_fail "the question should end the session: $end"
ussd tic1 "$P2" "$ar*6*$question" >/dev/null  # retried
desk_wait_until 20 "the question routed into a ticket" \
  desk_sql_is "SELECT COUNT(*) FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.number = '$P2'" 1
[[ $(desk_sql "SELECT COUNT(*) FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE c.number = '$P2' AND m.direction = 'in'") == 1 ]] ||
  desk_fail "the retried question was stored twice"
[[ $(desk_sql "SELECT body FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE c.number = '$P2' AND m.direction = 'in'") == "$question" ]] ||
  desk_fail "the question was not kept as typed (with its '*')"
desk_wait_for_inbox "$P2" "." 20  # the acknowledgement with the deadline, by SMS
grep -q "$P2" "$DESK_DIR/daemon.log" && desk_fail "a full phone number reached the log"

desk_step "the same menu by SMS, in Arabic with Arabic-Indic digits"
P3=+16135550777
modem=$(desk_modem_number 0)
desk_sim text "$P3" "القائمة" --to "$modem" >/dev/null
desk_wait_for_inbox "$P3" "المواصلات" 20
desk_sim text "$P3" "٢" --to "$modem" >/dev/null
desk_wait_for_inbox "$P3" "بطاقة الحافلة" 20
desk_sim text "$P3" "٩" --to "$modem" >/dev/null
desk_wait_until 20 "an answer to the invalid choice" desk_inbox_at_least "$P3" 3
desk_sim text "$P3" "۱" --to "$modem" >/dev/null  # Persian digit one: the bus pass answer
desk_wait_until 20 "the bus pass answer" desk_inbox_at_least "$P3" 4
expected=$(python3 - "$DESK_FAQ_CSV" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
    if row["id"] == "bus-pass" and row["lang"] == "ar":
        print(row["answer"][:20])
PY
)
desk_inbox "$P3" | grep -qF "$expected" || desk_fail "the bus pass answer in Arabic did not arrive: $(desk_inbox "$P3")"

desk_step "every USSD answer well within the aggregators' 15 s"
max=$(cut -d' ' -f2 "$TIMES" | sort -g | tail -n 1)
count=$(wc -l <"$TIMES")
echo "   $count requests, the slowest $max s"
python3 -c "import sys; sys.exit(0 if float('$max') < 15 else 1)" || desk_fail "a USSD answer took $max s"

desk_daemon_stop
echo "PASS: USSD menu: limits in every language, subscription, ticket, SMS walk"
