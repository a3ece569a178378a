#!/usr/bin/env bash
# smsdesk backup / restore as an operator runs them: a consistent copy while
# the daemon runs, a restore refused under a running daemon, garbage and an
# existing target refused, and the previous database set aside on restore.
set -uo pipefail
smsdesk=$1
dir=$(mktemp -d); daemon=
cleanup() { [[ -n $daemon ]] && kill -KILL "$daemon" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
failures=0; passes=0
check() { if [ "$2" == "$3" ]; then passes=$((passes+1)); else echo "FAIL $1: expected [$2] got [$3]"; failures=$((failures+1)); fi; }

printf 'database = "%s/desk.db"\n[[modem]]\ndevice = "%s/no-modem"\n[console]\nbind = "127.0.0.1:0"\n' "$dir" "$dir" >"$dir/desk.toml"
cfg=(--config "$dir/desk.toml")
"$smsdesk" user add "${cfg[@]}" first --role admin --password-stdin <<<"first-password-1" >/dev/null
check "user added" 0 $?

# The daemon runs (its modem never appears): the backup is taken under it.
"$smsdesk" run "${cfg[@]}" >"$dir/daemon.log" 2>&1 &
daemon=$!
sleep 1
"$smsdesk" backup "${cfg[@]}" "$dir/copy.db" >/dev/null; check "backup while running" 0 $?
check "copy readable by the owner only" 600 "$(stat -c %a "$dir/copy.db")"
"$smsdesk" backup "${cfg[@]}" "$dir/copy.db" >/dev/null 2>&1; check "existing target refused" 2 $?
"$smsdesk" user add "${cfg[@]}" second --role moderator --password-stdin <<<"second-password-2" >/dev/null
err=$("$smsdesk" restore "${cfg[@]}" "$dir/copy.db" 2>&1 >/dev/null); rc=$?
check "restore under the daemon refused" 1 $rc
check "says to stop it" 1 "$(grep -c 'stop the daemon first' <<<"$err")"
kill -TERM "$daemon"; wait "$daemon" 2>/dev/null; daemon=

echo "not a database" >"$dir/garbage.db"
"$smsdesk" restore "${cfg[@]}" "$dir/garbage.db" >/dev/null 2>&1; check "garbage refused" 2 $?
"$smsdesk" restore "${cfg[@]}" "$dir/missing.db" >/dev/null 2>&1; check "missing file refused" 2 $?
"$smsdesk" restore "${cfg[@]}" "$dir/copy.db" >/dev/null; check "restore" 0 $?
users=$("$smsdesk" user list "${cfg[@]}" 2>/dev/null)
check "first user back" 1 "$(grep -cw 'first' <<<"$users")"
check "second user gone with the restore" 0 "$(grep -cw 'second' <<<"$users")"
check "the previous database set aside" 1 "$(ls "$dir" | grep -c '^desk.db.before-restore-')"
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
