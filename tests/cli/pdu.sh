#!/usr/bin/env bash
# smsdesk pdu decode|encode|count as an operator runs them.
set -uo pipefail
smsdesk=$1
failures=0
passes=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then passes=$((passes + 1)); else
    echo "FAIL $1: expected [$2] got [$3]"; failures=$((failures + 1)); fi
}
field() { /usr/bin/python3 -c "import json,sys; d=json.loads(sys.stdin.readline()); print(json.dumps(d$1, ensure_ascii=False) if not isinstance(d$1, str) else d$1)"; }

# docs/modem.md §3 example 1.
out=$("$smsdesk" pdu decode 07911326040000F0040B911346610089F60000208062917314480CC8F71D14969741F977FD07)
check "deliver type" deliver "$(field "['type']" <<<"$out")"
check "deliver from" +31641600986 "$(field "['from']" <<<"$out")"
check "deliver smsc" +31624000000 "$(field "['smsc']" <<<"$out")"
check "deliver time" 2002-08-26T19:37:41-01:00 "$(field "['timestamp']" <<<"$out")"
check "deliver text" "How are you?" "$(field "['text']" <<<"$out")"
check "deliver encoding" gsm7 "$(field "['encoding']" <<<"$out")"
check "deliver concat" null "$(field "['concat']" <<<"$out")"

# Example 7: alphanumeric sender, UCS-2, concatenated.
out=$("$smsdesk" pdu decode 07919762020033F1400DD0CDF2396C7EBB010008415072411084618C0500035602010053004D005300200063006F00640065003A00200034003800350036002C00200063006F006E006600690072006D006100740069006F006E0020006F00660020006100730073006F00630069006100740069006F006E0020006200650074007700650065006E0020006100630063006F0075006E007400200061006E00640020004D00650067)
check "megafon from" Megafon "$(field "['from']" <<<"$out")"
check "megafon concat" '{"ref": 86, "total": 2, "seq": 1, "ref_bits": 8}' "$(field "['concat']" <<<"$out")"
check "megafon encoding" ucs2 "$(field "['encoding']" <<<"$out")"

# Example 10: status report.
out=$("$smsdesk" pdu decode 07917248014000F506B70AA18092020000317071518590803170715185418000)
check "report type" status-report "$(field "['type']" <<<"$out")"
check "report mr" 183 "$(field "['mr']" <<<"$out")"
check "report status" delivered "$(field "['status']" <<<"$out")"
check "report code" 0 "$(field "['status_code']" <<<"$out")"
check "report recipient" 0829200000 "$(field "['recipient']" <<<"$out")"

# Example 8 without its SMSC field: a SUBMIT.
out=$("$smsdesk" pdu decode --no-smsc 11000B915155661632F40000001954747A0E4ACF41F27298CDCE83C6EF371B0481402010)
check "submit to" +15556661234 "$(field "['to']" <<<"$out")"
check "submit text" "This is really cool ΔΔΔΔΔ" "$(field "['text']" <<<"$out")"

# Encode: one line per segment, length = octets - SMSC octets.
out=$("$smsdesk" pdu encode --to +15556661234 --validity 5m "This is really cool ΔΔΔΔΔ")
check "encode example 8" "36 0011000B915155661632F40000001954747A0E4ACF41F27298CDCE83C6EF371B0481402010" "$out"
lines=$("$smsdesk" pdu encode --to +15551234567 "$(printf 'a%.0s' $(seq 1 161))" | wc -l)
check "161 chars -> 2 segments" 2 "$lines"
# Round trip through decode, from standard input.
out=$("$smsdesk" pdu encode --to +15551234567 --status-report "مرحبا بكم" | cut -d' ' -f2 | "$smsdesk" pdu decode)
check "arabic round trip" "مرحبا بكم" "$(field "['text']" <<<"$out")"

# A text of "-" is a text; --stdin reads standard input.
out=$("$smsdesk" pdu encode --to +15551234567 -- - | cut -d' ' -f2 | "$smsdesk" pdu decode)
check "dash is text" "-" "$(field "['text']" <<<"$out")"
out=$(printf 'from stdin\n' | "$smsdesk" pdu count --stdin)
check "count --stdin" 10 "$(field "['characters']" <<<"$out")"

# Count.
out=$("$smsdesk" pdu count "$(printf 'a%.0s' $(seq 1 160))")
check "count 160" '1 0' "$(field "['segments']" <<<"$out") $(field "['characters_left']" <<<"$out")"
out=$("$smsdesk" pdu count "مرحبا")
check "count arabic" 'ucs2 65' "$(field "['encoding']" <<<"$out") $(field "['characters_left']" <<<"$out")"

# Bad input: one line on stderr, exit 2.
for bad in "0791ZZ" "07" "" "00"; do
  err=$("$smsdesk" pdu decode "$bad" 2>&1 >/dev/null); rc=$?
  check "bad '$bad' exit" 2 "$rc"
  check "bad '$bad' one line" 1 "$(printf '%s\n' "$err" | wc -l)"
done
"$smsdesk" pdu encode --to +1555 --validity 3x "hi" >/dev/null 2>&1; check "bad validity" 2 $?
"$smsdesk" pdu bogus >/dev/null 2>&1; check "unknown subcommand" 2 $?
"$smsdesk" --version >/dev/null; check "--version" 0 $?

echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
