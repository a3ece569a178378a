// All AT response parsers: SMS (27.005) and status/identity/USSD (27.007).
#pragma once

#include "modem/at_parsers_sms.h"     // IWYU pragma: export
#include "modem/at_parsers_status.h"  // IWYU pragma: export
