// VirtualModem: the command table. Every AT command the modem knows is one row:
// its name(s), its fixed answers as data and, for answers that depend on state,
// a handler (virtual_modem_general.cpp, virtual_modem_sms.cpp). A command not
// in the table answers +CME ERROR: 4 (operation not supported).

#include <array>
#include <initializer_list>
#include <optional>
#include <span>
#include <unordered_map>

#include "modem/sim/virtual_modem.h"

namespace smsdesk::sim {

struct VirtualModem::CommandSpec {
  static constexpr std::size_t kMaxNames = 9;  // per row
  static constexpr std::size_t kMaxLines = 7;  // per fixed answer (+CLAC)

  // One info line of a fixed answer: a text, or a text followed by a field of
  // the modem's profile (AT+CGMI…) or identity (AT+CGSN…).
  struct Line {
    constexpr Line() = default;
    constexpr Line(const char* text) : text(text) {}  // NOLINT(google-explicit-constructor): table data
    constexpr Line(std::string_view text, std::string_view SimProfile::*field) : text(text), profile_field(field) {}
    constexpr Line(std::string_view text, std::string ModemIdentity::*field) : text(text), identity_field(field) {}

    std::string_view text;
    std::string_view SimProfile::*profile_field = nullptr;
    std::string ModemIdentity::*identity_field = nullptr;
  };

  // A fixed answer: info lines and OK, or a final error.
  struct Fixed {
    std::array<Line, kMaxLines> lines{};
    std::size_t line_count = 0;
    Reply::Final final = Reply::Final::kOk;
    int code = 0;

    Reply Make(const VirtualModem& modem) const {
      Reply r = Reply::WithFinal(final, code);
      for (const Line& line : std::span(lines).first(line_count)) {
        std::string text(line.text);
        if (line.profile_field) text += modem.identity_.profile->*line.profile_field;
        if (line.identity_field) text += modem.identity_.*line.identity_field;
        r.lines.push_back(std::move(text));
      }
      return r;
    }
  };

  // const char*, not std::string_view: GCC 12 cannot read an unset string_view
  // of a constexpr array in Valid().
  std::array<const char*, kMaxNames> names{};
  // Only on profiles with this quirk flag; the others answer as to an unknown command.
  bool SimProfile::*only_if = nullptr;
  // Fixed answers per form: AT+X (action), AT+X? (read), AT+X=? (test), AT+X=… (set).
  std::optional<Fixed> action, read, test, set;
  // The answer of every form without a fixed one: a handler, or fixed data.
  Handler handler = nullptr;
  std::optional<Fixed> other;

  Reply Answer(VirtualModem& modem, const AtCommand& cmd) const {
    if (only_if && !(modem.identity_.profile->*only_if)) return Unknown();
    const std::optional<Fixed>* fixed = &other;
    switch (cmd.kind) {
      case AtCommand::Kind::kAction: fixed = &action; break;
      case AtCommand::Kind::kRead: fixed = &read; break;
      case AtCommand::Kind::kTest: fixed = &test; break;
      case AtCommand::Kind::kSet: fixed = &set; break;
    }
    if (*fixed) return (*fixed)->Make(modem);
    if (handler) return (modem.*handler)(cmd);
    return other->Make(modem);  // Valid(): a row without a handler has .other
  }

  static Reply Unknown() { return Reply::Cme(4); }  // operation not supported

  // S-registers ("S0", "S7"…: every name the parser starts with 'S') share
  // the row "Sn"; a bare "S" has its own.
  static std::string_view Key(std::string_view name) {
    return name.size() > 1 && name[0] == 'S' ? std::string_view("Sn") : name;
  }

  static const CommandSpec* Find(std::string_view name);

 private:
  // More lines than kMaxLines is not a constant expression: the table fails to compile.
  static constexpr Fixed Ok(std::initializer_list<Line> lines = {}) {
    Fixed f;
    for (const Line& line : lines) f.lines.at(f.line_count++) = line;
    return f;
  }
  static constexpr Fixed Cme(int code) { return Fixed{.final = Reply::Final::kCme, .code = code}; }

  // Each row has a name and either a handler or .other; no name is in two rows.
  static constexpr bool Valid(std::span<const CommandSpec> table) {
    for (std::size_t row = 0; row < table.size(); ++row) {
      const CommandSpec& spec = table[row];
      if (!spec.names[0] || (spec.handler != nullptr) == spec.other.has_value()) return false;
      for (std::size_t i = 0; i < kMaxNames && spec.names[i]; ++i) {
        for (std::size_t other_row = row; other_row < table.size(); ++other_row) {
          for (std::size_t j = other_row == row ? i + 1 : 0; j < kMaxNames; ++j) {
            const char* other_name = table[other_row].names[j];
            if (other_name && std::string_view(other_name) == spec.names[i]) return false;
          }
        }
      }
    }
    return true;
  }

  static std::span<const CommandSpec> Table();
};

// The table. To add a command, add a row: its names (the parser's upper-case
// form: "E", "&F", "+CMGF", "^CURC"), the answers that never change as data
// (.test, .read, .set, .action; .other for all forms without one), and for the
// rest a handler, a member function declared in virtual_modem.h that sees only
// those forms. .only_if limits a vendor command to profiles with that flag.
// Rows are in no particular order; a name in two rows fails to compile.
std::span<const VirtualModem::CommandSpec> VirtualModem::CommandSpec::Table() {
  using V = VirtualModem;
  using P = SimProfile;
  using I = ModemIdentity;
  static constexpr CommandSpec kTable[] = {
      // V.250 basic commands.
      {.names = {"E", "V"}, .handler = &V::ExecuteFlag},
      {.names = {"Z", "&F"}, .handler = &V::ExecuteReset},
      // Accepted and meaningless on a USB port.
      {.names = {"X", "&C", "&D", "Q", "&W", "L", "M", "H", "S"}, .other = Ok()},
      {.names = {"Sn"}, .read = Ok({"000"}), .other = Ok()},
      {.names = {"+IFC"}, .read = Ok({"+IFC: 0,0"}), .other = Ok()},
      {.names = {"+IPR"}, .read = Ok({"+IPR: 115200"}), .other = Ok()},
      {.names = {"+ICF"}, .read = Ok({"+ICF: 3,3"}), .other = Ok()},

      // Identification (27.007 §5).
      {.names = {"I"},
       .other = Ok({{"Manufacturer: ", &P::manufacturer},
                    {"Model: ", &P::model},
                    {"Revision: ", &P::revision},
                    {"IMEI: ", &I::imei},
                    "+GCAP: +CGSM"})},
      {.names = {"+CGMI", "+GMI"}, .test = Ok(), .set = Cme(4), .other = Ok({{"", &P::manufacturer}})},
      {.names = {"+CGMM", "+GMM"}, .test = Ok(), .set = Cme(4), .other = Ok({{"", &P::model}})},
      {.names = {"+CGMR", "+GMR"}, .test = Ok(), .set = Cme(4), .other = Ok({{"", &P::revision}})},
      {.names = {"+CGSN", "+GSN"}, .test = Ok(), .set = Cme(4), .other = Ok({{"", &I::imei}})},
      {.names = {"+CIMI"}, .test = Ok(), .set = Cme(4), .other = Ok({{"", &I::imsi}})},
      {.names = {"+CCID"}, .test = Ok(), .set = Cme(4), .other = Ok({{"CCID: ", &I::iccid}})},
      {.names = {"^ICCID", "+ICCID"}, .test = Ok(), .set = Cme(4), .other = Ok({{"ICCID: ", &I::iccid}})},
      {.names = {"+GCAP"}, .other = Ok({"+GCAP: +CGSM,+DS,+ES"})},
      {.names = {"+CNUM"}, .handler = &V::ExecuteCnum},

      // Control and status.
      {.names = {"+CMEE"}, .test = Ok({"+CMEE: (0-2)"}), .handler = &V::ExecuteCmee},
      {.names = {"+CFUN"},
       .read = Ok({"+CFUN: 1"}),
       .test = Ok({"+CFUN: (0,1,4),(0-1)"}),
       .handler = &V::ExecuteCfun},
      {.names = {"+CPIN"}, .test = Ok(), .set = Cme(3), .handler = &V::ExecuteCpin},  // no PIN on the virtual SIM
      {.names = {"+CSCS"}, .test = Ok({"+CSCS: (\"IRA\",\"GSM\",\"UCS2\")"}), .handler = &V::ExecuteCscs},
      {.names = {"^CURC"}, .only_if = &P::huawei_urc_noise, .test = Ok({"^CURC: (0-1)"}), .handler = &V::ExecuteCurc},
      {.names = {"^USSDMODE"},  // "?" shows the ^CURC switch
       .only_if = &P::huawei_urc_noise,
       .action = Ok(),
       .test = Ok({"^USSDMODE: (0-1)"}),
       .set = Ok(),
       .handler = &V::ExecuteCurc},
      {.names = {"+CUSD"}, .test = Ok({"+CUSD: (0-2)"}), .handler = &V::ExecuteUssd},

      // Network.
      {.names = {"+CREG"}, .action = Cme(4), .test = Ok({"+CREG: (0-2)"}), .handler = &V::ExecuteRegistration},
      {.names = {"+CGREG"}, .action = Cme(4), .test = Ok({"+CGREG: (0-2)"}), .handler = &V::ExecuteRegistration},
      {.names = {"+CEREG"}, .action = Cme(4), .test = Ok({"+CEREG: (0-2)"}), .handler = &V::ExecuteRegistration},
      {.names = {"+CSQ"}, .test = Ok({"+CSQ: (0-31,99),(0-7,99)"}), .handler = &V::ExecuteCsq},
      {.names = {"+COPS"},
       .action = Ok(),
       .test = Ok({"+COPS: (2,\"smsdesk Net\",\"smsdesk\",\"00101\",2),,(0-4),(0-2)"}),
       .set = Ok(),
       .handler = &V::ExecuteCops},
      {.names = {"+CGATT"}, .action = Ok(), .test = Ok({"+CGATT: (0,1)"}), .set = Ok(), .handler = &V::ExecuteCgatt},
      {.names = {"+CBC"}, .other = Ok({"+CBC: 0,100,4200"})},
      {.names = {"+CHUP"}, .other = Ok()},  // no call to hang up
      {.names = {"+CLAC"}, .other = Ok({"+CMGS", "+CMGR", "+CMGL", "+CMGD", "+CPMS", "+CNMI", "+CUSD"})},

      // SMS (27.005), PDU mode only.
      {.names = {"+CMGF"}, .read = Ok({"+CMGF: 0"}), .test = Ok({"+CMGF: (0)"}), .handler = &V::ExecuteCmgf},
      {.names = {"+CSCA"}, .test = Ok(), .handler = &V::ExecuteCsca},
      {.names = {"+CSMS"}, .test = Ok({"+CSMS: (0,1)"}), .handler = &V::ExecuteCsms},
      {.names = {"+CPMS"},
       .test = Ok({R"(+CPMS: ("SM","ME","MT"),("SM","ME","MT"),("SM","ME","MT"))"}),
       .handler = &V::ExecuteCpms},
      {.names = {"+CNMI"}, .test = Ok({"+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)"}), .handler = &V::ExecuteCnmi},
      {.names = {"+CMMS"}, .test = Ok({"+CMMS: (0-2)"}), .handler = &V::ExecuteCmms},
      {.names = {"+CGSMS"}, .test = Ok({"+CGSMS: (0-3)"}), .handler = &V::ExecuteCmms},
      {.names = {"+CNMA"}, .other = Ok()},  // CSMS=0: nothing to acknowledge
      {.names = {"+CMGL"}, .test = Ok({"+CMGL: (0-4)"}), .handler = &V::ExecuteList},
      {.names = {"+CMGR"}, .test = Ok(), .handler = &V::ExecuteRead},
      {.names = {"+CMGD"}, .handler = &V::ExecuteDelete},
      {.names = {"+CMGS"}, .test = Ok(), .handler = &V::ExecuteSend},
      {.names = {"+CMGW"}, .test = Ok(), .handler = &V::ExecuteWrite},
  };
  static_assert(Valid(kTable), "virtual modem command table: a row lacks a handler or .other, or a name repeats");
  return kTable;
}

const VirtualModem::CommandSpec* VirtualModem::CommandSpec::Find(std::string_view name) {
  static const auto kIndex = [] {
    std::unordered_map<std::string_view, const CommandSpec*> index;
    for (const CommandSpec& spec : Table()) {
      for (const char* n : spec.names) {
        if (n) index.emplace(n, &spec);
      }
    }
    return index;
  }();
  auto it = kIndex.find(Key(name));
  return it == kIndex.end() ? nullptr : it->second;
}

VirtualModem::Reply VirtualModem::Execute(const AtCommand& cmd) {
  const CommandSpec* spec = CommandSpec::Find(cmd.name);
  return spec ? spec->Answer(*this, cmd) : CommandSpec::Unknown();
}

}  // namespace smsdesk::sim
