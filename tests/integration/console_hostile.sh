#!/usr/bin/env bash
# The web console under hostile input (raw sockets: oversized and malformed
# requests, path traversal, a flood of connections, scripts by SMS, forged
# and under-privileged API tokens). The console runs inside the daemon, so
# the real stake is the desk: after all of it the daemon still answers SMS.
# console_hostile.py does the attacking and says what it checks.
#   tests/integration/console_hostile.sh /path/to/smsdesk
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/desk_env.sh"
desk_env_init "${1:?usage: console_hostile.sh /path/to/smsdesk}"
trap desk_env_exit EXIT

# The accounts come from `smsdesk user`; say so plainly if this build lacks it.
grep -qE '^ +user ' <<<"$("$DESK_BIN" --help)" || desk_fail "$DESK_BIN has no 'user' command (accounts)"

desk_step "start: one virtual modem, the daemon with its console on a free port"
desk_sim_start 1
desk_write_config
desk_daemon_start
# "console on http://127.0.0.1:0 (port 40123)": the port the kernel picked.
port=$(sed -n 's/.*console on http:\/\/[^ ]* (port \([0-9]*\)).*/\1/p' "$DESK_DIR/daemon.log" | tail -n 1)
[[ -n $port ]] || desk_fail "the daemon did not say where its console is"
echo "   console on http://127.0.0.1:$port"

python3 "$here/console_hostile.py" "$DESK_BIN" "$DESK_DIR" "$port"

desk_step "the daemon is still running"
kill -0 "$DESK_DAEMON_PID" || desk_fail "the daemon died under hostile input"
