#include "vigil/facet_ids.h"

#include <algorithm>
#include <charconv>

#include "vigil/schema.h"
#include "vigil/text.h"

namespace vigil::schema {
namespace {

constexpr std::string_view kIdPrefix = "vigil.fid.";
constexpr std::string_view kNamesPrefix = "vigil.fnames.";
constexpr std::string_view kNextPrefix = "vigil.fnext.";

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<std::size_t> facet_id_kind(std::string_view term) {
  for (std::size_t kind = 0; kind < kFacetIdKinds.size(); ++kind) {
    const FacetIdKind& each = kFacetIdKinds[kind];
    if (!term.starts_with(each.prefix)) continue;
    const std::string_view rest = term.substr(each.prefix.size());
    if (each.digits == 0) {
      if (!rest.empty()) return kind;
    } else if (rest.size() == each.digits && all_digits(rest)) {
      return kind;
    }
  }
  return std::nullopt;
}

std::optional<std::uint32_t> parse_facet_number(std::string_view text) {
  std::uint32_t number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return number;
}

std::string encode_facet_ids(std::vector<std::uint32_t> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::string value;
  std::uint32_t previous = 0;
  for (const std::uint32_t id : ids) {
    std::uint32_t delta = id - previous;
    previous = id;
    while (delta >= 0x80U) {
      value += static_cast<char>((delta & 0x7fU) | 0x80U);
      delta >>= 7;
    }
    value += static_cast<char>(delta);
  }
  return value;
}

std::string facet_id_key(std::string_view term) {
  std::string key(kIdPrefix);
  if (kIdPrefix.size() + term.size() <= kMaxMetadataKeyBytes) {
    key += term;
    return key;
  }
  // Room for the hash: '#' and 16 hex digits.
  key += term.substr(0, kMaxMetadataKeyBytes - kIdPrefix.size() - 17);
  key += '#';
  key += hex64(fnv1a64(term));
  return key;
}

std::string facet_names_key(std::size_t kind, std::uint32_t chunk) {
  std::string key(kNamesPrefix);
  key += std::to_string(kind);
  key += '.';
  key += std::to_string(chunk);
  return key;
}

std::string facet_next_key(std::size_t kind) {
  std::string key(kNextPrefix);
  key += std::to_string(kind);
  return key;
}

}  // namespace vigil::schema
