#!/usr/bin/env bash
# smsdesk.service's watchdog (issue 9), without systemd: watchdog.py plays
# the service manager (NOTIFY_SOCKET, WATCHDOG_USEC, WATCHDOG_PID) around
# `smsdesk run` on two virtual modems. READY=1 and STATUS= come; WATCHDOG=1
# comes every WATCHDOG_USEC/2; the loop is made to hang (SIGSTOP) and the
# missed pings get it killed (SIGABRT, then SIGKILL) and restarted
# (Restart=on-failure); the restarted desk answers the text that arrived
# during the hang and a new one, each stored and answered once; SIGTERM gives
# STOPPING=1 and exit 0; with WATCHDOG_PID naming another process it never
# pings. See watchdog.py for the details.
#   tests/integration/watchdog.sh /path/to/smsdesk
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/desk_env.sh"
desk_env_init "${1:?usage: watchdog.sh /path/to/smsdesk}"

# watchdog.py starts the daemon itself (it must set WATCHDOG_PID after fork).
trap desk_env_exit_harness EXIT

readonly MODEMS=2
desk_step "start: $MODEMS virtual modems, a config with the Ottawa FAQ"
desk_sim_start "$MODEMS"
desk_write_config
python3 "$here/watchdog.py" "$DESK_BIN" "$DESK_DIR" "$(desk_modem_number 0)" "$MODEMS"
echo "PASS in ${SECONDS} s"
