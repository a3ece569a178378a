// VirtualNetwork: the phones and the SMS centre around the virtual modems.
// A phone texting a modem becomes SMS-DELIVER parts for that modem; a SUBMIT
// from a modem goes to another modem when the number is one of theirs, and
// otherwise into a virtual phone's inbox (reassembled from its concatenated
// parts, TS 23.040 §9.2.3.24.1). A phone in robot mode answers every message.
//
// Pure: delivery to modems goes through the DeliverFn the Simulator gives,
// time through the `now` arguments. Single-threaded.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "modem/result.h"
#include "modem/sms_pdu.h"

namespace smsdesk::sim {

struct InboxMessage {
  std::string from;         // the sending modem's number
  std::string modem;        // the sending modem's name
  std::string text;         // reassembled; missing parts are left out
  int parts_received = 0;
  int parts_total = 1;
  bool status_report_requested = false;
  std::string state;        // "partial" until every part arrived, then "delivered"
  std::string received_at;  // ISO 8601, wall clock
  std::vector<int> mrs;     // TP-MR of each part, as the modem answered +CMGS
};

struct Phone {
  std::string number;
  std::vector<InboxMessage> inbox;
  std::optional<std::string> robot_reply;  // answer every SMS with this text
};

struct TextResult {
  std::string message_id;
  int parts = 0;
};

class VirtualNetwork {
 public:
  // Hands DELIVER parts to the modem with this number (message id for stats).
  using DeliverFn = std::function<void(const std::string& modem_number,
                                       std::vector<modem::EncodedPdu> parts,
                                       const std::string& message_id)>;

  explicit VirtualNetwork(DeliverFn deliver, std::string smsc = "+15550000100");

  void AddModem(const std::string& number, const std::string& name);
  bool IsModem(const std::string& number) const;

  // A phone (or alphanumeric sender, or short code) texts a modem's number.
  modem::Result<TextResult> SendText(const std::string& from, const std::string& to,
                                     const std::string& text, bool shuffle);

  // A modem's SUBMIT part, accepted with `mr`.
  void OnSubmit(const std::string& modem_number, const modem::SubmitPdu& pdu, std::uint8_t mr);

  void SetRobot(const std::string& number, std::string reply);
  // Every modem's send to `number` is refused with +CMS ERROR `code` (1: an
  // unassigned number, 0xC4: a barred destination…); 0 takes it again.
  void Refuse(const std::string& number, int code);
  std::optional<int> Refusal(const std::string& number) const;

  // Sees every whole text crossing the network (a phone's text accepted for
  // a modem, a modem's text complete in a phone's inbox), for `smsdesk demo`
  // to show the conversation as it happens.
  using TrafficFn = std::function<void(const std::string& from, const std::string& to, const std::string& text)>;
  void SetObserver(TrafficFn observer) { observer_ = std::move(observer); }
  const Phone* FindPhone(const std::string& number) const;
  const std::map<std::string, Phone>& phones() const { return phones_; }

 private:
  struct Assembly {
    std::map<int, std::string> parts;  // sequence -> text
    int total = 1;
    std::size_t inbox_index = 0;       // where the partial message sits (phones)
  };
  void Complete(const std::string& modem_number, const std::string& to, const std::string& text);
  static std::string Normalize(const std::string& number);

  DeliverFn deliver_;
  TrafficFn observer_;
  std::string smsc_;
  std::map<std::string, std::string> modems_;  // number -> name
  std::map<std::string, Phone> phones_;
  std::map<std::string, int> refused_;  // number -> +CMS ERROR code
  std::map<std::string, Assembly> assemblies_;  // "modem|to|ref|total"
  modem::ConcatReferenceAllocator references_{0x40};
  std::mt19937 random_{20240501};
  int next_id_ = 1;
};

}  // namespace smsdesk::sim
