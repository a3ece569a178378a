#!/usr/bin/env bash
# The trained models in the running desk: `smsdesk run` starts with none,
# trains them in a child process (`smsdesk faq train`, nice 10) while the
# rules answer, installs them, and from then on a danger text the word
# lists miss is raised at once; every acknowledgement ends with the
# emergency line. A restart loads the models instead of training again.
#   tests/integration/desk_models.sh /path/to/smsdesk
set -euo pipefail
source "$(dirname "$0")/lib/desk_env.sh"
desk_env_init "${1:?usage: desk_models.sh /path/to/smsdesk}"
trap desk_env_exit EXIT

log_has() { grep -q "$1" "$DESK_DIR/daemon.log"; }

desk_step "start without models: the daemon trains them in a child process"
desk_sim_start 1
DESK_MODELS=1 desk_write_config
desk_daemon_start
desk_wait_until 10 "the daemon says it trains" log_has "models: none yet"
# Meanwhile the rules answer: an FAQ question is answered now.
desk_sim text +15557100001 "how do i get a library card, i dont have bills with my name yet" >/dev/null
desk_wait_for_inbox +15557100001 "Ottawa Public Library cards are free"
desk_wait_until 300 "the models are trained and installed" log_has "models: trained and installed"
[[ -f $DESK_DIR/desk.db.models/models.json ]] || desk_fail "no models next to the database"
grep -q "trained in .* danger model on" "$DESK_DIR/daemon.log" || desk_fail "the training's report is not in the log"

desk_step "a danger the word lists miss is raised at once"
# The rules alone queue this text (smsdesk faq match --rules-only).
text="my grandpa fell in the bathroom and his face is grey, he is making strange sounds"
rules=$("$DESK_BIN" faq match --faq "$DESK_FAQ_CSV" --rules-only "$text")
grep -q '"decision":"queue"\|"decision":"suggest"' <<<"$rules" || desk_fail "the rules already catch it: $rules"
desk_sim text +15557100002 "$text" >/dev/null
desk_wait_for_inbox +15557100002 "911"
priority=$(desk_sql "SELECT t.priority FROM tickets t JOIN contacts c ON c.id = t.contact_id
                     WHERE c.number = '+15557100002'")
[[ $priority == 1 ]] || desk_fail "the ticket is not urgent (priority '$priority')"

desk_step "an acknowledgement ends with the emergency line"
desk_sim text +15557100003 "can someone call me back tomorrow about my sister's papers" >/dev/null
desk_wait_for_inbox +15557100003 "A moderator will answer"
desk_inbox +15557100003 | grep -q "In danger? Call 911.$" ||
  desk_fail "the acknowledgement does not end with the emergency line: $(desk_inbox +15557100003)"

desk_step "a restart loads the models, it does not train again"
desk_daemon_stop
desk_daemon_start
desk_wait_until 30 "the models are loaded" log_has "models: loaded"
(($(grep -c "models: none yet\|trained and installed" "$DESK_DIR/daemon.log") == 2)) ||
  desk_fail "the restart trained again"
desk_daemon_stop
echo "desk_models: ok"
