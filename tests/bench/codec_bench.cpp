// Micro-benchmarks of the PDU codec: PDUs decoded and encoded per second.
// Run by scripts/bench-codec; numbers only, no assertions (docs/style.md).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "modem/sms_pdu.h"

namespace {

using namespace smsdesk::modem;

const char* const kDeliverGsm7 =
    "07911326040000F0040B911346610089F60000208062917314480CC8F71D14969741F977FD07";
const char* const kDeliverUcs2Concat =
    "07919762020033F1400DD0CDF2396C7EBB010008415072411084618C0500035602010053004D005300200063006F00640065003A"
    "00200034003800350036002C00200063006F006E006600690072006D006100740069006F006E0020006F0066002000610073"
    "0073006F00630069006100740069006F006E0020006200650074007700650065006E0020006100630063006F0075006E0074"
    "00200061006E00640020004D00650067";
const char* const kStatusReport = "07917248014000F506B70AA18092020000317071518590803170715185418000";

void DecodeHex(benchmark::State& state, const char* hex) {
  const auto octets = HexToOctets(hex).value();
  for (auto _ : state) {
    auto pdu = DecodePdu(octets);
    benchmark::DoNotOptimize(pdu);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(DecodeHex, deliver_gsm7, kDeliverGsm7);
BENCHMARK_CAPTURE(DecodeHex, deliver_ucs2_concat, kDeliverUcs2Concat);
BENCHMARK_CAPTURE(DecodeHex, status_report, kStatusReport);

void EncodeSubmitText(benchmark::State& state, const std::string& text) {
  SubmitOptions options;
  options.to = "+15551234567";
  ConcatReferenceAllocator refs;
  std::size_t segments = 0;
  for (auto _ : state) {
    auto pdus = EncodeSubmit(text, options, refs);
    segments += pdus->size();
    benchmark::DoNotOptimize(pdus);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(segments));
  state.counters["segments/msg"] = static_cast<double>(segments) / static_cast<double>(state.iterations());
}
BENCHMARK_CAPTURE(EncodeSubmitText, gsm7_short, std::string("Your bus pass renewal is due on Monday."));
BENCHMARK_CAPTURE(EncodeSubmitText, gsm7_3_parts, std::string(400, 'a'));
BENCHMARK_CAPTURE(EncodeSubmitText, arabic_2_parts,
                  std::string("ادفع ببطاقة Presto أو ببطاقة بنكية. الأطفال حتى 10 سنوات مجانا. دخلك منخفض؟ "
                              "اطلب EquiPass المخفض: octranspo.com أو 613-560-5000"));

}  // namespace

BENCHMARK_MAIN();
