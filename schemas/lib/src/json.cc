#include "vigil/json.h"

#include <optional>

#include "vigil/text.h"

namespace vigil {
namespace {

void append_json_control(unsigned char byte, std::string& out) {
  switch (byte) {
    case '\n':
      out += "\\n";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    default:
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
  }
}

// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR are legal in JSON strings but end a line
// in JavaScript before ES2019, so a JSON document containing them raw is not a safe JS literal.
std::optional<std::string_view> json_line_separator(std::string_view text, std::size_t i) {
  if (static_cast<unsigned char>(text[i]) != 0xE2) {  // cheap test first: called for every byte
    return std::nullopt;
  }
  const std::string_view sequence = text.substr(i, 3);
  if (sequence == "\xE2\x80\xA8") {
    return "\\u2028";
  }
  if (sequence == "\xE2\x80\xA9") {
    return "\\u2029";
  }
  return std::nullopt;
}

}  // namespace

std::string json_escape(std::string_view text) {
  // Valid input (nearly all of it) is not copied; the loop below may then go byte by byte, since
  // the multi-byte patterns it looks for (U+2028, U+2029) cannot start mid-character.
  const std::string repaired = is_valid_utf8(text) ? std::string() : to_valid_utf8(text);
  const std::string_view valid = repaired.empty() ? text : std::string_view(repaired);
  std::string out;
  out.reserve(valid.size() + valid.size() / 8);
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const auto byte = static_cast<unsigned char>(valid[i]);
    if (byte == '"' || byte == '\\') {
      out += '\\';
      out += valid[i];
    } else if (byte < 0x20) {
      append_json_control(byte, out);
    } else if (const auto separator = json_line_separator(valid, i)) {
      out += *separator;
      i += 2;
    } else {
      out += valid[i];
    }
  }
  return out;
}

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  out += json_escape(text);
  out += '"';
  return out;
}

}  // namespace vigil
