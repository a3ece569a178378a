#!/usr/bin/env bash
# The word lists as data in the running desk: a box's own file in
# desk.word_lists adds a danger phrase (check-config names a wrong entry
# with its file and line first), a moderator's phrase added in the console's
# table reaches the running daemon on reload, and a STOP spelling added the
# same way opts the sender out.
#   tests/integration/word_lists.sh /path/to/smsdesk
set -euo pipefail
source "$(dirname "$0")/lib/desk_env.sh"
desk_env_init "${1:?usage: word_lists.sh /path/to/smsdesk}"
trap desk_env_exit EXIT

priority_of() {
  desk_sql "SELECT t.priority FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.number = '$1'"
}
file_text="my grandpa cant feel his feet anymore after the snow"
console_text="jiddo ma 3am y7es b ijre"
for text in "$file_text" "$console_text"; do
  out=$("$DESK_BIN" faq match --faq "$DESK_FAQ_CSV" --rules-only "$text")
  grep -q '"decision":"urgent"' <<<"$out" && desk_fail "the compiled-in lists already catch \"$text\""
done

desk_step "check-config counts the box's lists, and names a wrong entry with its file and line"
mkdir -p "$DESK_DIR/lang"
cat >"$DESK_DIR/lang/local.toml" <<'TOML'
language = "en"
[danger]
medical = ["cant|cannot feel his|her|my feet|legs|hands"]
TOML
desk_sim_start 1
desk_write_config "word_lists = \"$DESK_DIR/lang\""
"$DESK_BIN" check-config --config "$DESK_DIR/desk.toml" | grep -q "danger patterns" ||
  desk_fail "check-config does not count the word lists"
printf 'language = "en"\n[danger]\nfire = ["smoke", "a||b"]\n' >"$DESK_DIR/lang/broken.toml"
err=$("$DESK_BIN" check-config --config "$DESK_DIR/desk.toml" 2>&1 >/dev/null) && desk_fail "check-config exit 0"
grep -q "broken.toml:3: danger.fire: \"a||b\": an empty alternative" <<<"$err" || desk_fail "check-config said: $err"
rm "$DESK_DIR/lang/broken.toml"

desk_step "the box's phrase makes a text urgent"
desk_daemon_start
desk_sim text +15557200001 "$file_text" >/dev/null
desk_wait_for_inbox +15557200001 "911"
[[ $(priority_of +15557200001) == 1 ]] || desk_fail "the ticket is not urgent"

desk_step "a moderator's phrase and STOP spelling reach the running daemon"
desk_sql "INSERT INTO word_list_additions(lang, list, phrase, added_by, added_at)
          VALUES('ar-Latn', 'medical', 'ma|mesh 3am y7es|ye7es', 'mona', 1),
                ('es', 'stop', 'no mas mensajes', 'mona', 1)" >/dev/null
kill -HUP "$DESK_DAEMON_PID"
desk_wait_until 10 "the reload" grep -q "reloaded" "$DESK_DIR/daemon.log"
desk_sim text +15557200002 "$console_text" >/dev/null
desk_wait_for_inbox +15557200002 "911"
[[ $(priority_of +15557200002) == 1 ]] || desk_fail "the moderator's phrase did not make it urgent"
desk_sim text +15557200003 "No mas mensajes!" >/dev/null
desk_wait_until 20 "the opt-out" test "$(desk_sql "SELECT opted_out FROM contacts WHERE number = '+15557200003'")" = 1

desk_step "a wrong phrase in the table is logged and left out; the rest stands"
desk_sql "INSERT INTO word_list_additions(lang, list, phrase, added_by, added_at)
          VALUES('en', 'fire', '*a*', 'mona', 2)" >/dev/null
kill -HUP "$DESK_DAEMON_PID"
desk_wait_until 10 "the wrong phrase logged" grep -q "word lists: console #3 by mona: fire: .*left out" \
  "$DESK_DIR/daemon.log"
desk_sim text +15557200004 "$console_text" >/dev/null
desk_wait_for_inbox +15557200004 "911"
desk_daemon_stop
echo "word_lists: ok"
