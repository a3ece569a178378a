#!/usr/bin/env bash
# A network outage never costs a person their answer (issue 18), on one
# virtual modem. The waits are scaled down: the modem is looked at 1 s after
# it stopped, then 2, 4, 5, 5… s apart (outages.probe_first and probe_max;
# 30 s and 5 min in production), so a 30 s outage here stands for a
# 10-minute one. Each phase checks every person's inbox and the store:
#   1. the operator's SMSC refuses every send (+CMS ERROR: 500) for 30 s
#      while ten people ask: every reply leaves after it ends, none failed,
#      no attempt used, the modem tried about once per look (not 5 times per
#      message), the outage is on record with its reason and the journal
#      warned after outages.alert_after;
#   2. no network at all (unregistered; sends answer +CMS ERROR: 331) for
#      20 s: the same, and the replies leave within seconds of the modem
#      registering again;
#   3. bad destinations (+CMS ERROR: 1, an unassigned number, fails at
#      once; 27, out of service, after desk.send_attempts) fail and never
#      stop the modem;
#   4. a SIM out of credit (the operator answers +CMS ERROR: 21 while the
#      USSD balance is 0.00): replies wait, the outage says "credit" with
#      the balance read over USSD, and a top-up lets them all go;
#   5. the box crashes (SIGKILL) during an outage: the restarted daemon
#      resumes it (same start on record) and the replies still leave.
#   tests/integration/network_outage.sh /path/to/smsdesk
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/desk_env.sh"
desk_env_init "${1:?usage: network_outage.sh /path/to/smsdesk}"
trap desk_env_exit EXIT

desk_sim_start 1
desk_sim ussd-balance 0 "25.00 EUR" --sms-cost 0.10 >/dev/null
desk_write_config 'send_attempts = 2' \
  '[outages]' 'probe_first = "1s"' 'probe_max = "5s"' 'alert_after = "10s"' \
  '[credit]' 'check_every = "12h"' 'first_check_after = "0s"'
cfg=(--config "$DESK_DIR/desk.toml")
"$DESK_BIN" user add "${cfg[@]}" ops --role admin --phone +16135559100 --password-stdin <<<"admin-password-1" >/dev/null
desk_daemon_start
desk_wait_until 20 "the first credit reading" desk_sql_is "SELECT COUNT(*) FROM sim_credit WHERE amount IS NOT NULL" 1

# cms_errors: +CMS ERROR answers the virtual modem gave so far.
cms_errors() {
  desk_sim stats --json --modem 0 | python3 -c '
import json, sys
print(sum(1 for e in json.load(sys.stdin)["modems"][0].get("events", []) if e["kind"] == "cms_error"))'
}
# ask FIRST LAST: people +1613555FIRST..LAST ask how to get a bus pass (an FAQ answer).
ask() {
  local i
  for ((i = $1; i <= $2; i++)); do
    desk_sim text "+1613555$(printf '%04d' "$i")" "How do I get a bus pass?" >/dev/null
  done
}
# all_answered FIRST LAST: each of them has the FAQ's answer in their inbox.
all_answered() {
  local i
  for ((i = $1; i <= $2; i++)); do
    desk_inbox "+1613555$(printf '%04d' "$i")" | grep '^delivered' | grep -q Presto || return 1
  done
}
no_failed() {
  desk_sql_is "SELECT COUNT(*) FROM outbox WHERE state IN ('failed', 'expired') AND to_number NOT LIKE '+16135553%'" 0
}
open_outage() { desk_sql "SELECT kind || '|' || reason FROM modem_outages WHERE ended_at IS NULL"; }

desk_step "1. the SMSC refuses every send for 30 s while ten people ask"
errors_before=$(cms_errors)
desk_sim network 0 down --error 500 --for 30s >/dev/null
outage_started=$SECONDS
ask 1001 1010
desk_wait_until 20 "the modem stopped sending, on record" \
  desk_sql_is "SELECT COUNT(*) FROM modem_outages WHERE ended_at IS NULL AND kind = 'network'" 1
desk_wait_until 20 "ten replies queued, those tried waiting for the network" \
  desk_sql_is "SELECT COUNT(*) = 10 AND SUM(waiting_since IS NOT NULL) >= 2 FROM outbox
               WHERE to_number LIKE '+16135551%' AND state = 'queued'" 1
open_outage | grep -q '^network|+CMS ERROR: 500' || desk_fail "outage on record: $(open_outage)"
grep -q 'm0: stopped sending (+CMS ERROR: 500' "$DESK_DIR/daemon.log" || desk_fail "no journal line for the stop"
desk_wait_until 25 "the journal's warning after alert_after" grep -q 'm0: has not sent since' "$DESK_DIR/daemon.log"
grep -q 'no other modem can send, so the admins are not told by SMS' "$DESK_DIR/daemon.log" ||
  desk_fail "with one modem the admins cannot be told by SMS, and the journal should say so"
desk_wait_until 60 "every reply after the outage" all_answered 1001 1010
took=$((SECONDS - outage_started))
no_failed || desk_fail "a reply failed: $(desk_sql "SELECT id, state, last_error FROM outbox WHERE state IN ('failed','expired')")"
[[ $(desk_sql "SELECT MAX(attempts) FROM outbox WHERE to_number LIKE '+16135551%'") == 1 ]] ||
  desk_fail "a reply used more than one attempt: $(desk_sql "SELECT id, attempts, network_failures FROM outbox")"
tried=$(($(cms_errors) - errors_before))
echo "   all 10 answered ${took} s after the outage began (30 s); the modem tried ${tried} times meanwhile"
((tried <= 15)) || desk_fail "the modem tried $tried times during a 30 s outage (a look each 1-5 s, one message each)"
desk_wait_until 10 "the outage ended on record" desk_sql_is "SELECT COUNT(*) FROM modem_outages WHERE ended_at IS NULL" 0
grep -q 'm0: sending again after' "$DESK_DIR/daemon.log" || desk_fail "no journal line for the recovery"

desk_step "2. no network at all for 20 s (unregistered, +CMS ERROR: 331)"
desk_sim network 0 down --mode unregistered --for 20s >/dev/null
down_at=$SECONDS
ask 2001 2005
desk_wait_until 20 "the replies wait" \
  desk_sql_is "SELECT COUNT(*) FROM outbox WHERE to_number LIKE '+16135552%' AND state = 'queued'" 5
desk_wait_until 60 "every reply after the network came back" all_answered 2001 2005
after=$((SECONDS - down_at - 20))
echo "   all 5 answered ${after} s after the network came back"
((after <= 10)) || desk_fail "the replies took $after s after the network came back"
no_failed || desk_fail "a reply failed after no network"

desk_step "3. bad destinations fail after their attempts and never stop the modem"
# queue_reply NUMBER: a reply queued as the desk queues one (the outbox
# row), then SIGUSR1 as `smsdesk queue reply` sends.
queue_reply() {
  desk_sql "INSERT INTO outbox(to_number, body, priority, state, next_attempt_at, created_at)
            VALUES('$1', 'A reply to a number the network refuses', 2, 'queued',
                   strftime('%s','now'), strftime('%s','now'))" >/dev/null
  kill -USR1 "$DESK_DAEMON_PID"
}
unassigned=+16135553999  # +CMS ERROR: 1, unassigned number: no retry can help
absent=+16135553998      # +CMS ERROR: 27, destination out of service: retried, then failed
desk_sim refuse "$unassigned" --error 1 >/dev/null
desk_sim refuse "$absent" --error 27 >/dev/null
queue_reply "$unassigned"
queue_reply "$absent"
ask 3001 3001
desk_wait_for_inbox +16135553001 Presto 20
desk_wait_until 20 "the unassigned number failed at once" \
  desk_sql_is "SELECT state || '|' || attempts || '|' || network_failures FROM outbox WHERE to_number = '$unassigned'" "failed|1|0"
desk_wait_until 60 "the absent destination failed after its 2 attempts (desk.send_attempts)" \
  desk_sql_is "SELECT state || '|' || attempts || '|' || network_failures FROM outbox WHERE to_number = '$absent'" "failed|2|0"
desk_sql "SELECT last_error FROM outbox WHERE to_number = '$absent'" | grep -q 'CMS ERROR: 27' ||
  desk_fail "the absent destination's error: $(desk_sql "SELECT last_error FROM outbox WHERE to_number = '$absent'")"
[[ $(desk_sql "SELECT COUNT(*) FROM modem_outages") == 2 ]] ||
  desk_fail "a bad destination stopped the modem: $(desk_sql "SELECT * FROM modem_outages")"

desk_step "4. a SIM out of credit: replies wait, a top-up lets them go"
desk_sim ussd-balance 0 "0.00 EUR" >/dev/null
ask 4001 4003
desk_wait_until 20 "the modem stopped for credit" \
  desk_sql_is "SELECT kind FROM modem_outages WHERE ended_at IS NULL" credit
desk_wait_until 20 "the balance read over USSD is the reason" \
  grep -q 'out of credit: SIM credit 0.00 EUR' "$DESK_DIR/daemon.log"
sleep 3  # a few looks and trials while the SIM has nothing
desk_sql_is "SELECT COUNT(*) FROM outbox WHERE to_number LIKE '+16135554%' AND state = 'queued'" 3 ||
  desk_fail "the replies should wait: $(desk_sql "SELECT to_number, state, last_error FROM outbox WHERE to_number LIKE '+16135554%'")"
desk_sim ussd-balance 0 "5.00 EUR" >/dev/null
desk_wait_until 30 "every reply after the top-up" all_answered 4001 4003
no_failed || desk_fail "a reply failed while out of credit"
desk_wait_until 20 "the credit outage ended" desk_sql_is "SELECT COUNT(*) FROM modem_outages WHERE ended_at IS NULL" 0

desk_step "5. the box crashes during an outage: the outage and the waiting replies survive it"
desk_sim network 0 down --error 500 >/dev/null
ask 5001 5002
desk_wait_until 20 "an outage on record" desk_sql_is "SELECT COUNT(*) FROM modem_outages WHERE ended_at IS NULL" 1
outage=$(desk_sql "SELECT id || '|' || started_at FROM modem_outages WHERE ended_at IS NULL")
desk_daemon_kill
desk_daemon_start
grep -q 'm0: not sending since .*its first message tests it' "$DESK_DIR/daemon.log" ||
  desk_fail "the restarted daemon did not resume the outage"
sleep 2
[[ $(desk_sql "SELECT id || '|' || started_at FROM modem_outages WHERE ended_at IS NULL") == "$outage" ]] ||
  desk_fail "the outage on record changed across the crash: $(desk_sql "SELECT * FROM modem_outages")"
desk_sim network 0 up >/dev/null
desk_wait_until 30 "both answered after the crash and the outage" all_answered 5001 5002
desk_wait_until 10 "the outage ended" desk_sql_is "SELECT COUNT(*) FROM modem_outages WHERE ended_at IS NULL" 0
no_failed || desk_fail "a reply failed across the crash"

desk_daemon_stop
echo "PASS network_outage"
