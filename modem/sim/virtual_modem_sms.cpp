// VirtualModem: handlers of the SMS commands of 3GPP TS 27.005 in PDU mode: storage
// (CPMS, CMGL, CMGR, CMGD, CMGW), indications (CNMI), sending (CMGS, CMMS)
// and status reports (TS 23.040 §9.2.2.3).

#include "modem/at_text.h"
#include "modem/sim/virtual_modem.h"

namespace smsdesk::sim {
namespace {

using Kind = AtCommand::Kind;

// AT arguments are decimal (V.250 §5.3.1); the AT layer's parser serves both sides.
using modem::ParseDecimal;

bool MatchesStat(MessageStat stat, int wanted) {
  return wanted == 4 || static_cast<int>(stat) == wanted;
}

constexpr int kCmsInvalidPdu = 304;
constexpr int kCmsOperationNotAllowed = 302;
constexpr int kCmsInvalidIndex = 321;
constexpr int kCmsMemoryFull = 322;
constexpr int kCmsUnknown = 500;

}  // namespace

// Fixed answers (the "=?" forms, +CMGF?, +CNMA) are data in the command table
// (virtual_modem_commands.cpp); a handler here only sees the forms the table
// does not answer.

VirtualModem::Reply VirtualModem::ExecuteCmgf(const AtCommand& cmd) {
  auto v = cmd.args.empty() ? std::optional<int>(0) : ParseDecimal(cmd.args);
  if (v != 0) return Reply::Cms(kCmsOperationNotAllowed);  // text mode is not offered
  return Reply::Ok();
}

VirtualModem::Reply VirtualModem::ExecuteCsca(const AtCommand& cmd) {
  if (cmd.kind == Kind::kSet) {
    auto args = SplitArguments(cmd.args);
    if (args.empty() || args[0].empty()) return Reply::Cms(kCmsUnknown);
    identity_.smsc = DecodeTeString(args[0], settings_.cscs);
    return Reply::Ok();
  }
  std::string toa = identity_.smsc.starts_with("+") ? "145" : "129";
  return Reply::Ok({"+CSCA: \"" + EncodeTeString(identity_.smsc, settings_.cscs) + "\"," + toa});
}

VirtualModem::Reply VirtualModem::ExecuteCsms(const AtCommand& cmd) {
  if (cmd.kind == Kind::kRead) return Reply::Ok({"+CSMS: " + std::to_string(settings_.csms) + ",1,1,1"});
  auto args = SplitArguments(cmd.args);
  auto v = args.empty() ? std::nullopt : ParseDecimal(args[0]);
  if (!v || *v < 0 || *v > 1) return Reply::Cms(kCmsOperationNotAllowed);
  settings_.csms = *v;
  return Reply::Ok({"+CSMS: 1,1,1"});
}

VirtualModem::Reply VirtualModem::ExecuteCpms(const AtCommand& cmd) {
  auto usage = [&](Memory m) {
    return std::to_string(storage_.Used(m)) + "," + std::to_string(storage_.Capacity(m));
  };
  if (cmd.kind == Kind::kRead) {
    auto one = [&](Memory m) { return "\"" + std::string(MemoryName(m)) + "\"," + usage(m); };
    return Reply::Ok({"+CPMS: " + one(settings_.mem1) + "," + one(settings_.mem2) + "," + one(settings_.mem3)});
  }
  auto args = SplitArguments(cmd.args);
  if (args.empty() || args.size() > 3) return Reply::Cms(kCmsOperationNotAllowed);
  Memory* targets[] = {&settings_.mem1, &settings_.mem2, &settings_.mem3};
  std::vector<Memory> chosen;
  for (const std::string& a : args) {
    auto m = ParseMemory(a);
    if (!m) return Reply::Cms(kCmsOperationNotAllowed);
    chosen.push_back(*m);
  }
  for (std::size_t i = 0; i < chosen.size(); ++i) *targets[i] = chosen[i];
  RetryPendingIncoming();
  return Reply::Ok({"+CPMS: " + usage(settings_.mem1) + "," + usage(settings_.mem2) + "," +
                    usage(settings_.mem3)});
}

VirtualModem::Reply VirtualModem::ExecuteCnmi(const AtCommand& cmd) {
  if (cmd.kind == Kind::kRead) {
    return Reply::Ok({"+CNMI: " + std::to_string(settings_.cnmi_mode) + "," + std::to_string(settings_.cnmi_mt) +
                      "," + std::to_string(settings_.cnmi_bm) + "," + std::to_string(settings_.cnmi_ds) + "," +
                      std::to_string(settings_.cnmi_bfr)});
  }
  auto args = SplitArguments(cmd.args);
  int values[5] = {settings_.cnmi_mode, settings_.cnmi_mt, settings_.cnmi_bm, settings_.cnmi_ds,
                   settings_.cnmi_bfr};
  const int max[5] = {2, 3, 2, 2, 1};
  if (args.size() > 5) return Reply::Cms(kCmsOperationNotAllowed);
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].empty()) continue;
    auto v = ParseDecimal(args[i]);
    if (!v || *v < 0 || *v > max[i]) return Reply::Cms(kCmsOperationNotAllowed);
    values[i] = *v;
  }
  settings_.cnmi_mode = values[0], settings_.cnmi_mt = values[1], settings_.cnmi_bm = values[2];
  settings_.cnmi_ds = values[3], settings_.cnmi_bfr = values[4];
  return Reply::Ok();
}

VirtualModem::Reply VirtualModem::ExecuteCmms(const AtCommand& cmd) {
  const bool cmms = cmd.name == "+CMMS";  // else +CGSMS
  int& setting = cmms ? settings_.cmms : settings_.cgsms;
  if (cmd.kind == Kind::kRead) return Reply::Ok({cmd.name + ": " + std::to_string(setting)});
  auto v = ParseDecimal(cmd.args);
  if (!v || *v < 0 || *v > (cmms ? 2 : 3)) return Reply::Cms(kCmsOperationNotAllowed);
  setting = *v;
  return Reply::Ok();
}

VirtualModem::Reply VirtualModem::ExecuteList(const AtCommand& cmd) {
  int wanted = 0;  // no argument: "received unread" (27.005 §3.4.2)
  if (cmd.kind == Kind::kSet) {
    auto v = ParseDecimal(cmd.args);
    if (!v || *v < 0 || *v > 4) return Reply::Cms(kCmsOperationNotAllowed);
    wanted = *v;
  }
  Reply r;
  for (auto [index, msg] : storage_.List(settings_.mem1)) {
    if (!MatchesStat(msg->stat, wanted)) continue;
    r.lines.push_back("+CMGL: " + std::to_string(index) + "," +
                      std::to_string(static_cast<int>(msg->stat)) + ",," +
                      std::to_string(msg->tpdu_length));
    r.lines.back() += "\r\n" + msg->pdu_hex;
    if (auto* m = storage_.Find(settings_.mem1, index); m && m->stat == MessageStat::kReceivedUnread) {
      m->stat = MessageStat::kReceivedRead;
    }
  }
  return r;
}

VirtualModem::Reply VirtualModem::ExecuteRead(const AtCommand& cmd) {
  auto index = ParseDecimal(SplitArguments(cmd.args).empty() ? "" : SplitArguments(cmd.args)[0]);
  if (cmd.kind != Kind::kSet || !index) return Reply::Cms(kCmsOperationNotAllowed);
  StoredMessage* msg = storage_.Find(settings_.mem1, *index);
  if (!msg) {
    bool in_range = *index >= storage_.first_index() &&
                    *index < storage_.first_index() + storage_.Capacity(settings_.mem1);
    if (in_range && identity_.profile->empty_read_bare_ok) return Reply{};
    return Reply::Cms(kCmsInvalidIndex);
  }
  std::string stat = identity_.profile->cmgr_without_stat
                         ? ""
                         : std::to_string(static_cast<int>(msg->stat));
  Reply r{.lines = {"+CMGR: " + stat + ",," + std::to_string(msg->tpdu_length) + "\r\n" +
                    msg->pdu_hex}};
  if (msg->stat == MessageStat::kReceivedUnread) msg->stat = MessageStat::kReceivedRead;
  return r;
}

VirtualModem::Reply VirtualModem::ExecuteDelete(const AtCommand& cmd) {
  if (cmd.kind == Kind::kTest) {
    std::string used;
    for (auto [index, msg] : storage_.List(settings_.mem1)) {
      used += (used.empty() ? "" : ",") + std::to_string(index);
    }
    return Reply::Ok({"+CMGD: (" + used + "),(0-4)"});
  }
  auto args = SplitArguments(cmd.args);
  auto index = args.empty() ? std::nullopt : ParseDecimal(args[0]);
  int flag = args.size() > 1 ? ParseDecimal(args[1]).value_or(-1) : 0;
  if (!index || flag < 0 || flag > 4) return Reply::Cms(kCmsOperationNotAllowed);
  if (flag == 0) {
    bool in_range = *index >= storage_.first_index() &&
                    *index < storage_.first_index() + storage_.Capacity(settings_.mem1);
    if (!in_range) return Reply::Cms(kCmsInvalidIndex);
    storage_.Erase(settings_.mem1, *index);
  } else {
    // 1: read; 2: read and sent; 3: read, sent and unsent; 4: all (27.005 §3.5.4).
    for (auto [i, msg] : storage_.List(settings_.mem1)) {
      int stat = static_cast<int>(msg->stat);
      bool drop = flag == 4 || stat == 1 || (flag >= 2 && stat == 3) || (flag >= 3 && stat == 2);
      if (drop) storage_.Erase(settings_.mem1, i);
    }
  }
  // Space freed: the SMSC retries what it could not deliver.
  Schedule(std::chrono::milliseconds(100), [this] { RetryPendingIncoming(); });
  return Reply{};
}

VirtualModem::Reply VirtualModem::StartPdu(const AtCommand& cmd, bool write_to_memory) {
  auto args = SplitArguments(cmd.args);
  auto length = args.empty() ? std::nullopt : ParseDecimal(args[0]);
  if (cmd.kind != Kind::kSet || !length || *length < 7 || *length > 180) {
    return Reply::Cms(kCmsOperationNotAllowed);
  }
  pdu_length_ = *length;
  pdu_write_ = write_to_memory;
  mode_ = Mode::kPdu;
  if (identity_.profile->zte_urcs_in_send && !write_to_memory) {
    output_ += "\r\n+ZDONR: \"01\",\"01\",\"01\",\"CS_ONLY\",\"ROAM_OFF\"\r\n";
  }
  output_ += "\r\n> ";  // no EOL after the prompt (docs/modem.md §2)
  return Reply::Pending();
}

void VirtualModem::CompletePdu(const std::string& hex) {
  auto fail = [this](int code) {
    mode_ = Mode::kCommand;
    stats_.Record(MakeEvent(now_, "cms_error").WithCode(code));
    Respond(Reply::Cms(code));
    FlushDeferredUrcs();
  };
  auto octets = modem::HexToOctets(hex);
  if (!octets || octets->empty()) return fail(kCmsInvalidPdu);
  int tpdu_length = static_cast<int>(octets->size()) - 1 - (*octets)[0];
  if (tpdu_length != pdu_length_) return fail(kCmsInvalidPdu);
  auto decoded = modem::DecodePdu(*octets, true);
  if (!decoded || !std::holds_alternative<modem::SubmitPdu>(*decoded)) return fail(kCmsInvalidPdu);
  if (pdu_write_) {
    auto stored = storage_.Store(settings_.mem2, StoredMessage{.stat = MessageStat::kStoredUnsent,
                                                               .pdu_hex = modem::OctetsToHex(*octets),
                                                               .tpdu_length = tpdu_length});
    if (!stored) return fail(kCmsMemoryFull);
    mode_ = Mode::kCommand;
    Respond(Reply::Ok({"+CMGW: " + std::to_string(stored->second)}));
    FlushDeferredUrcs();
    return;
  }
  modem::SubmitPdu submit = std::get<modem::SubmitPdu>(std::move(*decoded));
  mode_ = Mode::kBusy;
  ++sends_;
  // The RP link stays up between sends only with AT+CMMS (27.005 §3.5.6);
  // otherwise every send pays for setting it up again.
  bool link_open = settings_.cmms != 0 && last_send_end_ && now_ - *last_send_end_ <= timing_.link_idle;
  auto delay = timing_.send_latency + (link_open ? std::chrono::milliseconds(0) : timing_.link_setup);
  if (identity_.profile->zte_urcs_in_send) output_ += "\r\n+ZPASR: \"UMTS\"\r\n";
  bool inject_error = false;
  if (faults_.send_error_countdown > 0 && --faults_.send_error_countdown == 0) inject_error = true;
  int error_code = faults_.send_error_code;
  Schedule(delay, [this, submit = std::move(submit), inject_error, error_code] {
    last_send_end_ = now_;
    // The network decides when it answers: an outage or an empty account
    // that began during the latency fails this send too.
    std::optional<int> refused =
        inject_error ? std::optional<int>(error_code) : SendRefusal(submit.destination.number);
    if (refused) {
      stats_.Record(MakeEvent(now_, "cms_error").WithDestination(submit.destination.number).WithCode(*refused));
      Respond(Reply::Cms(*refused));
    } else {
      FinishSubmit(submit);
    }
    FinishBusy();
  });
}

std::optional<int> VirtualModem::SendRefusal(const std::string& destination) const {
  if (outage_) return outage_->send_error;
  // Prepaid charging rejects the part before the SMSC takes it: nothing is
  // charged, and a top-up makes the next send work.
  if (!ussd_.CanPaySms()) return ussd_.no_credit_error();
  if (hooks_.destination_refused) return hooks_.destination_refused(destination);
  return std::nullopt;
}

void VirtualModem::FinishSubmit(const modem::SubmitPdu& submit) {
  std::uint8_t mr = next_mr_++;
  ModemEvent event = MakeEvent(now_, "cmgs");
  event.WithDestination(submit.destination.number).WithMr(mr);
  event.text_hash = TextHash(submit.user_data.text);
  if (submit.user_data.header && submit.user_data.header->concat) {
    event.part = submit.user_data.header->concat->sequence;
    event.parts = submit.user_data.header->concat->total;
  }
  stats_.Record(std::move(event));
  ++stats_.parts_sent;
  Respond(Reply::Ok({"+CMGS: " + std::to_string(mr)}));
  ussd_.ChargeSms();  // the operator bills each part the network accepted
  if (hooks_.submitted) hooks_.submitted(submit, mr);
  if (submit.status_report_request) {
    Schedule(timing_.status_report_delay, [this, submit, mr] { SendStatusReport(submit, mr); });
  }
}

void VirtualModem::SendStatusReport(const modem::SubmitPdu& submit, std::uint8_t mr) {
  modem::StatusReportPdu report;
  if (auto smsc = modem::ParseAddress(identity_.smsc)) report.smsc = *smsc;
  report.message_reference = mr;
  report.recipient = submit.destination;
  report.service_centre_time = modem::Timestamp{2024, 5, 1, 12, 0, 0, 0};
  report.discharge_time = modem::Timestamp{2024, 5, 1, 12, 0, 1, 0};
  report.status_code = 0x00;  // delivered
  modem::EncodedPdu pdu = modem::EncodeStatusReport(report);
  if (settings_.cnmi_ds == 1) {
    stats_.Record(MakeEvent(now_, "cds").WithMr(mr));
    EmitUrc("+CDS: " + std::to_string(pdu.tpdu_length) + "\r\n" + pdu.Hex());
    return;
  }
  if (settings_.cnmi_ds == 2) {
    auto stored = storage_.Store(settings_.mem3, StoredMessage{.stat = MessageStat::kReceivedUnread,
                                                               .pdu_hex = pdu.Hex(),
                                                               .tpdu_length = pdu.tpdu_length});
    if (stored) AnnounceStored(stored->first, stored->second, "", true);
  }
}

}  // namespace smsdesk::sim
