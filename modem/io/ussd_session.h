// UssdSession: one USSD dialogue at a time (27.007 §7.15). Start() sends
// AT+CUSD=1,"<code>",15; the answer comes as a +CUSD URC — before or after
// the OK, maybe followed by +CUSD: 2,"Initiating Release" (python-gsmmodem
// #14), which is swallowed. Huawei wants the code as packed GSM-7 hex
// (AA180C3602 for *100#); like ModemManager we try one form, fall back to the
// other on ERROR, and remember the one that worked. Answers are decoded with
// ussd_codec for the TE charset set by init (GSM). Times out after 30 s and
// then cancels the network session with AT+CUSD=2.
//
// Owned by ModemDriver; used on its io_context only.
#pragma once

#include <optional>
#include <string>

#include "modem/io/at_channel.h"
#include "modem/io/driver_options.h"
#include "modem/io/driver_types.h"
#include "modem/ussd_codec.h"

namespace smsdesk::modem {

class UssdSession {
 public:
  using TimePoint = AtChannel::TimePoint;

  UssdSession(AtChannel& channel, const ModemDriverOptions& options, EventHandler events);

  void Configure(bool packed_first, TeCharset charset);
  // Start and Respond send the same command; Respond answers a status-1 screen.
  void Start(std::string code, UssdCallback done);
  void Respond(std::string text, UssdCallback done) { Start(std::move(text), std::move(done)); }
  void Cancel();
  void OnUrc(const Urc& urc);
  void OnLost();

  std::optional<TimePoint> NextDeadline() const { return deadline_; }
  void Tick(TimePoint now);

 private:
  void SendForm(bool packed, bool first_try);
  void Complete(UssdReply reply);

  AtChannel& channel_;
  const ModemDriverOptions& options_;
  EventHandler events_;
  bool packed_ = false, form_known_ = false;
  TeCharset charset_ = TeCharset::kGsm;
  std::string text_;
  UssdCallback pending_;
  std::optional<TimePoint> deadline_;
  std::optional<TimePoint> swallow_release_until_;
  std::uint64_t generation_ = 0;
};

}  // namespace smsdesk::modem
