#!/usr/bin/env bash
# smsdesk faq match|eval|export as an operator runs them.
set -uo pipefail
smsdesk=$1
data="$(dirname "$0")/../data/eval"
failures=0
passes=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then passes=$((passes + 1)); else
    echo "FAIL $1: expected [$2] got [$3]"; failures=$((failures + 1)); fi
}
field() { /usr/bin/python3 -c "import json,sys; d=json.loads(sys.stdin.readline()); v=d$1; print(v if isinstance(v, str) else json.dumps(v))"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$("$smsdesk" faq match --faq "$data/faq-ottawa.csv" "how do i get a library card, i dont have bills with my name yet")
check "library decision" auto "$(field "['decision']" <<<"$out")"
check "library faq" library "$(field "['faq']" <<<"$out")"
check "library lang" en "$(field "['lang']" <<<"$out")"

out=$("$smsdesk" faq match --faq "$data/faq-ottawa.csv" "my husband is hitting me")
check "urgent decision" urgent "$(field "['decision']" <<<"$out")"

# Standard input: one JSON line per message line.
lines=$(printf 'thanks!!\nمرحبا\nbus pass\n' | "$smsdesk" faq match --faq "$data/faq-ottawa.csv" | wc -l)
check "stdin lines" 3 "$lines"
out=$(printf 'thanks!!\n' | "$smsdesk" faq match --faq "$data/faq-ottawa.csv")
check "thanks queue" queue "$(field "['decision']" <<<"$out")"
check "thanks faq null" null "$(field "['faq']" <<<"$out")"

# A bad FAQ: exit 2 and one line naming the file and line.
printf 'id,lang,keywords,question,answer\na,en,k,q,a\nb,en,k,q\n' > "$tmp/bad.csv"
err=$("$smsdesk" faq match --faq "$tmp/bad.csv" hello 2>&1 >/dev/null); code=$?
check "bad faq exit" 2 "$code"
check "bad faq message" "smsdesk: $tmp/bad.csv:3: expected 5 fields, found 4" "$err"
"$smsdesk" faq match --faq "$tmp/missing.csv" hello >/dev/null 2>&1; check "missing faq exit" 2 "$?"
"$smsdesk" faq eval --faq "$data/faq-ottawa.csv" --questions "$tmp/bad.csv" >/dev/null 2>&1
check "bad questions exit" 2 "$?"
"$smsdesk" faq match --faq "$data/faq-ottawa.csv" --param nope=1 hi >/dev/null 2>&1
check "bad param exit" 2 "$?"

# Export re-serializes the same entries.
"$smsdesk" faq export --faq "$data/faq-ottawa.csv" -o "$tmp/out.csv"; check "export exit" 0 "$?"
check "export rows" "$(wc -l < "$data/faq-ottawa.csv")" "$(wc -l < "$tmp/out.csv")"
"$smsdesk" faq export --faq "$tmp/out.csv" > "$tmp/again.csv"
check "export idempotent" "" "$(cmp "$tmp/out.csv" "$tmp/again.csv")"

# Eval prints the overall row with the acceptance numbers.
out=$("$smsdesk" faq eval --faq "$data/faq-ottawa.csv" --questions "$data/questions-dev.tsv" | grep '^overall')
check "eval overall row" 1 "$([ -n "$out" ] && echo 1)"

echo "faq cli: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
