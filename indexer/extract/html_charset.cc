#include "extract/html_charset.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>

#include "extract/unicode.h"
#include "vigil/text.h"

namespace vigil::extract {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

std::string declared_charset(std::string_view head) {
  std::size_t pos = 0;
  while ((pos = head.find('<', pos)) != std::string_view::npos) {
    ++pos;
    if (!ascii_istarts_with(head.substr(pos), "meta")) continue;
    const std::size_t end = std::min(head.find('>', pos), head.size());
    const std::string_view tag = head.substr(pos, end - pos);
    for (std::size_t at = 0; at + 7 < tag.size(); ++at) {
      if (!ascii_iequals(tag.substr(at, 7), "charset")) continue;
      std::size_t i = at + 7;
      while (i < tag.size() && is_space(tag[i])) ++i;
      if (i >= tag.size() || tag[i] != '=') continue;
      ++i;
      while (i < tag.size() && (is_space(tag[i]) || tag[i] == '"' || tag[i] == '\'')) ++i;
      std::string name;
      while (i < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[i])) || tag[i] == '-' ||
                                tag[i] == '_' || tag[i] == '.' || tag[i] == ':')) {
        name += ascii_lower(tag[i++]);
      }
      if (!name.empty()) return name;
    }
    pos = end;
  }
  return {};
}

namespace {

enum class Charset {
  kUndeclared,
  kUtf8,
  kWestern,    // ISO-8859-1 and friends, which the web reads as windows-1252
  kAsciiLike,  // mostly ASCII bytes (or NULs), so valid UTF-8 proves nothing: UTF-16, ISO-2022
  kOther,
};

Charset classify_charset(std::string_view name) {
  if (name.empty()) return Charset::kUndeclared;
  if (name == "utf-8" || name == "utf8") return Charset::kUtf8;
  for (std::string_view known : {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii",
                                 "ascii", "windows-1252", "cp1252", "x-cp1252", "l1"}) {
    if (name == known) return Charset::kWestern;
  }
  for (std::string_view prefix :
       {"utf-16", "utf-32", "utf-7", "ucs-", "iso-2022", "hz-", "utf16", "utf32", "unicode"}) {
    if (name.starts_with(prefix)) return Charset::kAsciiLike;
  }
  return Charset::kOther;
}

// windows-1252 bytes 0x80..0x9F as code points; 0 where the code page leaves a hole.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_code_point(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decoded here rather than by iconv: glibc's CP1252 stops at the five undefined bytes, and libxml2
// then silently drops the rest of the page.
std::string cp1252_to_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 && byte < 0xA0) {
      const char16_t cp = kCp1252High[byte - 0x80];
      append_code_point(out, cp == 0 ? 0xFFFD : cp);
    } else {
      append_code_point(out, byte);
    }
  }
  return out;
}

// True when the bytes look like UTF-8 with a few stray bytes rather than a single-byte charset:
// well-formed multi-byte sequences outnumber the ill-formed bytes.
bool mostly_utf8(std::string_view bytes) {
  std::size_t good = 0;
  std::size_t bad = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    if (byte < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    if (len > 1 && is_valid_utf8(bytes.substr(i, len))) {
      ++good;
      i += len;
    } else {
      ++bad;
      ++i;
    }
  }
  return good > bad;
}

}  // namespace

std::string content_type_charset(std::string_view content_type) {
  const std::size_t at = ascii_ifind(content_type, "charset");
  if (at == std::string_view::npos) return {};
  std::size_t i = at + 7;
  while (i < content_type.size() && is_space(content_type[i])) ++i;
  if (i >= content_type.size() || content_type[i] != '=') return {};
  ++i;
  while (i < content_type.size() && (is_space(content_type[i]) || content_type[i] == '"')) ++i;
  std::string name;
  while (i < content_type.size() &&
         (std::isalnum(static_cast<unsigned char>(content_type[i])) || content_type[i] == '-' ||
          content_type[i] == '_' || content_type[i] == '.' || content_type[i] == ':')) {
    name += ascii_lower(content_type[i++]);
  }
  return name;
}

void decode(std::string_view bytes, Decoded& out, std::string_view http_charset) {
  out.bytes = bytes;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    out.bytes.remove_prefix(3);
    out.encoding = "UTF-8";
    return;
  }
  if (bytes.substr(0, 2) == "\xFE\xFF" || bytes.substr(0, 2) == "\xFF\xFE") return;  // UTF-16
  const std::string declared_name = http_charset.empty()
                                        ? declared_charset(bytes.substr(0, kPrescanBytes))
                                        : ascii_lower(http_charset);
  const Charset declared = classify_charset(declared_name);
  // Valid UTF-8 with non-ASCII text is practically never another charset, whatever the page
  // claims (the readability "qq" page declares gb2312 and is UTF-8; believing the declaration
  // costs that page its title and text).
  if (declared != Charset::kAsciiLike && simdjson::validate_utf8(bytes.data(), bytes.size())) {
    out.encoding = "UTF-8";
    return;
  }
  if (declared == Charset::kAsciiLike || declared == Charset::kOther) {
    // libxml2 follows <meta charset>; a charset given only by HTTP is converted here.
    if (!http_charset.empty()) {
      if (std::optional<std::string> converted = to_utf8(bytes, declared_name)) {
        out.storage = std::move(*converted);
        out.bytes = out.storage;
        out.encoding = "UTF-8";
      }
    }
    return;
  }
  // One stray byte must not make libxml2 switch the rest of a UTF-8 page to Latin-1.
  const bool utf8 = declared != Charset::kWestern && mostly_utf8(bytes);
  if (!utf8 && declared == Charset::kUndeclared) {
    // No declaration: a Cyrillic, Greek, CJK ... page in a legacy charset must not be read as
    // windows-1252. Western guesses fall through to the windows-1252 reading below.
    if (const std::optional<std::string> guess = detect_charset(bytes);
        guess && classify_charset(ascii_lower(*guess)) == Charset::kOther) {
      if (std::optional<std::string> converted = to_utf8(bytes, *guess)) {
        out.storage = std::move(*converted);
        out.bytes = out.storage;
        out.encoding = "UTF-8";
        return;
      }
    }
  }
  out.storage = utf8 ? to_valid_utf8(bytes) : cp1252_to_utf8(bytes);
  out.bytes = out.storage;
  out.encoding = "UTF-8";
}

}  // namespace vigil::extract
