#include "crawl/url_resolve.h"

#include <algorithm>
#include <charconv>

#include "crawl/idna.h"
#include "crawl/percent.h"
#include "vigil/text.h"

namespace vigil::crawl {
namespace {

constexpr std::size_t kMaxHostBytes = 253;
constexpr std::size_t kMaxLabelBytes = 63;

// RFC 3986 Appendix B, with the path and query already percent-normalised.
struct Reference {
  std::optional<std::string> scheme;  // lower-cased
  std::optional<std::string> authority;
  std::string path;
  std::optional<std::string> query;
};

// A resolved http(s) URL before it is joined into one string.
struct Target {
  std::string scheme;
  std::string host;
  std::uint16_t port = 0;  // 0: the scheme's default
  std::string path;
  std::optional<std::string> query;
};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Browsers trim C0 controls and spaces at both ends and drop tabs and newlines anywhere, so an
// href split over two lines in the HTML source still works.
std::string clean(std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= 0x20) text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= 0x20) text.remove_suffix(1);
  std::string out;
  out.reserve(text.size());
  bool before_query = true;
  for (const char c : text) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (c == '?' || c == '#') before_query = false;
    out += before_query && c == '\\' ? '/' : c;
  }
  return out;
}

bool is_scheme(std::string_view text) {
  if (text.empty() || !((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= 'A' && text[0] <= 'Z'))) {
    return false;
  }
  for (const char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '+' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

Reference parse_reference(std::string_view text) {
  Reference ref;
  text = text.substr(0, text.find('#'));
  if (const std::size_t colon = text.find(':');
      colon != std::string_view::npos &&
      text.substr(0, colon).find_first_of("/?") == std::string_view::npos &&
      is_scheme(text.substr(0, colon))) {
    ref.scheme = ascii_lower(text.substr(0, colon));
    text.remove_prefix(colon + 1);
  }
  if (starts_with(text, "//")) {
    text.remove_prefix(2);
    const std::size_t end = std::min(text.find_first_of("/?"), text.size());
    ref.authority = std::string(text.substr(0, end));
    text.remove_prefix(end);
  }
  if (const std::size_t q = text.find('?'); q != std::string_view::npos) {
    ref.query = normalize_percent_encoding(text.substr(q + 1), UrlComponent::query);
    text = text.substr(0, q);
  }
  ref.path = normalize_percent_encoding(text, UrlComponent::path);
  return ref;
}

void drop_last_segment(std::string& out) {
  const std::size_t slash = out.rfind('/');
  out.erase(slash == std::string::npos ? 0 : slash);
}

// RFC 3986 section 5.2.4.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  while (!in.empty()) {
    if (starts_with(in, "../")) {
      in.remove_prefix(3);
    } else if (starts_with(in, "./") || starts_with(in, "/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (starts_with(in, "/../")) {
      in.remove_prefix(3);
      drop_last_segment(out);
    } else if (in == "/..") {
      in = "/";
      drop_last_segment(out);
    } else if (in == "." || in == "..") {
      in = {};
    } else {
      const std::size_t next = std::min(in.find('/', 1), in.size());
      out += in.substr(0, next);
      in.remove_prefix(next);
    }
  }
  return out;
}

// RFC 3986 section 5.2.3.
std::string merge(const Reference& base, std::string_view path) {
  std::string out;
  if (base.authority && base.path.empty()) {
    out = "/";
  } else if (const std::size_t slash = base.path.rfind('/'); slash != std::string::npos) {
    out = base.path.substr(0, slash + 1);
  }
  out += path;
  return out;
}

// RFC 3986 section 5.2.2. `base` is consulted only when `ref` has no scheme.
std::optional<Reference> resolve(const std::optional<Reference>& base, Reference ref) {
  if (ref.scheme && base && base->scheme == ref.scheme && !ref.authority) ref.scheme.reset();
  if (ref.scheme) {
    ref.path = remove_dot_segments(ref.path);
    return ref;
  }
  if (!base || !base->scheme) return std::nullopt;
  Reference target;
  target.scheme = base->scheme;
  if (ref.authority) {
    target.authority = std::move(ref.authority);
    target.path = remove_dot_segments(ref.path);
    target.query = std::move(ref.query);
    return target;
  }
  target.authority = base->authority;
  if (ref.path.empty()) {
    // RFC 3986 takes the base's path as it is; a base that was not normalised may hold dot
    // segments ("/a/%2e%2e/b"), which the result must not.
    target.path = remove_dot_segments(base->path);
    if (ref.query) {
      target.query = std::move(ref.query);
    } else {
      target.query = base->query;
    }
  } else {
    target.path = remove_dot_segments(ref.path.front() == '/' ? ref.path : merge(*base, ref.path));
    target.query = std::move(ref.query);
  }
  return target;
}

bool valid_dns_name(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);  // a rooted name
  if (host.empty() || host.size() > kMaxHostBytes) return false;
  std::size_t label = 0;
  for (const char c : host) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok || ++label > kMaxLabelBytes) return false;
  }
  return label > 0;
}

std::optional<std::string> canonical_host(std::string_view raw) {
  if (starts_with(raw, "[")) {
    if (raw.size() < 4 || raw.back() != ']' || raw.find(':') == std::string_view::npos) {
      return std::nullopt;
    }
    for (const char c : raw.substr(1, raw.size() - 2)) {
      if (hex_value(c) < 0 && c != ':' && c != '.') return std::nullopt;
    }
    return ascii_lower(raw);
  }
  std::string decoded;  // browsers decode percent-escapes in hosts before checking them
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '%') {
      decoded += raw[i];
      continue;
    }
    if (i + 2 >= raw.size() || hex_value(raw[i + 1]) < 0 || hex_value(raw[i + 2]) < 0) {
      return std::nullopt;
    }
    decoded += static_cast<char>(hex_value(raw[i + 1]) * 16 + hex_value(raw[i + 2]));
    i += 2;
  }
  std::optional<std::string> host = host_to_ascii(decoded);
  if (!host || !valid_dns_name(*host)) return std::nullopt;
  return host;
}

// "user:pass@host:port" -> host and port (0 for none or the scheme's default).
bool parse_authority(std::string_view authority, Target& target) {
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  std::size_t host_end = authority.find(':');
  if (starts_with(authority, "[")) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host_end = close + 1 < authority.size() ? close + 1 : std::string_view::npos;
    if (host_end != std::string_view::npos && authority[host_end] != ':') return false;
  }
  std::optional<std::string> host = canonical_host(authority.substr(0, host_end));
  if (!host) return false;
  target.host = std::move(*host);
  target.port = 0;
  if (host_end == std::string_view::npos || host_end + 1 == authority.size()) return true;
  const std::string_view digits = authority.substr(host_end + 1);
  unsigned value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || value == 0 || value > 65535) {
    return false;
  }
  const unsigned default_port = target.scheme == "http" ? 80 : 443;
  target.port = value == default_port ? 0 : static_cast<std::uint16_t>(value);
  return true;
}

std::optional<Target> normalize(std::string_view base, std::string_view reference) {
  if (reference.size() > kMaxReferenceBytes || base.size() > kMaxReferenceBytes) {
    return std::nullopt;
  }
  std::optional<Reference> parsed_base;
  if (!base.empty()) parsed_base = parse_reference(clean(base));
  std::optional<Reference> resolved = resolve(parsed_base, parse_reference(clean(reference)));
  if (!resolved || (resolved->scheme != "http" && resolved->scheme != "https") ||
      !resolved->authority) {
    return std::nullopt;
  }
  Target target;
  target.scheme = *resolved->scheme;
  if (!parse_authority(*resolved->authority, target)) return std::nullopt;
  // Percent-decoding may have exposed "." and ".." segments ("%2e%2e"); they were removed
  // during resolution because the path was normalised first.
  target.path = resolved->path.empty() ? "/" : std::move(resolved->path);
  target.query = std::move(resolved->query);
  return target;
}

std::string join(const Target& target) {
  std::string out = target.scheme + "://" + target.host;
  if (target.port != 0) {
    out += ':';
    out += std::to_string(target.port);
  }
  out += target.path;
  if (target.query) out += "?" + *target.query;
  return out;
}

}  // namespace

std::optional<std::string> resolve_url(std::string_view base, std::string_view reference) {
  const std::optional<Target> target = normalize(base, reference);
  if (!target) return std::nullopt;
  std::string url = join(*target);
  if (url.size() > kMaxUrlBytes) return std::nullopt;
  return url;
}

std::optional<std::string> normalize_url(std::string_view absolute) {
  return resolve_url({}, absolute);
}

std::string UrlParts::host_port() const { return host + ":" + std::to_string(port); }

std::string UrlParts::origin() const {
  std::string out = scheme + "://" + host;
  if (port != (scheme == "http" ? 80 : 443)) {
    out += ':';
    out += std::to_string(port);
  }
  return out;
}

std::optional<UrlParts> split_url(std::string_view url) {
  const std::optional<Target> target = normalize({}, url);
  if (!target || join(*target).size() > kMaxUrlBytes) return std::nullopt;
  UrlParts parts;
  parts.scheme = target->scheme;
  parts.host = target->host;
  parts.port = target->port != 0 ? target->port : (target->scheme == "http" ? 80 : 443);
  parts.path_and_query = target->path + (target->query ? "?" + *target->query : std::string());
  return parts;
}

namespace {

bool is_tracking_parameter(std::string_view name) {
  if (ascii_istarts_with(name, "utm_")) return true;
  for (const std::string_view tracker : {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
                                         "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl"}) {
    if (ascii_iequals(name, tracker)) return true;
  }
  return false;
}

}  // namespace

std::string strip_tracking_parameters(std::string_view url) {
  const std::size_t question = url.find('?');
  if (question == std::string_view::npos) return std::string(url);
  std::string out(url.substr(0, question));
  const std::string_view query = url.substr(question + 1);
  std::string kept;
  for (std::size_t pos = 0; pos <= query.size();) {
    const std::size_t end = std::min(query.find('&', pos), query.size());
    const std::string_view pair = query.substr(pos, end - pos);
    const std::string_view name = pair.substr(0, pair.find('='));
    if (!pair.empty() && !is_tracking_parameter(name)) {
      if (!kept.empty()) kept += '&';
      kept += pair;
    }
    pos = end + 1;
  }
  if (!kept.empty()) out += "?" + kept;
  return out;
}

}  // namespace vigil::crawl
