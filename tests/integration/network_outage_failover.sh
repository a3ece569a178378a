#!/usr/bin/env bash
# A network outage on one of two modems (issue 18): the operator's SMSC
# refuses every send of modem 0 (+CMS ERROR: 500) for 40 s. People who
# texted modem 0 get their answers from modem 1 within seconds, without
# the failed send using an attempt; the systemd status line names modem 0;
# the admin hears about it by one SMS
# from modem 1 after outages.alert_after (10 s here); when the outage ends
# modem 0 takes messages again by itself, its next answer leaves from it,
# the outage ends on record and the admin hears that too.
#   tests/integration/network_outage_failover.sh /path/to/smsdesk
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/desk_env.sh"
desk_env_init "${1:?usage: network_outage_failover.sh /path/to/smsdesk}"
trap desk_env_exit EXIT

ADMIN=+16135559100
desk_sim_start 2
desk_write_config '[outages]' 'probe_first = "1s"' 'probe_max = "5s"' 'alert_after = "10s"'
cfg=(--config "$DESK_DIR/desk.toml")
"$DESK_BIN" user add "${cfg[@]}" ops --role admin --phone "$ADMIN" --password-stdin <<<"admin-password-1" >/dev/null
# What systemd would read: the daemon's sd_notify datagrams, one a line.
python3 - "$DESK_DIR/notify.sock" "$DESK_DIR/notify.log" <<'PY' &
import socket, sys
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as log:
    while True:
        log.write(sock.recv(4096).decode(errors="replace").replace("\n", " ") + "\n")
PY
DESK_EXTRA_PIDS+=($!)
desk_wait_until 10 "the notify socket" test -S "$DESK_DIR/notify.sock"
export NOTIFY_SOCKET=$DESK_DIR/notify.sock
desk_daemon_start
modem0=$(desk_modem_number 0)
modem1=$(desk_modem_number 1)

# answered_from NUMBER MODEM_NUMBER: NUMBER got the bus-pass answer from that modem.
answered_from() { desk_inbox "$1" | grep '^delivered' | grep Presto | grep -q "$2"; }

desk_step "modem 0's SMSC refuses every send for 40 s; people texting modem 0 are answered from modem 1"
desk_sim network 0 down --error 500 --for 40s >/dev/null
down_at=$SECONDS
worst=0
for i in 1 2 3 4 5; do
  number=+1613555100$i
  asked=$SECONDS
  desk_sim text "$number" "How do I get a bus pass?" --to 0 >/dev/null
  desk_wait_until 15 "$number answered from modem 1" answered_from "$number" "$modem1"
  took=$((SECONDS - asked))
  ((took > worst)) && worst=$took
done
echo "   5 people who texted modem 0 answered from modem 1, the slowest in ${worst} s"
((worst <= 10)) || desk_fail "an answer took $worst s to leave through modem 1"
[[ $(desk_sql "SELECT COUNT(*) FROM outbox WHERE state IN ('failed', 'expired')") == 0 ]] || desk_fail "a reply failed"
[[ $(desk_sql "SELECT MAX(attempts) FROM outbox WHERE to_number LIKE '+161355510%'") == 1 ]] ||
  desk_fail "a reply used an attempt on modem 0's outage: $(desk_sql "SELECT id, attempts, network_failures, modem FROM outbox")"
[[ $(desk_sql "SELECT kind FROM modem_outages WHERE modem = 'm0' AND ended_at IS NULL") == network ]] ||
  desk_fail "modem 0's outage is not on record: $(desk_sql "SELECT * FROM modem_outages")"

desk_wait_until 10 "the systemd status names modem 0" grep -q 'STATUS=.*m0 not sending since' "$DESK_DIR/notify.log"
echo "   systemd: $(grep -m1 -o 'STATUS=.*m0 not sending since.*' "$DESK_DIR/notify.log")"

desk_step "the admin gets one SMS about it, from modem 1"
desk_wait_for_inbox "$ADMIN" "m0 cannot send since" 20
desk_inbox "$ADMIN" | grep "m0 cannot send" | grep -q "$modem1" || desk_fail "the admin's SMS did not come from modem 1"
(($(desk_inbox "$ADMIN" | grep -c "m0 cannot send") == 1)) || desk_fail "the admin was told more than once"

desk_step "after the outage modem 0 sends again by itself"
while ((SECONDS - down_at < 41)); do sleep 1; done
sleep 6  # one look (probe_max = 5 s) after the SMSC is back
desk_sim text +16135551006 "How do I get a bus pass?" --to 0 >/dev/null
desk_wait_until 20 "the answer to modem 0 from modem 0" answered_from +16135551006 "$modem0"
desk_wait_until 20 "the outage ended on record" \
  desk_sql_is "SELECT COUNT(*) FROM modem_outages WHERE modem = 'm0' AND ended_at IS NOT NULL" 1
desk_wait_for_inbox "$ADMIN" "m0 sends again" 20
grep -q 'm0: sending again after' "$DESK_DIR/daemon.log" || desk_fail "no journal line for the recovery"

desk_daemon_stop
echo "PASS network_outage_failover"
