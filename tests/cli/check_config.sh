#!/usr/bin/env bash
# smsdesk check-config as an operator runs it.
set -uo pipefail
smsdesk=$1
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
failures=0; passes=0
check() { if [ "$2" == "$3" ]; then passes=$((passes+1)); else echo "FAIL $1: expected [$2] got [$3]"; failures=$((failures+1)); fi; }

printf '[desk]\ntime_zone = "America/Toronto"\n' > "$dir/good.toml"
"$smsdesk" check-config --config "$dir/good.toml" >/dev/null; check "good file" 0 $?

printf '[desk]\ntime_zone = "Nowhere/Town"\npromis = "1h"\n' > "$dir/bad.toml"
err=$("$smsdesk" check-config --config "$dir/bad.toml" 2>&1 >/dev/null); rc=$?
check "bad file exit" 2 $rc
check "line of the zone" 1 "$(grep -c "bad.toml:2: desk.time_zone" <<<"$err")"
check "line of the typo" 1 "$(grep -c "bad.toml:3: unknown setting desk.promis" <<<"$err")"

"$smsdesk" check-config --config "$dir/missing.toml" >/dev/null 2>&1; check "missing file" 2 $?
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
