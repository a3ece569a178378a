#include "modem/at_line_reader.h"

namespace smsdesk::modem {
namespace {

constexpr std::uint8_t kNul = 0x00;
constexpr std::uint8_t kCtrlZ = 0x1A;
constexpr std::uint8_t kEsc = 0x1B;

bool EndsLine(std::uint8_t byte) {
  return byte == '\r' || byte == '\n' || byte == kCtrlZ || byte == kEsc;
}

bool IsWhitespaceOnly(std::string_view text) {
  return text.find_first_not_of(" \t") == std::string_view::npos;
}

}  // namespace

AtLineReader::AtLineReader(std::size_t max_line_length)
    : max_line_length_(max_line_length < 2 ? 2 : max_line_length) {}

void AtLineReader::ClearPartial() {
  buffer_.clear();
  discarding_ = false;
}

void AtLineReader::EndLine(std::vector<AtLine>& out) {
  if (!discarding_ && !IsWhitespaceOnly(buffer_)) {
    out.push_back(AtLine{AtLine::Kind::kLine, buffer_});
  }
  buffer_.clear();
  discarding_ = false;
}

void AtLineReader::Feed(std::span<const std::uint8_t> bytes, std::vector<AtLine>& out) {
  for (const std::uint8_t byte : bytes) {
    if (byte == kNul) continue;
    if (EndsLine(byte)) {
      EndLine(out);
      continue;
    }
    if (discarding_) continue;
    buffer_.push_back(static_cast<char>(byte));
    // The prompt has no line end (27.005 §3.5.1), so it must be recognised
    // from the bytes alone, at the start of a line.
    if (buffer_ == "> ") {
      out.push_back(AtLine{AtLine::Kind::kPrompt, "> "});
      buffer_.clear();
      continue;
    }
    if (buffer_.size() >= max_line_length_) {
      out.push_back(AtLine{AtLine::Kind::kGarbage, buffer_});
      buffer_.clear();
      discarding_ = true;
    }
  }
}

std::vector<AtLine> AtLineReader::Feed(std::string_view bytes) {
  std::vector<AtLine> out;
  Feed(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
       out);
  return out;
}

}  // namespace smsdesk::modem
