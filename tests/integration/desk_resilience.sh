#!/usr/bin/env bash
# The daemon under trouble, end to end (virtual phone -> virtual modems ->
# smsdesk run -> virtual phone):
#   - a modem that goes away does not stop the other: its questions' answers
#     leave through the modem still there, and it is used again when back;
#   - a store held busy by another process (a backup, `sqlite3` by hand) for
#     a moment delays answers and loses none — also past the busy timeout,
#     when the modem keeps the message until the store takes it;
#   - SIGHUP reloads the FAQ: a new entry answers without a restart.
#   tests/integration/desk_resilience.sh /path/to/smsdesk
set -euo pipefail
source "$(dirname "$0")/lib/desk_env.sh"
desk_env_init "${1:?usage: desk_resilience.sh /path/to/smsdesk}"
trap desk_env_exit EXIT

# The FAQ as a file of our own, so the test can add an entry and reload.
cp "$DESK_FAQ_CSV" "$DESK_DIR/faq.csv"
DESK_FAQ_CSV=$DESK_DIR/faq.csv
desk_sim_start 2
desk_write_config
desk_daemon_start
modem0=$(desk_modem_number 0)
modem1=$(desk_modem_number 1)

desk_step "a question on modem 0 becomes a ticket, acknowledged from modem 0"
desk_sim text +16135551001 "Can someone call me back about my brother's file?" --to 0 >/dev/null
desk_wait_for_inbox +16135551001 "moderator"
desk_inbox +16135551001 | grep -q "$modem0" || desk_fail "the acknowledgement did not come from modem 0"
ticket=$(desk_sql "SELECT t.id FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.number = '+16135551001'")
[[ -n $ticket ]] || desk_fail "no ticket"

desk_step "modem 0 goes away for 20 s; the desk notices and carries on with modem 1"
desk_sim reset 0 --delay 20s >/dev/null
desk_wait_until 20 "the daemon saw modem 0 go" grep -q "m0: lost" "$DESK_DIR/daemon.log"
desk_sim text +16135551002 "How do I get a bus pass?" --to 1 >/dev/null
desk_wait_for_inbox +16135551002 "Presto"

desk_step "a moderator's answer for the modem-0 ticket leaves through modem 1 meanwhile"
"$DESK_BIN" queue reply "$ticket" "Yes: we will call you tomorrow morning." --config "$DESK_DIR/desk.toml" >/dev/null
desk_wait_for_inbox +16135551001 "call you tomorrow" 15
desk_inbox +16135551001 | grep "call you tomorrow" | grep -q "$modem1" ||
  desk_fail "the answer did not come from modem 1: $(desk_inbox +16135551001)"

desk_step "modem 0 comes back and answers again"
desk_wait_until 60 "modem 0 ready again" bash -c "grep -c 'm0: ready' '$DESK_DIR/daemon.log' | grep -q '^2$'"
desk_sim text +16135551003 "Where is the food bank?" --to 0 >/dev/null
desk_wait_for_inbox +16135551003 "[Ff]ood"
desk_inbox +16135551003 | grep -q "$modem0" || desk_fail "modem 0 did not answer after its return"

# hold_store SECONDS: another process holds the database's write lock.
hold_store() {
  python3 - "$DESK_DIR/desk.db" "$1" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
db.execute("BEGIN EXCLUSIVE")
open(sys.argv[1] + ".held", "w").close()
time.sleep(float(sys.argv[2]))
db.execute("COMMIT")
PY
  DESK_EXTRA_PIDS+=($!)
  desk_wait_until 10 "the store is held" test -e "$DESK_DIR/desk.db.held"
  rm -f "$DESK_DIR/desk.db.held"
}

desk_step "the store is busy for 2 s: the answer waits for it"
hold_store 2
desk_sim text +16135551004 "How do I get a bus pass?" --to 1 >/dev/null
desk_wait_for_inbox +16135551004 "Presto"

desk_step "the store is busy for 8 s (past the 5 s busy timeout): the modem keeps the message, nothing is lost"
hold_store 8
desk_sim text +16135551005 "Where is the food bank?" --to 1 >/dev/null
desk_wait_for_inbox +16135551005 "[Ff]ood" 90
desk_wait_until 10 "one message stored" desk_routed +16135551005 1

desk_step "SIGHUP reloads the FAQ: a new entry answers at once"
cat >>"$DESK_FAQ_CSV" <<'CSV'
snow-removal,en,snow;snow removal;shovel;sidewalk snow;plow,Who clears the snow on my street?,The City plows streets and sidewalks after 7 cm of snow. You must clear your own steps and driveway. Missed street: call 311.
CSV
kill -HUP "$DESK_DAEMON_PID"
desk_wait_until 10 "the reload" grep -q "reloaded" "$DESK_DIR/daemon.log"
desk_sim text +16135551006 "who clears the snow on my street" >/dev/null
desk_wait_for_inbox +16135551006 "plows streets and sidewalks"

desk_step "a broken config on SIGHUP keeps the running one"
echo 'bogus = 1' >>"$DESK_DIR/desk.toml"
kill -HUP "$DESK_DAEMON_PID"
desk_wait_until 10 "the refusal" grep -q "keeping the running one" "$DESK_DIR/daemon.log"
desk_sim text +16135551007 "How do I get a bus pass?" >/dev/null
desk_wait_for_inbox +16135551007 "Presto"

desk_daemon_stop
echo "desk_resilience: ok"
