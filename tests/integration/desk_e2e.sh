#!/usr/bin/env bash
# The help desk end to end: a virtual phone texts a virtual modem, `smsdesk
# run` answers, the phone receives the answer. Checks FAQ answers in Arabic,
# French, English and Arabizi; tickets and their one acknowledgement; a
# moderator's reply through `smsdesk queue reply`; STOP; the loop guard
# against auto-responders; a shuffled multipart question; an urgent text;
# replies leaving from the modem the person texted; a clean SIGTERM.
# Each step texts from its own number, so the steps do not see each other.
#   tests/integration/desk_e2e.sh /path/to/smsdesk
set -euo pipefail
source "$(dirname "$0")/lib/desk_env.sh"
desk_env_init "${1:?usage: desk_e2e.sh /path/to/smsdesk}"
trap desk_env_exit EXIT

# The per-number cap on automatic replies; low so that the loop test hits it.
readonly CAP=3
MODEM0=$(desk_modem_number 0)
MODEM1=$(desk_modem_number 1)

# expect_inbox_count NUMBER N: the phone holds exactly N messages.
expect_inbox_count() {
  local got
  got=$(desk_inbox_count "$1")
  ((got == $2)) || desk_fail "$1 received $got SMS, expected $2:
$(desk_inbox "$1")"
}

# expect_sql SQL EXPECTED WHAT: one query, its whole output compared.
expect_sql() {
  local got
  got=$(desk_sql "$1")
  [[ $got == "$2" ]] || desk_fail "$3: expected '$2', the store says '$got'"
}

# settle NUMBER N: the store holds N routed messages from NUMBER and nothing
# for anyone is left to send; after that no more SMS can come (the daemon
# sends only what it queued). A short extra wait shows it really does not.
settle() {
  desk_wait_until 30 "$2 message(s) from $1 routed" desk_routed "$1" "$2"
  desk_wait_until 30 "the outbox drained" desk_outbox_settled
  sleep 2
}

# expect_faq_answer NUMBER FAQ_ID LANG ANSWER_PATTERN: the phone got the FAQ
# entry's answer in LANG, and only that.
expect_faq_answer() {
  local number=$1 faq=$2 lang=$3 pattern=$4
  desk_wait_for_inbox "$number" "$pattern"
  expect_sql "SELECT m.faq_id, m.lang, m.kind FROM messages m JOIN contacts c ON c.id = m.contact_id
              WHERE c.number = '$number' AND direction = 'out'" "$faq|$lang|auto" "the answer to $number"
  expect_inbox_count "$number" 1
}

# outbox_at_least NUMBER N: the desk has queued N or more SMS for NUMBER.
outbox_at_least() { (($(desk_outbox_count "$1") >= $2)); }

desk_step "start: three virtual modems (the third paced for the robots), the daemon"
desk_sim_start 3
# Modem 2 waits 2 s between sends (30 a minute), so that a robot's answers
# to it are more than a second apart. A robot's identical answers within the
# same second are byte-identical PDUs (the timestamp has one-second
# resolution) and the store keeps one of them, as it keeps one of a part
# re-delivered by the network: that would end the exchange before the cap.
DESK_SENDS_PER_MINUTE=(0 0 30)
desk_write_config "auto_replies_per_hour = $CAP"
desk_daemon_start

desk_step "FAQ questions answered in the asker's language (Arabic, French, English, Arabizi)"
# From tests/data/eval/questions-dev.tsv; `smsdesk faq match` answers each
# automatically. The patterns are words only that language's answer has.
desk_sim text +15557000001 "شلون اطلع كارت الصحة OHIP؟ شنو الاوراق اللي يريدوها؟" >/dev/null
desk_sim text +15557000002 "c quoi le numero sante 811? c gratuit?" >/dev/null
desk_sim text +15557000003 "how do i get a library card, i dont have bills with my name yet" >/dev/null
desk_sim text +15557000004 "fi cours francais bi balash? ana PR" >/dev/null
expect_faq_answer +15557000001 ohip ar "وثائق أصلية"
expect_faq_answer +15557000002 health811 fr "Appelez Santé811"
expect_faq_answer +15557000003 library en "Ottawa Public Library cards are free"
# Arabizi (Arabic in Latin letters) is answered in Arabic script: the FAQ
# has no Arabizi answers, and a phone that shows Latin shows Arabic too.
expect_faq_answer +15557000004 french-classes ar "دروس CLIC للفرنسية"

desk_step "a question the FAQ cannot answer: acknowledged once, queued as a ticket"
asker=+15557000010
desk_sim text "$asker" "can you call me back? 613-555-0187" >/dev/null
desk_wait_for_inbox "$asker" "moderator will answer"
expect_sql "SELECT COUNT(*), status, priority FROM tickets t JOIN contacts c ON c.id = t.contact_id
            WHERE c.number = '$asker'" "1|new|0" "ticket for $asker"
expect_sql "SELECT acked_at IS NOT NULL FROM tickets t JOIN contacts c ON c.id = t.contact_id
            WHERE c.number = '$asker'" "1" "the ticket is marked acknowledged"
desk_sim text "$asker" "my case worker hasnt called me back in 2 weeks, her name is Sarah. can you call her" >/dev/null
settle "$asker" 2
expect_inbox_count "$asker" 1
expect_sql "SELECT COUNT(DISTINCT ticket_id), COUNT(*) FROM messages m JOIN contacts c ON c.id = m.contact_id
            WHERE c.number = '$asker' AND direction = 'in'" "1|2" "both questions on one ticket"

desk_step "a moderator's answer (smsdesk queue reply) reaches the phone"
ticket=$(desk_sql "SELECT t.id FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.number = '$asker'")
grep -qE '^ +queue ' <<<"$("$DESK_BIN" --help)" ||
  desk_fail "this smsdesk has no 'queue' command (smsdesk queue reply TICKET TEXT --config FILE)"
"$DESK_BIN" queue reply "$ticket" "Hello, this is Mona from the desk. I will call you tomorrow at 10:00." \
  --config "$DESK_DIR/desk.toml" >"$DESK_DIR/queue.out" || desk_fail "queue reply: $(cat "$DESK_DIR/queue.out")"
# The reply wakes the daemon (SIGUSR1 found through the lock file): seconds,
# not the next housekeeping hour.
desk_wait_for_inbox "$asker" "Mona from the desk" 20
expect_inbox_count "$asker" 2
expect_sql "SELECT kind, first_answer_at IS NOT NULL FROM messages m JOIN tickets t ON t.id = m.ticket_id
            WHERE m.id = (SELECT MAX(id) FROM messages WHERE direction = 'out' AND ticket_id = $ticket)" \
  "reply|1" "the moderator's reply in the thread"

desk_step "STOP: confirmed once, then silence, even for FAQ questions"
stopper=+15557000020
desk_sim text "$stopper" "STOP" >/dev/null
desk_wait_for_inbox "$stopper" "You will not get any more messages"
expect_sql "SELECT opted_out FROM contacts WHERE number = '$stopper'" "1" "opted out"
# A second later: within the same second, the same text from the same phone
# is the same PDU (see the start), stored once as a re-delivery would be.
sleep 1.1
desk_sim text "$stopper" "STOP" >/dev/null
desk_sim text "$stopper" "how do i get a library card, i dont have bills with my name yet" >/dev/null
settle "$stopper" 3
expect_inbox_count "$stopper" 1
expect_sql "SELECT body FROM messages m JOIN contacts c ON c.id = m.contact_id
            WHERE c.number = '$stopper' AND direction = 'in' ORDER BY m.id DESC LIMIT 1" \
  "how do i get a library card, i dont have bills with my name yet" "the question is kept"
expect_sql "SELECT COUNT(*) FROM consents s JOIN contacts c ON c.id = s.contact_id
            WHERE c.number = '$stopper' AND action = 'stop'" "1" "one STOP in the consent log"

desk_step "an auto-responder robot: the desk stops answering it"
# A phone that answers every SMS with the same thanks. Its thanks join the
# ticket its first text opened, and a ticket is acknowledged once: the desk
# falls silent before the cap is needed.
robot=+15557000030
desk_sim robot "$robot" --reply "Thanks! Your message has been received." >/dev/null
desk_sim text "$robot" "Hello, can someone call me back please" >/dev/null
desk_wait_for_inbox "$robot" "moderator will answer"
sleep 3  # the robot's thanks go out and come back
desk_wait_until 30 "the outbox drained" desk_outbox_settled
sent=$(desk_outbox_count "$robot")
((sent >= 1 && sent <= CAP)) || desk_fail "the desk sent $sent SMS to the robot (cap $CAP)"
sleep 3
(($(desk_outbox_count "$robot") == sent)) || desk_fail "the desk kept texting the robot"
echo "   the desk sent $sent SMS to the thanking robot (cap $CAP)"

desk_step "a robot that answers HELP to everything: only the cap stops the desk"
# Each HELP is a keyword with a reply, never folded as a repeat: here the
# per-number cap is what ends the exchange, after exactly CAP replies. It
# texts the paced modem (see the start); the first "help" differs from the
# robot's "HELP" for the same reason.
robot=+15557000031
desk_sim robot "$robot" --reply "HELP" >/dev/null
desk_sim text "$robot" "help" --to 2 >/dev/null
desk_wait_until 30 "$CAP replies to the HELP robot" outbox_at_least "$robot" "$CAP"
desk_wait_until 30 "the robot's answer to the last reply routed" desk_routed "$robot" $((CAP + 1))
desk_wait_until 30 "the outbox drained" desk_outbox_settled
sleep 3
expect_sql "SELECT COUNT(*) FROM outbox WHERE to_number = '$robot'" "$CAP" "SMS from the desk to the HELP robot"
expect_sql "SELECT COUNT(*) FROM messages m JOIN contacts c ON c.id = m.contact_id
            WHERE c.number = '$robot' AND direction = 'in'" "$((CAP + 1))" "HELPs the robot sent"
expect_inbox_count "$robot" "$CAP"

desk_step "a long question in 4 parts, delivered out of order: answered once"
asker=+15557000040
question="مرحبا، نحنا عيلة جديدة وصلنا على أوتاوا من شهر مع ولادنا التلاتة، وما منعرف شي هون لسا والدنيا برد كتير. جوزي بدو يروح على الشغل كل يوم بالباص وأنا بدي روح على دروس الانجليزي. بدي اعرف كيف بطلع bus pass شهري وقديش بيكلف، لأنو دخلنا قليل كتير؟"
desk_sim text "$asker" "$question" --shuffle >/dev/null
desk_wait_for_inbox "$asker" "ادفع ببطاقة Presto"
settle "$asker" 1
expect_inbox_count "$asker" 1
expect_sql "SELECT body = '$question', incomplete FROM messages m JOIN contacts c ON c.id = m.contact_id
            WHERE c.number = '$asker' AND direction = 'in'" "1|0" "the question, whole"
expect_sql "SELECT COUNT(*), COUNT(message_id) FROM inbound_parts WHERE sender = '$asker'" "4|4" \
  "the question's parts, all assembled"

desk_step "an urgent text: the emergency number at once, an urgent ticket"
asker=+15557000050
desk_sim text "$asker" "He hits me and I am scared for my life" >/dev/null
desk_wait_for_inbox "$asker" "911"
expect_sql "SELECT priority FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.number = '$asker'" \
  "1" "the ticket's priority"
expect_inbox_count "$asker" 1

desk_step "the answer comes from the modem the person texted"
asker=+15557000060
desk_sim text "$asker" "are you open on saturday?" --to 1 >/dev/null
desk_wait_for_inbox "$asker" "Our moderators answer Monday to Friday"
from=$(desk_inbox "$asker" | cut -f2)
[[ $from == "$MODEM1" ]] || desk_fail "the answer came from $from, not modem 1 ($MODEM1)"
asker=+15557000061
desk_sim text "$asker" "are you open on saturday?" --to 0 >/dev/null
desk_wait_for_inbox "$asker" "Our moderators answer Monday to Friday"
from=$(desk_inbox "$asker" | cut -f2)
[[ $from == "$MODEM0" ]] || desk_fail "the answer came from $from, not modem 0 ($MODEM0)"

desk_step "nothing failed, nothing left; SIGTERM stops the daemon cleanly"
expect_sql "SELECT COUNT(*) FROM outbox WHERE state NOT IN ('sent', 'delivered')" "0" "unsent outbox rows"
expect_sql "SELECT COUNT(*) FROM messages WHERE direction = 'in' AND routed_at IS NULL" "0" "unrouted messages"
desk_daemon_stop
grep -q "stopped" "$DESK_DIR/daemon.log" || desk_fail "no 'stopped' in the daemon's log"
echo PASS
