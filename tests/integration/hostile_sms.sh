#!/usr/bin/env bash
# Hostile texts and hostile people (issue 17): the longest texts an SMS can
# carry on every path, a text of control characters and RTL overrides, a
# 255-part UCS-2 text and 500 texts in 10 s from one number, while other
# people's questions are answered within 2 s; a text that crashes routing is
# set aside after three crashes; forged relay answers and agency alerts act
# for nobody. hostile_sms.py plays the service manager and checks it all.
#   tests/integration/hostile_sms.sh /path/to/smsdesk
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/desk_env.sh"
desk_env_init "${1:?usage: hostile_sms.sh /path/to/smsdesk}"

# hostile_sms.py starts the daemon itself.
trap desk_env_exit_harness EXIT

desk_step "start: 2 virtual modems (255 SIM slots: a 255-part text fits), a moderator, an agency, an admin"
desk_sim_start 2 --sm-slots 300
desk_write_config "auto_replies_per_hour = 5"
cfg=(--config "$DESK_DIR/desk.toml")
"$DESK_BIN" user add "${cfg[@]}" amira --role moderator --phone +16135559001 --password-stdin <<<"moderator-pass-1" >/dev/null
"$DESK_BIN" user pin "${cfg[@]}" amira --pin-stdin <<<"482193" >/dev/null
"$DESK_BIN" user add "${cfg[@]}" city --role agency --phone +16135559000 --password-stdin <<<"agency-password-1" >/dev/null
"$DESK_BIN" user pin "${cfg[@]}" city --pin-stdin <<<"730264" >/dev/null
"$DESK_BIN" user add "${cfg[@]}" root --role admin --phone +16135559003 --password-stdin <<<"admin-password-1" >/dev/null
python3 "$here/hostile_sms.py" "$DESK_BIN" "$DESK_DIR" "$(desk_modem_number 0)" "$(desk_modem_number 1)"
echo "PASS in ${SECONDS} s"
