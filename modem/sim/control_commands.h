// The control protocol of `smsdesk sim` (JSON lines over the control socket):
// each request names a command in "cmd"; each answer has "ok" and, on
// failure, "error". Commands:
//
//   {"cmd":"ping"}
//   {"cmd":"modems"}                              -> {"modems":[{name,number,imei,...}]}
//   {"cmd":"text","from":F,"text":T[,"to":N][,"shuffle":true]}  -> {"id","parts","to"}
//   {"cmd":"inbox","number":N}                    -> {"messages":[...],"robot":...}
//   {"cmd":"robot","number":N,"reply":T}
//   {"cmd":"fault","modem":M,"kind":K[,"args":[...]]}
//   {"cmd":"stats"[,"modem":M][,"events":false]}   -> {"now_us", "modems":[...]}
//   {"cmd":"ussd-balance","modem":M[,"amount":A][,"text":T][,"encoding":E][,"sms_cost":C]
//    [,"no_credit_error":N]}
//                                                 -> {"balance","amount","currency","text","encoding","sms_cost",
//                                                     "no_credit_error"}
//   {"cmd":"network","modem":M,"state":"down"[,"mode":"smsc"|"unregistered"][,"send_error":S][,"for_ms":F]}
//   {"cmd":"network","modem":M,"state":"up"}
//                                                 -> {"modem","state"[,"mode","send_error"][,"ends_at_us"]}
//   {"cmd":"reset","modem":M[,"delay_ms":D]}
//
// ussd-balance sets what *100# (and *123# then 1) answers: A the balance as
// "12.50 EUR" (a bare number keeps the currency), T the answer's template
// with {balance} ("" restores "Your balance is {balance}. Valid until
// 31.12.2030."), E how the modem frames +CUSD (auto, plain, packed, ucs2:
// modem/sim/ussd_menu.h), C what each SMS part sent takes off the balance,
// N the +CMS ERROR (1..999, default 21) a send gets while the balance is
// below C (nothing is charged then; a top-up makes sends work again). With
// no field it only reports the current settings.
//
// network takes the network around modem M down or brings it back. Mode
// "smsc" (the default): still registered with signal, but every AT+CMGS
// answers +CMS ERROR S (default 500) after its normal latency. Mode
// "unregistered": +CREG/+CGREG/+CEREG report stat 2 (with URCs where the
// client enabled them), +CSQ: 99,99, +COPS: 0, and sends fail with S
// (default 331, no network service). With F the network comes back by
// itself after F ms; "up" ends it at once and cancels that; a second "down"
// replaces the first; resets do not end it. Without "state" it only reports.
// Events "network_down" (mode, code) and "network_up" go to the stats, which
// also show each modem's "network".
//
// Times in stats are microseconds of the simulator's steady_clock
// (CLOCK_MONOTONIC on Linux, comparable across processes on one machine).
#pragma once

#include <nlohmann/json.hpp>

namespace smsdesk::sim {

class Simulator;

nlohmann::json HandleControlRequest(Simulator& sim, const nlohmann::json& request);

}  // namespace smsdesk::sim
