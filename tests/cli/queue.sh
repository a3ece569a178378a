#!/usr/bin/env bash
# smsdesk queue list|show|reply|resolve|note as a moderator at the box runs
# them, on a database built without the daemon: tickets are inserted with
# python3's sqlite3 after `queue list` has created the schema.
set -uo pipefail
smsdesk=$1
dir=$(mktemp -d)
lock_holder=
cleanup() {
  [ -n "$lock_holder" ] && kill "$lock_holder" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
failures=0
passes=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then passes=$((passes + 1)); else
    echo "FAIL $1: expected [$2] got [$3]"; failures=$((failures + 1)); fi
}
db="$dir/desk.db"
sql() { /usr/bin/python3 -c "import sqlite3,sys; print('\n'.join('|'.join(map(str, r)) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))" "$db" "$1"; }
json() { /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); v=$1; print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))"; }
printf 'database = "%s"\n[desk]\ntime_zone = "UTC"\n' "$db" > "$dir/smsdesk.toml"
q() { "$smsdesk" queue "$@" --config "$dir/smsdesk.toml"; }

# An empty queue; the first run creates the schema.
out=$(q list); check "empty list exit" 0 "$?"
check "empty list header only" 1 "$(wc -l <<<"$out")"

# Two tickets: #1 overdue with a long question, #2 urgent and due in an hour.
/usr/bin/python3 - "$db" <<'EOF'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
now = int(time.time())
db.execute("INSERT INTO contacts(id, number, created_at) VALUES(1, '+15145550123', 1700000000)")
db.execute("INSERT INTO contacts(id, number, created_at) VALUES(2, '+16135550188', ?)", (now,))
db.execute("INSERT INTO tickets(id, contact_id, status, priority, lang, created_at, due_at, suggestions) "
           "VALUES(1, 1, 'new', 0, 'en', 1700000000, 1700086400, '[\"bus-pass\",\"next-bus\"]')")
db.execute("INSERT INTO tickets(id, contact_id, status, priority, lang, created_at, due_at) "
           "VALUES(2, 2, 'open', 1, 'ar', ?, ?)", (now, now + 3600))
db.execute("INSERT INTO messages(contact_id, direction, body, lang, at, modem, routed_at, ticket_id) VALUES(1, 'in', "
           "'Hello, my bus pass expired last week and I cannot find where to renew it, can you help me please?', "
           "'en', 1700000000, 'modem1', 1700000000, 1)")
db.execute("INSERT INTO messages(contact_id, direction, body, lang, at, modem, routed_at, ticket_id) "
           "VALUES(2, 'in', 'زوجي يضربني', 'ar', ?, 'modem0', ?, 2)", (now, now))
db.commit()
EOF

out=$(q list); check "list exit" 0 "$?"
check "list rows" 3 "$(wc -l <<<"$out")"
row2=$(sed -n 2p <<<"$out"); row1=$(sed -n 3p <<<"$out")
check "urgent first" "2 URGENT" "$(awk '{print $1, $3}' <<<"$row2")"
check "urgent full number" 1 "$(grep -c '+16135550188' <<<"$row2")"
check "due in the desk's zone" 1 "$(grep -c '2023-11-15 22:13 overdue' <<<"$row1")"
check "full number" 1 "$(grep -c '+15145550123' <<<"$row1")"
check "text shortened" 1 "$(grep -c 'Hello, my bus pass expired last week and I cannot find wher…$' <<<"$row1")"

out=$(q list --json); check "list json exit" 0 "$?"
check "json order" "[2, 1]" "$(json "[t['id'] for t in d]" <<<"$out")"
check "json overdue" "[false, true]" "$(json "[t['overdue'] for t in d]" <<<"$out")"
check "json urgent" "true" "$(json "d[0]['urgent']" <<<"$out")"
check "json last message" "زوجي يضربني" "$(json "d[0]['last_message']" <<<"$out")"

out=$(q show 1); check "show exit" 0 "$?"
check "show number" 1 "$(grep -c '^from +15145550123  lang en' <<<"$out")"
check "show suggestions" 1 "$(grep -c '^suggested FAQ: bus-pass, next-bus$' <<<"$out")"
check "show message" 1 "$(grep -c '^\[2023-11-14 22:13\] in$' <<<"$out")"
check "show body" 1 "$(grep -c 'can you help me please?$' <<<"$out")"
out=$(q show 1 --json)
check "show json suggestions" '["bus-pass", "next-bus"]' "$(json "d['suggestions']" <<<"$out")"
check "show json messages" 1 "$(json "len(d['messages'])" <<<"$out")"

# A reply: a message in the thread, a row in the outbox from the modem the
# person texted, the ticket waiting for them. No daemon runs yet.
out=$(q reply 1 "Renew it at any OC Transpo customer service centre." --as amira); check "reply exit" 0 "$?"
check "reply outbox" "queued as outbox #1" "$(sed -n 1p <<<"$out")"
check "reply no daemon" "no daemon running: it will go out when smsdesk run starts" "$(sed -n 2p <<<"$out")"
check "outbox row" "+15145550123|queued|modem1|Renew it at any OC Transpo customer service centre." \
  "$(sql "SELECT to_number, state, via, body FROM outbox WHERE id = 1")"
check "thread reply" "out|reply|amira|1" "$(sql "SELECT direction, kind, author, ticket_id FROM messages WHERE direction = 'out'")"
check "ticket pending" "pending" "$(sql "SELECT status FROM tickets WHERE id = 1")"

# With a daemon holding the lock, the reply wakes it with SIGUSR1.
/usr/bin/python3 "$(dirname "$0")/lib/hold_lock.py" "$db" USR1 "$dir/woken" &
lock_holder=$!
for _ in $(seq 50); do [ -e "$db.lock.held" ] && break; sleep 0.1; done
out=$(USER=tester q reply 2 "Call 911 now if you are in danger."); check "notified reply exit" 0 "$?"
check "daemon notified" "daemon notified: it goes out now" "$(sed -n 2p <<<"$out")"
for _ in $(seq 50); do [ -e "$dir/woken" ] && break; sleep 0.1; done
check "daemon woken" 1 "$([ -e "$dir/woken" ] && echo 1)"
check "default author" "cli:tester" "$(sql "SELECT author FROM messages WHERE ticket_id = 2 AND direction = 'out'")"
kill "$lock_holder" 2>/dev/null; lock_holder=

# A note stays in the thread and never reaches the outbox.
out=$(q note 1 "Called them back, waiting for the receipt." --as amira); check "note exit" 0 "$?"
check "note row" "note|amira|Called them back, waiting for the receipt." \
  "$(sql "SELECT direction, author, body FROM messages WHERE direction = 'note'")"
check "outbox unchanged" 2 "$(sql "SELECT COUNT(*) FROM outbox")"

out=$(q resolve 1 --as amira); check "resolve exit" 0 "$?"
check "resolved" "resolved" "$(sql "SELECT status FROM tickets WHERE id = 1")"
check "audit" "amira|ticket.resolve|ticket:1" "$(sql "SELECT actor, action, object FROM audit WHERE action = 'ticket.resolve'")"
check "list without resolved" "[2]" "$(q list --json | json "[t['id'] for t in d]")"
check "list --all" "[2, 1]" "$(q list --json --all | json "[t['id'] for t in d]")"

# Bad input: one line on stderr, exit 2; a database that cannot open: exit 1.
err=$(q show 99 2>&1 >/dev/null); check "unknown show exit" 2 "$?"
check "unknown show message" "smsdesk: no ticket 99" "$err"
err=$(q reply 99 "hello" 2>&1 >/dev/null); check "unknown reply exit" 2 "$?"
check "unknown reply message" "smsdesk: no ticket 99" "$err"
q resolve 99 >/dev/null 2>&1; check "unknown resolve exit" 2 "$?"
err=$(q reply 2 "   " 2>&1 >/dev/null); check "empty reply exit" 2 "$?"
check "empty reply message" "smsdesk: the answer is empty" "$err"
q note 2 "" >/dev/null 2>&1; check "empty note exit" 2 "$?"
check "nothing queued by errors" 2 "$(sql "SELECT COUNT(*) FROM outbox")"
err=$("$smsdesk" queue list --config "$dir/missing.toml" 2>&1 >/dev/null); check "missing config exit" 2 "$?"
check "missing config one line" 1 "$(wc -l <<<"$err")"
"$smsdesk" queue list --config "$dir/smsdesk.toml" --database "$dir/no/such/dir/x.db" >/dev/null 2>&1
check "unopenable database exit" 1 "$?"
"$smsdesk" queue show --config "$dir/smsdesk.toml" >/dev/null 2>&1; check "missing id exit" 2 "$?"

# A message that tries to drive the moderator's terminal: escape sequences
# (window title, clear screen, hidden text), BEL, backspaces, a lone CR, a
# C1 CSI, bidi overrides and isolates, and a byte that is not UTF-8. list
# and show print them as visible escapes and keep the Arabic; JSON keeps the
# text for scripts.
/usr/bin/python3 - "$db" <<'EOF'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
now = int(time.time())
body = ("\x1b]0;pwned\x07\x1b[2J\x1b[Hمرحبا\x1b[8m hidden \x1b[0m paid\b\b\b\bunpaid\rFAKE: resolved\u009b31m\n"
        "\u202etxt.exe\u202c \u2066isolated\u2069 end")
db.execute("INSERT INTO contacts(id, number, created_at) VALUES(3, '+14165550177', ?)", (now,))
db.execute("INSERT INTO tickets(id, contact_id, status, priority, lang, created_at, due_at) "
           "VALUES(3, 3, 'new', 0, 'ar', ?, ?)", (now, now + 7200))
db.execute("INSERT INTO messages(contact_id, direction, body, lang, at, modem, routed_at, ticket_id) "
           "VALUES(3, 'in', ? || CAST(x'ff' AS TEXT), 'ar', ?, 'modem0', ?, 3)", (body, now, now))
db.commit()
EOF
# How many characters of stdin a terminal would act on: C0 but the newline,
# DEL, C1 (as UTF-8), bidi embeddings, overrides and isolates, invalid UTF-8.
acted_on() {
  /usr/bin/python3 -c '
import re, sys
data = sys.stdin.buffer.read()
text = data.decode("utf-8", errors="replace")
print(len(re.findall("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)) + data.count(b"\xff"))'
}
check "show: nothing a terminal acts on" 0 "$(q show 3 | acted_on)"
check "list: nothing a terminal acts on" 0 "$(q list | acted_on)"
out=$(q show 3); check "hostile show exit" 0 "$?"
shown='  \x1b]0;pwned\x07\x1b[2J\x1b[Hمرحبا\x1b[8m hidden \x1b[0m paid\x08\x08\x08\x08unpaid\x0dFAKE: resolved<U+009B>31m'
check "show: escapes visible, Arabic kept" 1 "$(grep -cF "$shown" <<<"$out")"
check "show: bidi controls visible, second line kept" 1 \
  "$(grep -cF '  <U+202E>txt.exe<U+202C> <U+2066>isolated<U+2069> end�' <<<"$out")"
row=$(q list | grep '^3 ')
check "list: preview escaped" 1 "$(grep -cF '\x1b]0;pwned\x07\x1b[2J\x1b[Hمرحبا\x1b[8m hidden' <<<"$row")"
out=$(q show 3 --json); check "hostile show json exit" 0 "$?"
check "json: text as stored" true \
  "$(json "d['messages'][0]['body'].startswith('\x1b]0;pwned\x07') and '\u202e' in d['messages'][0]['body']" <<<"$out")"
check "json: invalid UTF-8 replaced" true "$(json "d['messages'][0]['body'].endswith(' end\ufffd')" <<<"$out")"
q list --json >/dev/null; check "list json exit" 0 "$?"

echo "queue cli: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
