# shellcheck shell=bash
# Shared set-up for the desk's end-to-end scripts (desk_*.sh in ../):
# virtual modems (`smsdesk sim`), a config, the daemon (`smsdesk run`), and
# ways to look at what the virtual phones received and what the store holds.
# Sourced, never run: the scripts set `set -euo pipefail` themselves.
#
#   source "$(dirname "$0")/lib/desk_env.sh"
#   desk_env_init "$1"; trap desk_env_exit EXIT
#   desk_sim_start 2; desk_write_config; desk_daemon_start
#
# Everything lives in $DESK_DIR (a fresh temporary directory): the control
# socket, the modems' links, desk.toml, desk.db, sim.log and daemon.log.
# On failure the logs' ends are printed and the directory is kept.

DESK_BIN=
DESK_DIR=
DESK_SIM_PID=
DESK_DAEMON_PID=
DESK_MODEMS=0
# Sends per minute for modem i, when set (desk_write_config); 0 (unpaced) if not.
DESK_SENDS_PER_MINUTE=()
# Other background processes of the test (senders…), stopped on exit.
DESK_EXTRA_PIDS=()
DESK_FAQ_CSV=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../data/eval" && pwd)/faq-ottawa.csv

# desk_env_init BINARY: the temporary directory and the sim's socket.
desk_env_init() {
  DESK_BIN=${1:?the smsdesk binary}
  [[ -x $DESK_BIN ]] || { echo "FAIL: $DESK_BIN is not an executable" >&2; exit 1; }
  DESK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/smsdesk-desk.XXXXXX")
  export SMSDESK_SIM_SOCKET=$DESK_DIR/sim.sock
}

# The EXIT trap: stop what we started; on failure show why and keep the files.
desk_env_exit() {
  local status=$? pid
  for pid in "${DESK_EXTRA_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ -n $DESK_DAEMON_PID ]]; then
    kill -KILL "$DESK_DAEMON_PID" 2>/dev/null || true
    wait "$DESK_DAEMON_PID" 2>/dev/null || true
  fi
  if [[ -n $DESK_SIM_PID ]]; then
    kill -TERM "$DESK_SIM_PID" 2>/dev/null || true
    wait "$DESK_SIM_PID" 2>/dev/null || true
  fi
  [[ -n $DESK_DIR ]] || return 0
  if ((status != 0)); then
    desk_show_logs
    echo "files kept in $DESK_DIR" >&2
  else
    rm -rf "$DESK_DIR"
  fi
}

# The EXIT trap of scripts whose Python harness starts the daemon itself and
# writes its pid to daemon.pid: a daemon left behind by a harness that died
# is killed too, then desk_env_exit with the script's status.
desk_env_exit_harness() {
  local status=$? pid
  set +e  # errexit would end the trap at `(exit 1)` and skip the clean-up
  if [[ -f $DESK_DIR/daemon.pid ]]; then
    pid=$(<"$DESK_DIR/daemon.pid")
    kill -KILL "$pid" 2>/dev/null
  fi
  (exit "$status")  # desk_env_exit reads the script's status from $?
  desk_env_exit
}

desk_show_logs() {
  local log
  for log in daemon.log sim.log; do
    [[ -f $DESK_DIR/$log ]] || continue
    echo "---- last 80 lines of $log ($DESK_DIR/$log) ----" >&2
    tail -n 80 "$DESK_DIR/$log" >&2
  done
}

desk_fail() {
  echo "FAIL: $*" >&2
  exit 1
}

desk_step() { echo "== $*"; }

# desk_sim ARGS…: a control command to the running simulator. The timeout
# keeps a hung simulator from hanging the test.
desk_sim() { timeout 20 "$DESK_BIN" sim "$@"; }

# desk_modem_number I: the phone number of modem I (0-based).
desk_modem_number() { printf '+155500000%02d' $(($1 + 1)); }

# desk_sim_start N [SIM ARGS…]: N virtual modems m0…m(N-1), fast (50 ms per
# part, or DESK_SIM_LATENCY) so that the tests spend their time on the desk,
# not on the radio.
desk_sim_start() {
  local n=$1 i links=() numbers=
  shift
  for ((i = 0; i < n; i++)); do
    links+=(--link "$DESK_DIR/m$i")
    numbers+=${numbers:+,}$(desk_modem_number "$i")
  done
  "$DESK_BIN" sim "${links[@]}" --number "$numbers" --latency "${DESK_SIM_LATENCY:-50ms}" "$@" \
    >"$DESK_DIR/sim.out" 2>"$DESK_DIR/sim.log" &
  DESK_SIM_PID=$!
  DESK_MODEMS=$n
  local _
  for _ in $(seq 100); do
    [[ -S $SMSDESK_SIM_SOCKET && -L $DESK_DIR/m$((n - 1)) ]] && break
    kill -0 "$DESK_SIM_PID" 2>/dev/null || desk_fail "the simulator exited at start"
    sleep 0.1
  done
  desk_sim modems >/dev/null || desk_fail "the simulator does not answer on $SMSDESK_SIM_SOCKET"
}

# desk_write_config [LINE…]: desk.toml for the running simulator's modems,
# unpaced (virtual modems) unless DESK_SENDS_PER_MINUTE says otherwise, and
# with the Ottawa FAQ. Each LINE ("key = value") goes into [desk], e.g.
# "auto_replies_per_hour = 3".
# shellcheck disable=SC2120  # the [desk] lines are optional
desk_write_config() {
  local i line
  {
    echo "database = \"$DESK_DIR/desk.db\""
    echo 'log_level = "debug"'
    for ((i = 0; i < DESK_MODEMS; i++)); do
      printf '[[modem]]\nid = "m%d"\ndevice = "%s"\nsends_per_minute = %d\n' \
        "$i" "$DESK_DIR/m$i" "${DESK_SENDS_PER_MINUTE[i]:-0}"
    done
    # The web console on a free port: tests run side by side.
    printf '[console]\nbind = "127.0.0.1:0"\n'
    # Trained models only where a test asks for them (DESK_MODELS=1): the
    # training takes both cores for half a minute.
    printf '[faq]\nfile = "%s"\nmodels = %s\n[desk]\n' "$DESK_FAQ_CSV" \
      "$([ "${DESK_MODELS:-0}" = 1 ] && echo true || echo false)"
    for line in "$@"; do echo "$line"; done
  } >"$DESK_DIR/desk.toml"
  "$DESK_BIN" check-config --config "$DESK_DIR/desk.toml" >/dev/null ||
    desk_fail "desk.toml: $(cat "$DESK_DIR/desk.toml")"
}

# desk_daemon_start: starts `smsdesk run` and waits until every modem is
# ready. The log is appended across restarts; only this run's lines count.
desk_daemon_start() {
  local from i _
  touch "$DESK_DIR/daemon.log"
  from=$(($(wc -l <"$DESK_DIR/daemon.log") + 1))
  echo "---- smsdesk run started $(date +%T.%N | cut -c1-12) ----" >>"$DESK_DIR/daemon.log"
  "$DESK_BIN" run --config "$DESK_DIR/desk.toml" >>"$DESK_DIR/daemon.log" 2>&1 &
  DESK_DAEMON_PID=$!
  for _ in $(seq 300); do  # 30 s: a slow, busy machine
    local ready=0
    for ((i = 0; i < DESK_MODEMS; i++)); do
      tail -n +"$from" "$DESK_DIR/daemon.log" | grep -q "m$i: ready" && ready=$((ready + 1))
    done
    ((ready == DESK_MODEMS)) && return 0
    kill -0 "$DESK_DAEMON_PID" 2>/dev/null || desk_fail "the daemon exited at start"
    sleep 0.1
  done
  desk_fail "the daemon's modems were not all ready within 30 s"
}

# desk_daemon_stop: SIGTERM, as systemd stops it; it must exit 0 soon.
desk_daemon_stop() {
  local pid=$DESK_DAEMON_PID _
  [[ -n $pid ]] || return 0
  kill -TERM "$pid"
  for _ in $(seq 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && desk_fail "the daemon did not stop within 15 s of SIGTERM"
  DESK_DAEMON_PID=
  wait "$pid" || desk_fail "the daemon exited with status $? after SIGTERM"
}

# desk_daemon_kill: a crash (power cut, OOM killer): SIGKILL, no goodbye.
desk_daemon_kill() {
  local pid=$DESK_DAEMON_PID
  [[ -n $pid ]] || return 0
  kill -0 "$pid" 2>/dev/null || desk_fail "the daemon (pid $pid) died on its own"
  kill -KILL "$pid"
  wait "$pid" 2>/dev/null || true
  DESK_DAEMON_PID=
  echo "---- killed with SIGKILL $(date +%T.%N | cut -c1-12) ----" >>"$DESK_DIR/daemon.log"
}

# desk_sql SQL: the rows, fields joined by '|', one row a line. Python's
# sqlite3 (always there) rather than the sqlite3 CLI (not always installed);
# the daemon keeps writing meanwhile (WAL), hence the busy timeout.
desk_sql() {
  python3 - "$DESK_DIR/desk.db" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=30)
for row in db.execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))
db.commit()  # an UPDATE (tests that age a row) must stick
PY
}

# desk_inbox NUMBER: what the virtual phone received, one message a line:
# "STATE<TAB>FROM<TAB>TEXT" (newlines in the text become spaces).
desk_inbox() {
  desk_sim inbox "$1" --json | python3 -c '
import json, sys
for m in json.load(sys.stdin)["messages"]:
    print(m["state"], m["from"], m["text"].replace("\n", " "), sep="\t")'
}

desk_inbox_count() { desk_inbox "$1" | wc -l; }

# Predicates for desk_wait_until (which runs its command again each time; a
# "$(…)" in its arguments would be expanded only once):
#   desk_inbox_at_least NUMBER N    the phone received at least N messages
#   desk_sql_is SQL VALUE           the query prints exactly VALUE
desk_inbox_at_least() { (($(desk_inbox_count "$1") >= $2)); }
desk_sql_is() { [[ $(desk_sql "$1") == "$2" ]]; }

# desk_wait_for_inbox NUMBER PATTERN [SECONDS]: until a complete message
# matching PATTERN (grep -E) is in the phone's inbox; polls every 0.2 s.
desk_wait_for_inbox() {
  local number=$1 pattern=$2 seconds=${3:-30} deadline
  deadline=$((SECONDS + seconds))
  local texts
  while ((SECONDS < deadline)); do
    texts=$(desk_inbox "$number" | grep '^delivered' | cut -f3-) || true
    grep -qE -- "$pattern" <<<"$texts" && return 0
    sleep 0.2
  done
  desk_fail "no SMS matching /$pattern/ reached $number within $seconds s; its inbox:
$(desk_inbox "$number")"
}

# desk_wait_until SECONDS DESCRIPTION COMMAND…: polls COMMAND (every 0.2 s)
# until it succeeds.
desk_wait_until() {
  local seconds=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || desk_fail "not within $seconds s: $what"
    sleep 0.2
  done
}

# desk_routed NUMBER COUNT: the store holds COUNT inbound messages from
# NUMBER and has routed them all (its decisions, and their replies, are rows).
desk_routed() {
  local row
  row=$(desk_sql "SELECT COUNT(*), COUNT(m.routed_at) FROM messages m JOIN contacts c ON c.id = m.contact_id
                  WHERE c.number = '$1' AND m.direction = 'in'")
  [[ $row == "$2|$2" ]]
}

# desk_outbox_count NUMBER: replies the desk queued for NUMBER (any state).
desk_outbox_count() { desk_sql "SELECT COUNT(*) FROM outbox WHERE to_number = '$1'"; }

# desk_outbox_settled: nothing waits to be sent or is being sent.
desk_outbox_settled() {
  [[ $(desk_sql "SELECT COUNT(*) FROM outbox WHERE state IN ('queued', 'sending')") == 0 ]]
}
