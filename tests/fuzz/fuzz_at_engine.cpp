// Fuzzes the AT engine with arbitrary modem output while commands of every
// shape are in flight (plain, prefixed, PDU lines, prompt + PDU, free-form),
// and the response parsers with whatever the engine returns: never a crash,
// never unbounded memory.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "modem/at_engine.h"
#include "modem/at_parsers_sms.h"
#include "modem/at_parsers_status.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace smsdesk::modem;
  using namespace std::chrono_literals;
  AtEngine engine;
  engine.Submit(AtCommand{"AT+CMGL=4", {.response_prefix = "+CMGL:", .pdu_lines = true}});
  engine.Submit(AtCommand{"AT+CMGS=23", {.response_prefix = "+CMGS:", .pdu = "0011000B915155661632F4"}});
  engine.Submit(AtCommand{"ATI", {.free_form = true}});
  engine.Submit(AtCommand{"AT+CSQ", {.response_prefix = "+CSQ:"}});
  engine.Submit(AtCommand{"AT+CMGR=1", {.response_prefix = "+CMGR:", .pdu_lines = true}});
  auto now = std::chrono::steady_clock::time_point{} + 1h;
  engine.Tick(now);
  // Feed in chunks whose sizes come from the data itself, advancing time.
  std::size_t i = 0;
  while (i < size) {
    const std::size_t chunk = 1 + data[i] % 64;
    const std::size_t n = std::min(chunk, size - i);
    engine.Feed(std::span<const std::uint8_t>(data + i, n), now);
    now += std::chrono::milliseconds(data[i] * 100);
    engine.Tick(now);
    (void)engine.TakeOutput();
    for (const auto& event : engine.TakeEvents()) {
      if (const auto* done = std::get_if<CommandDone>(&event)) {
        const std::string response = done->Response();
        (void)ParseCmglResponse(response).ok();
        (void)ParseCmgrResponse(response).ok();
        (void)ParseCmgsResponse(response).ok();
        (void)ParseCsqResponse(response).ok();
        (void)ParseCpmsResponse(response).ok();
        (void)ParseCregResponse(response).ok();
        (void)ParseCpinResponse(response).ok();
      }
    }
    i += n;
  }
  return 0;
}
