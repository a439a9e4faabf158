#include "crawl/idna.h"

#include <cstdint>
#include <vector>

#include "vigil/text.h"

namespace vigil::crawl {
namespace {

// RFC 3492 section 5 parameters.
constexpr std::uint32_t kBase = 36;
constexpr std::uint32_t kTMin = 1;
constexpr std::uint32_t kTMax = 26;
constexpr std::uint32_t kSkew = 38;
constexpr std::uint32_t kDamp = 700;
constexpr std::uint32_t kInitialBias = 72;
constexpr std::uint32_t kInitialN = 128;

// Code points of well-formed UTF-8 (validated by the caller).
std::vector<std::uint32_t> decode_utf8(std::string_view text) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int extra = 0;
    std::uint32_t cp = lead;
    if (lead >= 0xf0) {
      extra = 3;
      cp = lead & 0x07u;
    } else if (lead >= 0xe0) {
      extra = 2;
      cp = lead & 0x0fu;
    } else if (lead >= 0xc0) {
      extra = 1;
      cp = lead & 0x1fu;
    }
    for (int k = 1; k <= extra; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3fu);
    }
    out.push_back(cp);
    i += 1 + static_cast<std::size_t>(extra);
  }
  return out;
}

char digit(std::uint32_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26)); }

std::uint32_t adapt(std::uint32_t delta, std::uint32_t points, bool first) {
  delta = first ? delta / kDamp : delta / 2;
  delta += delta / points;
  std::uint32_t k = 0;
  while (delta > ((kBase - kTMin) * kTMax) / 2) {
    delta /= kBase - kTMin;
    k += kBase;
  }
  return k + (kBase - kTMin + 1) * delta / (delta + kSkew);
}

// RFC 3492 section 6.3. nullopt on overflow (only absurdly long labels reach it).
std::optional<std::string> punycode(const std::vector<std::uint32_t>& input) {
  std::string out;
  for (const std::uint32_t c : input) {
    if (c < 0x80) out += static_cast<char>(c);
  }
  const auto basic = static_cast<std::uint32_t>(out.size());
  if (basic > 0) out += '-';
  std::uint32_t n = kInitialN;
  std::uint32_t delta = 0;
  std::uint32_t bias = kInitialBias;
  for (std::uint32_t handled = basic; handled < input.size(); ++delta, ++n) {
    std::uint32_t m = UINT32_MAX;
    for (const std::uint32_t c : input) {
      if (c >= n && c < m) m = c;
    }
    if ((m - n) > (UINT32_MAX - delta) / (handled + 1)) return std::nullopt;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const std::uint32_t c : input) {
      if (c < n && ++delta == 0) return std::nullopt;
      if (c != n) continue;
      std::uint32_t q = delta;
      for (std::uint32_t k = kBase;; k += kBase) {
        const std::uint32_t t = k <= bias ? kTMin : (k >= bias + kTMax ? kTMax : k - bias);
        if (q < t) break;
        out += digit(t + (q - t) % (kBase - t));
        q = (q - t) / (kBase - t);
      }
      out += digit(q);
      bias = adapt(delta, handled + 1, handled == basic);
      delta = 0;
      ++handled;
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> host_to_ascii(std::string_view host) {
  if (!is_valid_utf8(host)) return std::nullopt;
  const std::string lowered = ascii_lower(host);
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = lowered.find('.', start);
    const std::string_view label =
        std::string_view(lowered).substr(start, dot == std::string::npos ? dot : dot - start);
    bool ascii = true;
    for (const char c : label) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) {
      out += label;
    } else {
      const std::optional<std::string> encoded = punycode(decode_utf8(label));
      if (!encoded) return std::nullopt;
      out += "xn--" + *encoded;
    }
    if (dot == std::string::npos) break;
    out += '.';
    start = dot + 1;
  }
  return out;
}

}  // namespace vigil::crawl
