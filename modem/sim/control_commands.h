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
//   {"cmd":"ussd-balance","modem":M[,"amount":A][,"text":T][,"encoding":E][,"sms_cost":C]}
//                                                 -> {"balance","amount","currency","text","encoding","sms_cost"}
//   {"cmd":"reset","modem":M[,"delay_ms":D]}
//
// ussd-balance sets what *100# (and *123# then 1) answers: A the balance as
// "12.50 EUR" (a bare number keeps the currency), T the answer's template
// with {balance} ("" restores "Your balance is {balance}. Valid until
// 31.12.2030."), E how the modem frames +CUSD (auto, plain, packed, ucs2:
// modem/sim/ussd_menu.h), C what each SMS part sent takes off the balance.
// With no field it only reports the current settings.
//
// Times in stats are microseconds of the simulator's steady_clock
// (CLOCK_MONOTONIC on Linux, comparable across processes on one machine).
#pragma once

#include <nlohmann/json.hpp>

namespace smsdesk::sim {

class Simulator;

nlohmann::json HandleControlRequest(Simulator& sim, const nlohmann::json& request);

}  // namespace smsdesk::sim
