#!/usr/bin/env bash
# smsdesk faq train, and match/eval with the trained models, as an operator
# runs them: the models land next to the database and are used by default;
# on the development set and the team's held-out set (neither trained on)
# the models keep the quality floor this test pins below the figures the
# README reports (training on two threads is not bit-for-bit repeatable).
set -uo pipefail
smsdesk=$1
here="$(dirname "$0")"
data="$here/../data/eval"
source "$here/lib/check.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The FAQ into a store, then train next to its database.
out=$("$smsdesk" faq import --database "$tmp/desk.db" "$data/faq-ottawa.csv")
check "import notes the right-to-left numbers" 1 "$(grep -c '^note: .* right-to-left answer(s) hold .* number(s) a phone would show backwards' <<<"$out")"
out=$("$smsdesk" faq train --database "$tmp/desk.db" --threads 2); code=$?
check "train exit" 0 "$code"
check "train report" 1 "$(grep -c '^trained in .* into .*desk.db.models: danger model on' <<<"$out")"
check "manifest" 1 "$(ls "$tmp/desk.db.models" | grep -c '^models.json$')"
check "two model files" 2 "$(ls "$tmp/desk.db.models" | grep -c '\.bin$')"
size=$(du -cb "$tmp"/desk.db.models/*.bin | tail -1 | cut -f1)
check "models under 20 MB" yes "$([ "$size" -le 20000000 ] && echo yes || echo "no: $size")"

# match uses them by default, and says what they said.
out=$("$smsdesk" faq match --database "$tmp/desk.db" "my little girl drank the bleach from under the sink")
check "danger by model" yes "$(json "'yes' if d['decision'] in ('urgent', 'possible_danger') else d['decision']" <<<"$out")"
out=$("$smsdesk" faq match --database "$tmp/desk.db" "how much is the bus for my kids")
check "models block" yes "$(json "'yes' if 0 <= d['models']['danger'] <= 1 and d['models']['intents'] else 'no'" <<<"$out")"
out=$("$smsdesk" faq match --database "$tmp/desk.db" --rules-only "how much is the bus for my kids")
check "rules only has no models block" no "$(json "'yes' if 'models' in d else 'no'" <<<"$out")"

# Quality floors on both evaluation sets.
floor() {  # floor NAME FILE
  "$smsdesk" faq eval --database "$tmp/desk.db" --questions "$2" > "$tmp/eval.txt"
  local row
  row=$(grep '^overall' "$tmp/eval.txt")
  /usr/bin/python3 - "$1" "$row" <<'PY'
import re, sys
name, row = sys.argv[1], sys.argv[2]
f = row.split()
precision, coverage = float(f[2].rstrip('%')), float(f[3].rstrip('%'))
found, expected = map(int, f[5].split('/'))
false_urgent, total = int(f[6]), int(f[1])
problems = []
if precision < 93: problems.append(f"precision {precision}")
if coverage < 62: problems.append(f"coverage {coverage}")
if found < expected - 1: problems.append(f"urgent {found}/{expected}")
if false_urgent > 0.09 * total: problems.append(f"false urgent {false_urgent}")
print("ok" if not problems else " ".join(problems))
PY
}
check "dev set floor" ok "$(floor dev "$data/questions-dev.tsv")"
check "held-out floor" ok "$(floor heldout "$data/heldout-team.tsv")"
check "per class table" 3 "$(grep -cE '^  (danger|faq|person) ' "$tmp/eval.txt")"
check "confusions listed" 1 "$(grep -c '^confusions' "$tmp/eval.txt")"

# Bad input: a models folder that is not one, a tampered model.
err=$("$smsdesk" faq match --faq "$data/faq-ottawa.csv" --models "$tmp/nothing" hi 2>&1 >/dev/null)
check "missing models exit" 2 "$?"
check "missing models message" 1 "$(grep -c 'no models in' <<<"$err")"
model=$(ls "$tmp"/desk.db.models/intent-*.bin)
printf 'x' | dd of="$model" bs=1 seek=200 conv=notrunc 2>/dev/null
err=$("$smsdesk" faq match --database "$tmp/desk.db" "bus pass" 2>&1 >/dev/null)
check "tampered model: rules decide" 1 "$(grep -c 'changed since it was written' <<<"$err")"
err=$("$smsdesk" faq train --faq "$data/faq-ottawa.csv" 2>&1 >/dev/null)
check "train --faq needs --models" 2 "$?"

finish "faq models cli"
