#!/usr/bin/env bash
# smsdesk faq match|eval|export|import as an operator runs them: on a CSV
# file (--faq), and on the FAQ kept in the store.
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
lock_holder=
cleanup() {
  [ -n "$lock_holder" ] && kill "$lock_holder" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

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

# Import into a fresh store; exporting it gives the file's canonical form back.
db="$tmp/desk.db"
sql() { /usr/bin/python3 -c "import sqlite3,sys; print('\n'.join('|'.join(map(str, r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$db" "$1"; }
f() { "$smsdesk" faq "$@" --database "$db"; }
out=$(USER=tester f import "$data/faq-ottawa.csv"); check "import exit" 0 "$?"
check "import summary" "$data/faq-ottawa.csv: 147 entries, 33 ids, 6 languages (ar en es fa fr uk)" "$(sed -n 1p <<<"$out")"
check "import changes" "changes: added 147, changed 0, removed 0" "$(sed -n 2p <<<"$out")"
check "import no daemon" "no daemon running: smsdesk run uses it when it starts" "$(tail -n 1 <<<"$out")"
check "store rows" 147 "$(sql "SELECT COUNT(*) FROM faq_entries")"
f export > "$tmp/store.csv"; check "store export exit" 0 "$?"
"$smsdesk" faq export --faq "$data/faq-ottawa.csv" > "$tmp/file.csv"
check "store export = file export" "" "$(cmp "$tmp/store.csv" "$tmp/file.csv")"
f export -o "$tmp/store2.csv"; check "store export -o" "" "$(cmp "$tmp/store.csv" "$tmp/store2.csv")"
check "audit row" "cli:tester|faq.import|faq|147 entries, 33 ids, 6 languages (ar en es fa fr uk) from faq-ottawa.csv; added 147, changed 0, removed 0" \
  "$(sql "SELECT actor, action, object, detail FROM audit")"
out=$(f import "$tmp/store.csv"); check "reimport export exit" 0 "$?"
check "reimport export changes nothing" "changes: added 0, changed 0, removed 0" "$(sed -n 2p <<<"$out")"

# Without --faq, match answers from the store's FAQ.
question="how do i get a library card, i dont have bills with my name yet"
out=$(f match "$question")
check "store match faq" library "$(field "['faq']" <<<"$out")"
check "store match = file match" "$("$smsdesk" faq match --faq "$data/faq-ottawa.csv" "$question")" "$out"
out=$(f eval --questions "$data/questions-dev.tsv"); check "store eval exit" 0 "$?"
check "store eval = file eval" "$("$smsdesk" faq eval --faq "$data/faq-ottawa.csv" --questions "$data/questions-dev.tsv")" "$out"

# Bad files change nothing: exit 2, one line naming the file and line.
head -n 4 "$data/faq-ottawa.csv" > "$tmp/unterminated.csv"
printf 'library,en,library,"How do I get a card?,Ask at the desk.\nzoo,en,zoo,q,a\n' >> "$tmp/unterminated.csv"
err=$(f import "$tmp/unterminated.csv" 2>&1 >/dev/null); check "unterminated exit" 2 "$?"
check "unterminated line" "smsdesk: $tmp/unterminated.csv:5:" "$(cut -d' ' -f1-2 <<<"$err")"
check "unterminated one line" 1 "$(wc -l <<<"$err")"
err=$(f import "$tmp/bad.csv" 2>&1 >/dev/null); check "four fields exit" 2 "$?"
check "four fields message" "smsdesk: $tmp/bad.csv:3: expected 5 fields, found 4" "$err"
printf 'id,lang,keywords,question,answer\n' > "$tmp/empty.csv"
f import "$tmp/empty.csv" >/dev/null 2>&1; check "empty import exit" 2 "$?"
f import "$tmp/missing.csv" >/dev/null 2>&1; check "missing import exit" 2 "$?"
f export > "$tmp/after-errors.csv"
check "store unchanged by bad files" "" "$(cmp "$tmp/store.csv" "$tmp/after-errors.csv")"
check "no audit for bad files" 2 "$(sql "SELECT COUNT(*) FROM audit")"

# One answer changed: --dry-run shows it and writes nothing.
new_answer="Library cards are free at any Ottawa Public Library branch: bring one ID."
/usr/bin/python3 - "$tmp/store.csv" "$tmp/changed.csv" "$new_answer" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
for row in rows:
    if row[:2] == ["library", "en"]:
        row[4] = sys.argv[3]
csv.writer(open(sys.argv[2], "w", newline="", encoding="utf-8"), lineterminator="\n").writerows(rows)
PY
out=$(f import "$tmp/changed.csv" --dry-run); check "dry run exit" 0 "$?"
check "dry run changes" "changes: added 0, changed 1, removed 0" "$(sed -n 2p <<<"$out")"
check "dry run names the entry" "  changed library,en" "$(sed -n 3p <<<"$out")"
check "dry run last line" "dry run: nothing written" "$(tail -n 1 <<<"$out")"
f export > "$tmp/after-dry-run.csv"
check "dry run store unchanged" "" "$(cmp "$tmp/store.csv" "$tmp/after-dry-run.csv")"
check "dry run no audit" 2 "$(sql "SELECT COUNT(*) FROM audit")"

# The real import, with a daemon holding the lock: it gets SIGHUP to reload.
/usr/bin/python3 "$(dirname "$0")/lib/hold_lock.py" "$db" HUP "$tmp/reloaded" &
lock_holder=$!
for _ in $(seq 50); do [ -e "$db.lock.held" ] && break; sleep 0.1; done
out=$(f import "$tmp/changed.csv" --as amira); check "changed import exit" 0 "$?"
check "changed 1" 1 "$(grep -c '^changes: added 0, changed 1, removed 0$' <<<"$out")"
check "daemon notified" "daemon notified: it reloads the FAQ now" "$(tail -n 1 <<<"$out")"
for _ in $(seq 50); do [ -e "$tmp/reloaded" ] && break; sleep 0.1; done
check "daemon got SIGHUP" 1 "$([ -e "$tmp/reloaded" ] && echo 1)"
kill "$lock_holder" 2>/dev/null; lock_holder=
check "audit by --as" "amira|faq.import" "$(sql "SELECT actor, action FROM audit ORDER BY id DESC LIMIT 1")"
check "edited entry by" "amira" "$(sql "SELECT updated_by FROM faq_entries WHERE id = 'library' AND lang = 'en'")"
check "other entries keep their editor" "cli:tester" "$(sql "SELECT updated_by FROM faq_entries WHERE id = 'bus-pass' AND lang = 'en'")"
check "store match new answer" "$new_answer" "$(f match "$question" | field "['answer']")"

# A config naming faq.file: the import still lands, with a warning, and
# match without --faq uses the file as the daemon would.
printf 'database = "%s"\n[faq]\nfile = "%s"\n' "$db" "$data/faq-ottawa.csv" > "$tmp/file.toml"
err=$("$smsdesk" faq import "$tmp/changed.csv" --config "$tmp/file.toml" 2>&1 >/dev/null); check "faq.file import exit" 0 "$?"
check "faq.file warning" 1 "$(grep -c "warning: $tmp/file.toml names faq.file" <<<"$err")"
out=$("$smsdesk" faq match --config "$tmp/file.toml" "$question")
check "faq.file match = file match" "$("$smsdesk" faq match --faq "$data/faq-ottawa.csv" "$question")" "$out"
"$smsdesk" faq match --faq "$data/faq-ottawa.csv" --database "$db" hi >/dev/null 2>&1
check "--faq with --database exit" 2 "$?"
err=$("$smsdesk" faq match --database "$tmp/fresh.db" hi 2>&1 >/dev/null); check "empty store match exit" 2 "$?"
check "empty store message" 1 "$(grep -c 'holds no FAQ entries' <<<"$err")"

echo "faq cli: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
