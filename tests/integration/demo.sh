#!/usr/bin/env bash
# `smsdesk demo --exit-after-tour`: the README's first command, end to end in
# one process — virtual modems, the daemon, the sample FAQ — must show each
# kind of answer, in the sender's language, and the queue it leaves.
#   tests/integration/demo.sh /path/to/smsdesk
set -euo pipefail
smsdesk=${1:?usage: demo.sh /path/to/smsdesk}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
fail() { echo "FAIL: $*" >&2; cat "$out" >&2; exit 1; }

timeout 120 "$smsdesk" demo --exit-after-tour --latency 100ms >"$out" 2>&1 || fail "demo exited with $?"

expect() { grep -qF -- "$1" "$out" || fail "no \"$1\" in the demo's output"; }
expect "desk (+15550000001) -> +16135550101:"
expect "Presto"                          # the English FAQ answer
expect "ادفع ببطاقة Presto"              # the same answer, in Arabic
expect "Banque d'alimentation"           # French
expect "A moderator will answer"         # queued, with a deadline
expect "call 911 now"                    # urgent
expect "You will not get any more messages from us"
expect "#2 URGENT new from +16135550105"
expect "المدرسة والمواصلات"              # the menu by SMS (MENU in Arabic)
expect "بطاقة الحافلة"                   # "٢": its second choice
[[ $(grep -c "^\[.*\] desk (" "$out") -eq 8 ]] || fail "expected exactly 8 replies"
echo "demo: ok"
