#include "modem/sim/virtual_network.h"

#include <algorithm>
#include <ctime>

namespace smsdesk::sim {
namespace {

modem::Timestamp Now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  return modem::Timestamp{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                          tm.tm_sec, 0};
}

std::string IsoNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Join(const std::map<int, std::string>& parts) {
  std::string text;
  for (const auto& [seq, part] : parts) text += part;
  return text;
}

}  // namespace

VirtualNetwork::VirtualNetwork(DeliverFn deliver, std::string smsc)
    : deliver_(std::move(deliver)), smsc_(std::move(smsc)) {}

std::string VirtualNetwork::Normalize(const std::string& number) {
  std::string out;
  for (char c : number) {
    if (c != ' ' && c != '-') out.push_back(c);
  }
  return out;
}

void VirtualNetwork::AddModem(const std::string& number, const std::string& name) {
  modems_[Normalize(number)] = name;
}

bool VirtualNetwork::IsModem(const std::string& number) const {
  return modems_.count(Normalize(number)) > 0;
}

modem::Result<TextResult> VirtualNetwork::SendText(const std::string& from, const std::string& to,
                                                   const std::string& text, bool shuffle) {
  if (!IsModem(to)) return modem::MakeError("no modem has the number " + to);
  if (from.empty()) return modem::MakeError("empty sender");
  modem::DeliverOptions options;
  options.from = from;
  options.smsc = smsc_;
  options.service_centre_time = Now();
  auto parts = modem::EncodeDeliver(text, options, references_);
  if (!parts) return parts.error();
  if (shuffle && parts->size() > 1) {
    // Make sure the order really changes, so tests of reassembly mean something.
    auto original = *parts;
    while (std::equal(parts->begin(), parts->end(), original.begin(),
                      [](const auto& a, const auto& b) { return a.octets == b.octets; })) {
      std::shuffle(parts->begin(), parts->end(), random_);
    }
  }
  TextResult result{"m" + std::to_string(next_id_++), static_cast<int>(parts->size())};
  if (observer_ && !IsModem(from)) observer_(from, Normalize(to), text);
  deliver_(Normalize(to), std::move(*parts), result.message_id);
  return result;
}

void VirtualNetwork::OnSubmit(const std::string& modem_number, const modem::SubmitPdu& pdu,
                              std::uint8_t mr) {
  std::string to = Normalize(pdu.destination.number);
  const auto& header = pdu.user_data.header;
  const bool concatenated = header && header->concat && header->concat->total > 1;
  std::string from_name = modems_.count(modem_number) ? modems_[modem_number] : modem_number;
  auto update_inbox = [&](Assembly* a, bool complete, const std::string& text) {
    if (IsModem(to)) return;
    Phone& phone = phones_[to];
    phone.number = to;
    if (!a || a->parts.size() == 1) {
      phone.inbox.push_back(InboxMessage{.from = modem_number, .modem = from_name, .text = text,
                                         .parts_received = 0, .parts_total = a ? a->total : 1,
                                         .status_report_requested = pdu.status_report_request,
                                         .state = "partial", .received_at = IsoNow(), .mrs = {}});
      if (a) a->inbox_index = phone.inbox.size() - 1;
    }
    InboxMessage& m = phone.inbox[a ? a->inbox_index : phone.inbox.size() - 1];
    m.parts_received = a ? static_cast<int>(a->parts.size()) : 1;
    m.text = text;
    m.mrs.push_back(mr);
    m.status_report_requested = m.status_report_requested || pdu.status_report_request;
    if (complete) m.state = "delivered";
  };
  if (!concatenated) {
    update_inbox(nullptr, true, pdu.user_data.text);
    Complete(modem_number, to, pdu.user_data.text);
    return;
  }
  const modem::ConcatInfo& c = *header->concat;
  std::string key = modem_number + "|" + to + "|" + std::to_string(c.reference) + "|" +
                    std::to_string(c.total);
  Assembly& a = assemblies_[key];
  a.total = c.total;
  a.parts[c.sequence] = pdu.user_data.text;
  bool complete = static_cast<int>(a.parts.size()) >= a.total;
  std::string text = Join(a.parts);
  update_inbox(&a, complete, text);
  if (complete) {
    assemblies_.erase(key);
    Complete(modem_number, to, text);
  }
}

void VirtualNetwork::Complete(const std::string& modem_number, const std::string& to,
                              const std::string& text) {
  if (IsModem(to)) {
    // Modem to modem: the network delivers it like any other SMS (one it
    // cannot encode is lost, as a real network drops it).
    (void)SendText(modem_number, to, text, false);
    return;
  }
  if (observer_) observer_(modem_number, to, text);
  auto it = phones_.find(to);
  if (it != phones_.end() && it->second.robot_reply) {
    (void)SendText(to, modem_number, *it->second.robot_reply, false);  // the robot's own text: always sendable
  }
}

void VirtualNetwork::SetRobot(const std::string& number, std::string reply) {
  Phone& phone = phones_[Normalize(number)];
  phone.number = Normalize(number);
  phone.robot_reply = std::move(reply);
}

void VirtualNetwork::Refuse(const std::string& number, int code) {
  if (code == 0) {
    refused_.erase(Normalize(number));
  } else {
    refused_[Normalize(number)] = code;
  }
}

std::optional<int> VirtualNetwork::Refusal(const std::string& number) const {
  auto it = refused_.find(Normalize(number));
  if (it == refused_.end()) return std::nullopt;
  return it->second;
}

const Phone* VirtualNetwork::FindPhone(const std::string& number) const {
  auto it = phones_.find(Normalize(number));
  return it == phones_.end() ? nullptr : &it->second;
}

}  // namespace smsdesk::sim
