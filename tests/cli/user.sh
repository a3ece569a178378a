#!/usr/bin/env bash
# smsdesk user add|list|passwd|disable|enable|phone|token|revoke-token|pin as
# an admin at the box runs them; the database is checked with python3's
# sqlite3: only hashes are stored, every change has an audit row, no secret is
# in it. Ctrl-C at a password prompt leaves the terminal's echo on.
set -uo pipefail
smsdesk=$1
lib="$(dirname "$0")/lib"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/desk.db"
source "$lib/check.sh"
# Every text value in the database, to look for secrets that must not be there.
dump() { /usr/bin/python3 -c "import sqlite3,sys; print('\n'.join(sqlite3.connect(sys.argv[1]).iterdump()))" "$db"; }
# A console session of user $1, as the console would write it.
add_session() {
  /usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(
    \"INSERT INTO sessions VALUES('s' || ?, ?, 'c', 1, 9999999999)\", (sys.argv[2], sys.argv[2])); c.commit()" "$db" "$1"
}
blake2b() { /usr/bin/python3 -c "import hashlib,sys; print(hashlib.blake2b(sys.argv[1].encode(), digest_size=32).hexdigest())" "$1"; }
printf 'database = "%s"\n[desk]\ntime_zone = "UTC"\n' "$db" > "$dir/smsdesk.toml"
u() { "$smsdesk" user "$@" --config "$dir/smsdesk.toml"; }

# Adding users: the password from standard input, stored as argon2id.
out=$(echo "correct horse battery" | u add amira --role moderator --phone +15145550100 --password-stdin)
check "add exit" 0 "$?"
check "add message" "user amira added (#1, moderator)" "$out"
echo "bus company secret" | u add bus-company --role agency --language fr --password-stdin >/dev/null
check "add agency exit" 0 "$?"
check "stored user" "amira|moderator|+15145550100|en|0" "$(sql "SELECT name, role, phone, language, disabled FROM users WHERE id = 1")"
check "argon2id hash" 1 "$(sql "SELECT password_hash LIKE '\$argon2id\$v=19\$m=65536,%' FROM users WHERE id = 1")"
check "no password in the database" 0 "$(dump | grep -c 'correct horse battery')"
check "audit add" "user.add|user:amira|role moderator" "$(sql "SELECT action, object, detail FROM audit WHERE id = 1")"
check "audit actor" 1 "$(sql "SELECT actor LIKE 'cli:%' FROM audit WHERE id = 1")"

out=$(u list); check "list exit" 0 "$?"
check "list rows" 3 "$(wc -l <<<"$out")"
check "list amira" "1 amira moderator en +15145550100 no active" "$(grep ' amira ' <<<"$out" | tr -s ' ')"
out=$(u list --json); check "list json exit" 0 "$?"
check "json names" '["amira", "bus-company"]' "$(json "[x['name'] for x in d]" <<<"$out")"
check "json agency" "agency|fr|None|True|False" \
  "$(json "'|'.join(str(d[1][k]) for k in ['role', 'language', 'phone', 'has_password', 'has_pin'])" <<<"$out")"
check "json has no hash" 0 "$(grep -c argon2 <<<"$out")"

# Bad input: exit 2, one line, nothing written.
err=$(echo "another long password" | u add amira --role admin --password-stdin 2>&1 >/dev/null)
check "duplicate exit" 2 "$?"
check "duplicate message" "smsdesk: a user named amira already exists" "$err"
err=$(echo "short" | u add yusuf --role moderator --password-stdin 2>&1 >/dev/null)
check "short password exit" 2 "$?"
check "short password message" "smsdesk: a password needs at least 10 characters" "$err"
echo "ninechars" | u add yusuf --role moderator --password-stdin >/dev/null 2>&1
check "nine characters exit" 2 "$?"
echo "another long password" | u add yusuf --role moderator --phone +15145550100 --password-stdin >/dev/null 2>&1
check "taken phone exit" 2 "$?"
echo "another long password" | u add yusuf --role root --password-stdin >/dev/null 2>&1
check "unknown role exit" 2 "$?"
echo "another long password" | u add yusuf --role moderator --phone 5145550123 --password-stdin >/dev/null 2>&1
check "local phone exit" 2 "$?"
err=$(u add yusuf --role moderator </dev/null 2>&1 >/dev/null); check "no terminal exit" 2 "$?"
check "no terminal message" "smsdesk: no terminal to ask for the password: use --password-stdin" "$err"
check "nothing added" 2 "$(sql "SELECT COUNT(*) FROM users")"

# On a terminal the password is asked twice and never echoed.
out=$(/usr/bin/python3 "$lib/type_secret.py" "New password:" "ten or more chars" "Again:" "ten or more chars" \
  -- "$smsdesk" user add yusuf --role volunteer --config "$dir/smsdesk.toml")
check "terminal add exit" 0 "$?"
check "terminal add message" 1 "$(grep -c 'user yusuf added (#3, volunteer)' <<<"$out")"
check "not echoed" 0 "$(grep -c 'ten or more' <<<"$out")"
out=$(/usr/bin/python3 "$lib/type_secret.py" "New password:" "ten or more chars" "Again:" "something else!" \
  -- "$smsdesk" user add zoe --role volunteer --config "$dir/smsdesk.toml")
check "mismatch exit" 2 "$?"
check "mismatch message" 1 "$(grep -c 'smsdesk: the two passwords differ' <<<"$out")"

# API tokens: printed once, alone on stdout; only the BLAKE2b hash is stored.
token=$(u token bus-company --label "dispatch system" 2>"$dir/token.err"); check "token exit" 0 "$?"
check "token length" 43 "${#token}"
check "token note" "API token #1 for bus-company (dispatch system): store it now, smsdesk keeps only its hash" \
  "$(cat "$dir/token.err")"
check "token hash stored" "$(blake2b "$token")" "$(sql "SELECT token_hash FROM api_tokens WHERE id = 1")"
check "token not stored" 0 "$(dump | grep -c -- "$token")"
check "token audit" "user.token|user:bus-company" "$(sql "SELECT action, object FROM audit WHERE action = 'user.token'")"
token2=$(u token bus-company --label "website" 2>/dev/null)
check "tokens differ" 1 "$([ "$token" != "$token2" ] && echo 1)"
check "list shows live tokens" 2 "$(u list | grep -c 'API token #')"
u token nobody --label x >/dev/null 2>&1; check "token unknown user exit" 2 "$?"
u token bus-company --label "" >/dev/null 2>&1; check "token empty label exit" 2 "$?"

out=$(u revoke-token 2); check "revoke exit" 0 "$?"
check "revoke message" "API token #2 revoked" "$out"
check "revoked" 1 "$(sql "SELECT revoked_at IS NOT NULL FROM api_tokens WHERE id = 2")"
check "revoke audit" "user.revoke-token|token:2|bus-company: website" \
  "$(sql "SELECT action, object, detail FROM audit WHERE action = 'user.revoke-token'")"
check "revoke twice" "API token #2 is already revoked" "$(u revoke-token 2)"
u revoke-token 99 >/dev/null 2>&1; check "revoke unknown exit" 2 "$?"

# A new password replaces the hash and ends the user's sessions.
before=$(sql "SELECT password_hash FROM users WHERE name = 'amira'")
add_session 1
add_session 2
check "sessions before" 2 "$(sql "SELECT COUNT(*) FROM sessions")"
out=$(echo "battery staple horse" | u passwd amira --password-stdin); check "passwd exit" 0 "$?"
check "passwd message" "password of amira changed; their console sessions have ended and their API tokens are revoked" "$out"
check "hash changed" 1 "$([ "$before" != "$(sql "SELECT password_hash FROM users WHERE name = 'amira'")" ] && echo 1)"
check "sessions ended" 0 "$(sql "SELECT COUNT(*) FROM sessions WHERE user_id = 1")"
check "other sessions stay" 1 "$(sql "SELECT COUNT(*) FROM sessions WHERE user_id = 2")"
check "passwd audit" "user.passwd|user:amira" "$(sql "SELECT action, object FROM audit WHERE action = 'user.passwd'")"
echo "short" | u passwd amira --password-stdin >/dev/null 2>&1; check "passwd short exit" 2 "$?"
echo "long enough password" | u passwd nobody --password-stdin >/dev/null 2>&1; check "passwd unknown exit" 2 "$?"

# The SMS PIN (agencies' alerts, moderators' answers): 6 to 12 digits, stored as argon2id.
out=$(echo 482913 | u pin bus-company --pin-stdin 2>"$dir/pin.err"); check "pin exit" 0 "$?"
check "pin message" "PIN of bus-company set" "$out"
check "pin note without phone" 1 "$(grep -c 'has no phone number' "$dir/pin.err")"
check "pin hash" 1 "$(sql "SELECT pin_hash LIKE '\$argon2id\$%' FROM users WHERE name = 'bus-company'")"
check "pin not stored" 0 "$(dump | grep -c 482913)"
check "pin audit" "user.pin|user:bus-company|None" "$(sql "SELECT action, object, detail FROM audit WHERE action = 'user.pin'")"
for bad in 123 12345 1234567890123 12a456 ""; do
  echo "$bad" | u pin bus-company --pin-stdin >/dev/null 2>&1; check "bad pin '$bad' exit" 2 "$?"
done

# How a moderator's SMS answers are trusted: by PIN unless an admin says otherwise.
check "relay default" 0 "$(sql "SELECT relay_trusts_number FROM users WHERE name = 'amira'")"
u relay amira >/dev/null 2>&1; check "relay without a choice exit" 2 "$?"
u relay bus-company --trust-number >/dev/null 2>&1; check "relay for an agency exit" 2 "$?"
out=$(u relay amira --trust-number 2>"$dir/relay.err"); check "relay trust exit" 0 "$?"
check "relay trust warns" 1 "$(grep -c 'a caller ID can be forged' "$dir/relay.err")"
check "relay trusted" 1 "$(sql "SELECT relay_trusts_number FROM users WHERE name = 'amira'")"
out=$(u relay amira --require-pin); check "relay pin exit" 0 "$?"
check "relay pin" 0 "$(sql "SELECT relay_trusts_number FROM users WHERE name = 'amira'")"
sql "INSERT INTO sms_pin_throttle(number, failures, last_failure_at, locked_until)
     SELECT phone, 5, 1, 4102444800 FROM users WHERE name = 'amira'" >/dev/null
out=$(u sms-unlock amira); check "sms-unlock exit" 0 "$?"
check "sms-unlock cleared" 0 "$(sql "SELECT COUNT(*) FROM sms_pin_throttle")"
u sms-unlock bus-company >/dev/null 2>&1; check "sms-unlock without a phone exit" 2 "$?"

# Disabling ends sessions and revokes every live token.
out=$(u disable bus-company); check "disable exit" 0 "$?"
check "disable message" "user bus-company disabled: their sessions have ended and their API tokens are revoked" "$out"
check "disabled" 1 "$(sql "SELECT disabled FROM users WHERE name = 'bus-company'")"
check "disable sessions" 0 "$(sql "SELECT COUNT(*) FROM sessions WHERE user_id = 2")"
check "disable tokens" 0 "$(sql "SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NULL")"
check "disable audit" "user.disable|user:bus-company" "$(sql "SELECT action, object FROM audit WHERE action = 'user.disable'")"
check "list disabled" 1 "$(u list | grep ' bus-company ' | grep -c 'disabled$')"
check "disable twice" "bus-company is already disabled" "$(u disable bus-company)"
u token bus-company --label again >/dev/null 2>&1; check "token for disabled exit" 2 "$?"
u disable nobody >/dev/null 2>&1; check "disable unknown exit" 2 "$?"

# Enabling lets them log in again; what disabling ended stays ended.
out=$(u enable bus-company); check "enable exit" 0 "$?"
check "enable message" "user bus-company enabled: they can log in again; their old API tokens stay revoked" "$out"
check "enabled" 0 "$(sql "SELECT disabled FROM users WHERE name = 'bus-company'")"
check "tokens stay revoked" 0 "$(sql "SELECT COUNT(*) FROM api_tokens WHERE revoked_at IS NULL")"
check "enable audit" "user.enable|user:bus-company" "$(sql "SELECT action, object FROM audit WHERE action = 'user.enable'")"
check "list enabled" 1 "$(u list | grep ' bus-company ' | grep -c 'active$')"
check "enable twice" "bus-company is not disabled" "$(u enable bus-company)"
u enable nobody >/dev/null 2>&1; check "enable unknown exit" 2 "$?"

# Phone numbers (the SMS relay, agency PIN alerts): typed with spaces or
# dashes, stored as modems report them; only international numbers; cleared.
out=$(u phone bus-company "+1 (514) 555-0199"); check "phone exit" 0 "$?"
check "phone message" "phone of bus-company set to +15145550199" "$out"
check "phone stored" "+15145550199" "$(sql "SELECT phone FROM users WHERE name = 'bus-company'")"
check "phone audit" "user.phone|user:bus-company|set, ends 0199" \
  "$(sql "SELECT action, object, detail FROM audit WHERE action = 'user.phone'")"
check "full number not in the audit" 0 "$(sql "SELECT * FROM audit" | grep -c 5550199)"
err=$(u phone bus-company 5145550199 2>&1 >/dev/null); check "local phone exit" 2 "$?"
check "local phone message" \
  "smsdesk: \"5145550199\": a phone number is international: '+', the country code, then the number, e.g. +15145550123" \
  "$err"
for bad in "+05145550199" "+1 514 CALL NOW" "+123456" "+1234567890123456" "++15145550199" "+"; do
  u phone bus-company "$bad" >/dev/null 2>&1; check "bad phone '$bad' exit" 2 "$?"
done
err=$(u phone amira +15145550199 2>&1 >/dev/null); check "taken phone exit" 2 "$?"
check "taken phone message" "smsdesk: the number +15145550199 belongs to another user" "$err"
err=$(u phone amira 2>&1 >/dev/null); check "no number exit" 2 "$?"
check "no number message" "smsdesk: give a phone number (+15145550123) or --clear" "$err"
u phone amira +15145550123 --clear >/dev/null 2>&1; check "number and --clear exit" 2 "$?"
u phone nobody --clear >/dev/null 2>&1; check "phone unknown user exit" 2 "$?"
check "refused changes changed nothing" "+15145550100|+15145550199" \
  "$(sql "SELECT group_concat(phone, '|') FROM (SELECT phone FROM users WHERE phone IS NOT NULL ORDER BY phone)")"
out=$(u phone amira --clear); check "clear exit" 0 "$?"
check "clear message" "phone of amira cleared" "$out"
check "cleared" None "$(sql "SELECT phone FROM users WHERE name = 'amira'")"
check "clear audit" "user.phone|user:amira|cleared" \
  "$(sql "SELECT action, object, detail FROM audit WHERE action = 'user.phone' ORDER BY id DESC LIMIT 1")"

# Ctrl-C at a password prompt: the command ends as Ctrl-C ends it, and the
# terminal echoes again (before the fix it stayed mute for the next command).
check "ctrl-c at the first prompt" "echo on, signal SIGINT" \
  "$(/usr/bin/python3 "$lib/interrupt_prompt.py" "New password:" -- "$smsdesk" user add zoe --role volunteer \
     --config "$dir/smsdesk.toml")"
check "ctrl-c at the second prompt" "echo on, signal SIGINT" \
  "$(/usr/bin/python3 "$lib/interrupt_prompt.py" "New password:" "typed and lost" "Again:" -- \
     "$smsdesk" user passwd amira --config "$dir/smsdesk.toml")"
check "ctrl-c added nobody" 0 "$(sql "SELECT COUNT(*) FROM users WHERE name = 'zoe'")"

check "audit rows" 15 "$(sql "SELECT COUNT(*) FROM audit")"
check "no secret in the audit" 0 "$(sql "SELECT * FROM audit" | grep -c -e 'correct horse' -e 482913 -e "$token")"

finish "user cli"
