#!/usr/bin/env bash
# smsdesk backup / restore as an operator runs them: a consistent copy while
# the daemon runs, a restore refused under a running daemon, garbage and an
# existing target refused, and the previous database set aside on restore.
# Every copy holds every number and message: 0600 from its creation under
# umask 000, never written through a link planted at its path.
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

# Under umask 000 the .partial is created 0600 from the start (seen in its
# open(2) when strace is there), not chmod'ed once complete.
(umask 000; "$smsdesk" backup "${cfg[@]}" "$dir/loose.db" >/dev/null); check "backup under umask 000" 0 $?
check "umask 000 copy readable by the owner only" 600 "$(stat -c %a "$dir/loose.db")"
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null; then
  (umask 000; strace -f -qq -e trace=open,openat -o "$dir/open.trace" "$smsdesk" backup "${cfg[@]}" "$dir/traced.db" >/dev/null)
  check "backup under strace" 0 $?
  creates=$(grep '\.partial"' "$dir/open.trace" | grep O_CREAT)
  check "the .partial opened to create it once" 1 "$(grep -c . <<<"$creates")"
  check "the .partial created exclusively, 0600" 1 "$(grep -c 'O_CREAT|O_EXCL|O_NOFOLLOW.*, 0600)' <<<"$creates")"
else
  echo "skipped: how the .partial is created (no strace)"
fi

# Links planted at the .partial are removed, never followed; so is a stale
# .partial an interrupted backup left behind.
echo "not for the backup" >"$dir/victim"
ln -s "$dir/victim" "$dir/linked.db.partial"
(umask 000; "$smsdesk" backup "${cfg[@]}" "$dir/linked.db" >/dev/null); check "backup over a planted link" 0 $?
check "the link's target untouched" "not for the backup" "$(cat "$dir/victim")"
check "copy over a planted link is private" 600 "$(stat -c %a "$dir/linked.db")"
ln -s "$dir/stolen.db" "$dir/dangling.db.partial"
(umask 000; "$smsdesk" backup "${cfg[@]}" "$dir/dangling.db" >/dev/null); check "backup over a dangling link" 0 $?
check "nothing made where the dangling link pointed" no "$([ -e "$dir/stolen.db" ] && echo yes || echo no)"
echo "half a copy" >"$dir/stale.db.partial"; chmod 666 "$dir/stale.db.partial"
(umask 000; "$smsdesk" backup "${cfg[@]}" "$dir/stale.db" >/dev/null); check "backup over a stale .partial" 0 $?
check "copy over a stale .partial is private" 600 "$(stat -c %a "$dir/stale.db")"
check "no .partial left" 0 "$(ls "$dir" | grep -c '\.partial$')"
ln -s "$dir/elsewhere.db" "$dir/target-link.db"
"$smsdesk" backup "${cfg[@]}" "$dir/target-link.db" >/dev/null 2>&1; check "a link as the target refused" 2 $?
check "nothing made where the target link pointed" no "$([ -e "$dir/elsewhere.db" ] && echo yes || echo no)"

echo "not a database" >"$dir/garbage.db"
"$smsdesk" restore "${cfg[@]}" "$dir/garbage.db" >/dev/null 2>&1; check "garbage refused" 2 $?
"$smsdesk" restore "${cfg[@]}" "$dir/missing.db" >/dev/null 2>&1; check "missing file refused" 2 $?
(umask 000; "$smsdesk" restore "${cfg[@]}" "$dir/copy.db" >/dev/null); check "restore" 0 $?
users=$("$smsdesk" user list "${cfg[@]}" 2>/dev/null)
check "first user back" 1 "$(grep -cw 'first' <<<"$users")"
check "second user gone with the restore" 0 "$(grep -cw 'second' <<<"$users")"
check "the previous database set aside" 1 "$(ls "$dir" | grep -c '^desk.db.before-restore-')"
check "the set-aside database private under umask 000" 600 "$(stat -c %a "$dir"/desk.db.before-restore-*)"
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
