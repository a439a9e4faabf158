#include "crawl/percent.h"

namespace vigil::crawl {
namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";

bool is_sub_delim(char c) {
  switch (c) {
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
      return true;
    default:
      return false;
  }
}

bool allowed_literally(char c, UrlComponent component) {
  if (is_unreserved(c) || c == ':' || c == '@' || c == '/') return true;
  if (component == UrlComponent::path) return is_sub_delim(c);
  if (c == '?') return true;
  if (component == UrlComponent::robots && (c == '*' || c == '$')) return false;
  return is_sub_delim(c);
}

void append_escape(std::string& out, unsigned char byte) {
  out += '%';
  out += kHexUpper[byte >> 4];
  out += kHexUpper[byte & 0x0f];
}

}  // namespace

bool is_unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string normalize_percent_encoding(std::string_view text, UrlComponent component) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      const auto byte =
          static_cast<unsigned char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      if (is_unreserved(static_cast<char>(byte))) {
        out += static_cast<char>(byte);
      } else {
        append_escape(out, byte);
      }
      i += 2;
    } else if (c != '%' && allowed_literally(c, component)) {
      out += c;
    } else {
      append_escape(out, static_cast<unsigned char>(c));
    }
  }
  return out;
}

}  // namespace vigil::crawl
