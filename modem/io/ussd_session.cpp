#include "modem/io/ussd_session.h"

#include <utility>

namespace smsdesk::modem {

using Clock = std::chrono::steady_clock;

UssdSession::UssdSession(AtChannel& channel, const ModemDriverOptions& options, EventHandler events)
    : channel_(channel), options_(options), events_(std::move(events)) {}

void UssdSession::Configure(bool packed_first, TeCharset charset) {
  if (!form_known_) packed_ = packed_first;
  charset_ = charset;
}

void UssdSession::Start(std::string code, UssdCallback done) {
  if (pending_) {
    if (done) done(UssdReply{false, -1, {}, "a USSD request is already waiting for its answer"});
    return;
  }
  text_ = std::move(code);
  pending_ = std::move(done);
  deadline_ = Clock::now() + options_.ussd_timeout;
  ++generation_;
  SendForm(packed_, true);
}

void UssdSession::SendForm(bool packed, bool first_try) {
  auto str = packed ? EncodeUssdPackedHex(text_) : EncodeUssdPlain(text_, charset_);
  if (!str) {
    if (first_try) return SendForm(!packed, false);
    return Complete(UssdReply{false, -1, {}, "cannot encode the USSD string: " + str.error().message});
  }
  AtCommand command{"AT+CUSD=1,\"" + *str + "\",15", {}};
  command.options.timeout = options_.ussd_timeout;
  const std::uint64_t generation = generation_;
  channel_.Run(Lane::kControl, std::move(command), [this, generation, packed, first_try](const CommandDone& d) {
    if (generation != generation_) {
      // The answer URC came first and completed the request; the form worked.
      if (d.ok() && !form_known_) {
        packed_ = packed;
        form_known_ = true;
      }
      return;
    }
    if (d.ok()) {
      packed_ = packed;
      form_known_ = true;
      return;  // the answer follows as +CUSD
    }
    if (d.status == CommandStatus::kCompleted && first_try && !form_known_) return SendForm(!packed, false);
    Complete(UssdReply{false, -1, {},
                       d.status == CommandStatus::kCompleted ? DescribeFinal(d.final)
                                                             : std::string(CommandStatusName(d.status))});
  });
}

void UssdSession::Cancel() {
  if (pending_) Complete(UssdReply{false, -1, {}, "cancelled"});
  channel_.Run(Lane::kControl, AtCommand{"AT+CUSD=2", {}}, nullptr);
}

void UssdSession::OnUrc(const Urc& urc) {
  if (urc.kind != UrcKind::kCusd) return;
  auto cusd = ParseCusdIndication(urc.line);
  if (!cusd) return;
  UssdReply reply{true, cusd->status, {}, {}};
  if (cusd->text) {
    auto text = DecodeUssdString(*cusd->text, cusd->dcs, charset_);
    if (text) {
      reply.text = text->text;
    } else {
      reply.text = *cusd->text;
    }
  }
  if (cusd->status == 4) reply.error = "not supported by the network";
  if (!pending_) {
    // "+CUSD: 2,"Initiating Release"" right after an answer is the tail of it.
    if (cusd->status == 2 && swallow_release_until_ && Clock::now() < *swallow_release_until_) return;
    events_(UssdNotification{reply});
    return;
  }
  form_known_ = true;
  Complete(std::move(reply));
}

void UssdSession::OnLost() {
  if (pending_) Complete(UssdReply{false, -1, {}, "port closed"});
}

void UssdSession::Tick(TimePoint now) {
  if (!deadline_ || now < *deadline_) return;
  Complete(UssdReply{false, -1, {}, "timed out"});
  channel_.Run(Lane::kControl, AtCommand{"AT+CUSD=2", {}}, nullptr);
}

void UssdSession::Complete(UssdReply reply) {
  ++generation_;
  deadline_.reset();
  swallow_release_until_ = Clock::now() + std::chrono::seconds{2};
  UssdCallback done = std::exchange(pending_, {});
  if (done) done(reply);
}

}  // namespace smsdesk::modem
