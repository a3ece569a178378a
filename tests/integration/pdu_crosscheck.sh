#!/usr/bin/env bash
# The PDU codec against gammu's, in both directions (see pdu_crosscheck.py).
set -euo pipefail
exec /usr/bin/python3 "$(dirname "$0")/pdu_crosscheck.py" "$1" "${SMSDESK_CROSSCHECK_COUNT:-2000}"
