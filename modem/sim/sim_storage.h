// The message memories of the virtual modem (3GPP TS 27.005 §3.2.2): "SM" on
// the SIM (few slots, docs/modem.md §1 step 10: MF103 has 10) and "ME" in the phone, plus
// "MT" = ME followed by SM. Messages are kept as the PDU that AT+CMGR prints.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace smsdesk::sim {

enum class Memory { kSm, kMe, kMt };

std::optional<Memory> ParseMemory(std::string_view name);  // "SM", "ME", "MT"
const char* MemoryName(Memory memory);

// TS 27.005 §3.1 <stat> in PDU mode.
enum class MessageStat { kReceivedUnread = 0, kReceivedRead = 1, kStoredUnsent = 2, kStoredSent = 3 };

struct StoredMessage {
  MessageStat stat = MessageStat::kReceivedUnread;
  std::string pdu_hex;  // with the SMSC field
  int tpdu_length = 0;  // octets after the SMSC field
  std::string message_id;  // the network's id, for the stats log
};

class SimStorage {
 public:
  // `first_index` is 1, or 0 for Huawei-like modems.
  SimStorage(int sm_slots, int me_slots, int first_index);

  // Stores in `memory` (MT: ME first, then SM). Returns `memory` and the
  // index as seen through it, or nullopt when full.
  std::optional<std::pair<Memory, int>> Store(Memory memory, StoredMessage message);

  StoredMessage* Find(Memory memory, int index);
  bool Erase(Memory memory, int index);
  // Index order; indices as seen through `memory` (MT renumbers SM after ME).
  std::vector<std::pair<int, const StoredMessage*>> List(Memory memory) const;

  int Used(Memory memory) const;
  int Capacity(Memory memory) const;
  int first_index() const { return first_index_; }

 private:
  using Slots = std::vector<std::optional<StoredMessage>>;
  // Maps a (memory, index) to a slot, nullptr when out of range.
  std::optional<StoredMessage>* Slot(Memory memory, int index);

  Slots sm_;
  Slots me_;
  int first_index_;
};

}  // namespace smsdesk::sim
