#!/usr/bin/env bash
# The web console in headless Chromium (issue acceptance): a moderator and a
# volunteer at work against the real daemon and virtual phones. This script
# sets up the desk (tests/integration/lib/desk_env.sh); console.py drives the
# browsers through chromedriver (tests/browser/webdriver.py) and says what it
# checks.
#   tests/browser/console.sh /path/to/smsdesk
# Exit 77 (CTest: skipped) when Chromium or chromedriver is not installed:
# scripts/test installs them (scripts/lib/packages.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

for tool in "${SMSDESK_CHROMIUM:-/usr/bin/chromium}" "${SMSDESK_CHROMEDRIVER:-/usr/bin/chromedriver}"; do
  if [[ ! -x $tool ]]; then
    echo "SKIP: $tool is not installed (apt-get install chromium chromium-driver, or run scripts/test)"
    exit 77
  fi
done

source "$here/../integration/lib/desk_env.sh"
desk_env_init "${1:?usage: console.sh /path/to/smsdesk}"
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

python3 "$here/console.py" "$DESK_BIN" "$DESK_DIR" "http://127.0.0.1:$port"

desk_step "the daemon is still running"
kill -0 "$DESK_DAEMON_PID" || desk_fail "the daemon died during the browser tests"
