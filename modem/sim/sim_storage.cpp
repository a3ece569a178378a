#include "modem/sim/sim_storage.h"

namespace smsdesk::sim {

std::optional<Memory> ParseMemory(std::string_view name) {
  if (name == "SM") return Memory::kSm;
  if (name == "ME") return Memory::kMe;
  if (name == "MT") return Memory::kMt;
  return std::nullopt;
}

const char* MemoryName(Memory memory) {
  switch (memory) {
    case Memory::kSm: return "SM";
    case Memory::kMe: return "ME";
    case Memory::kMt: return "MT";
  }
  return "SM";
}

SimStorage::SimStorage(int sm_slots, int me_slots, int first_index)
    : sm_(static_cast<std::size_t>(sm_slots)), me_(static_cast<std::size_t>(me_slots)),
      first_index_(first_index) {}

std::optional<std::pair<Memory, int>> SimStorage::Store(Memory memory, StoredMessage message) {
  auto put = [&](Slots& slots, Memory physical) -> std::optional<std::pair<Memory, int>> {
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (!slots[i]) {
        slots[i] = std::move(message);
        return std::make_pair(physical, static_cast<int>(i) + first_index_);
      }
    }
    return std::nullopt;
  };
  if (memory == Memory::kSm) return put(sm_, Memory::kSm);
  if (memory == Memory::kMe) return put(me_, Memory::kMe);
  // Through MT the index is MT's own numbering, so +CMTI: "MT",<i> matches
  // AT+CMGR=<i> with MT as the read memory.
  if (auto r = put(me_, Memory::kMe)) return std::make_pair(Memory::kMt, r->second);
  if (auto r = put(sm_, Memory::kSm)) {
    return std::make_pair(Memory::kMt, r->second + static_cast<int>(me_.size()));
  }
  return std::nullopt;
}

std::optional<StoredMessage>* SimStorage::Slot(Memory memory, int index) {
  int i = index - first_index_;
  if (i < 0) return nullptr;
  auto at = [&](Slots& slots, int k) -> std::optional<StoredMessage>* {
    return k < static_cast<int>(slots.size()) ? &slots[static_cast<std::size_t>(k)] : nullptr;
  };
  if (memory == Memory::kSm) return at(sm_, i);
  if (memory == Memory::kMe) return at(me_, i);
  if (i < static_cast<int>(me_.size())) return at(me_, i);
  return at(sm_, i - static_cast<int>(me_.size()));
}

StoredMessage* SimStorage::Find(Memory memory, int index) {
  auto* slot = Slot(memory, index);
  return slot && *slot ? &**slot : nullptr;
}

bool SimStorage::Erase(Memory memory, int index) {
  auto* slot = Slot(memory, index);
  if (!slot || !*slot) return false;
  slot->reset();
  return true;
}

std::vector<std::pair<int, const StoredMessage*>> SimStorage::List(Memory memory) const {
  std::vector<std::pair<int, const StoredMessage*>> out;
  auto add = [&](const Slots& slots, int offset) {
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (slots[i]) out.emplace_back(static_cast<int>(i) + offset + first_index_, &*slots[i]);
    }
  };
  if (memory == Memory::kSm) add(sm_, 0);
  if (memory == Memory::kMe) add(me_, 0);
  if (memory == Memory::kMt) {
    add(me_, 0);
    add(sm_, static_cast<int>(me_.size()));
  }
  return out;
}

int SimStorage::Used(Memory memory) const { return static_cast<int>(List(memory).size()); }

int SimStorage::Capacity(Memory memory) const {
  switch (memory) {
    case Memory::kSm: return static_cast<int>(sm_.size());
    case Memory::kMe: return static_cast<int>(me_.size());
    case Memory::kMt: return static_cast<int>(sm_.size() + me_.size());
  }
  return 0;
}

}  // namespace smsdesk::sim
