#include "vigil/url.h"

#include "vigil/text.h"

namespace vigil {
namespace {

// The authority part of "scheme://authority/path", without user info and port.
std::string_view host_part(std::string_view rest) {
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
    rest = rest.substr(at + 1);
  }
  if (!rest.empty() && rest.front() == '[') {
    return rest.substr(0,
                       rest.find(']') == std::string_view::npos ? rest.size() : rest.find(']') + 1);
  }
  return rest.substr(0, rest.find(':'));
}

}  // namespace

std::string normalize_host(std::string_view host_or_url) {
  if (const std::size_t scheme_end = host_or_url.find("://");
      scheme_end != std::string_view::npos) {
    host_or_url = host_or_url.substr(scheme_end + 3);
  }
  std::string host = ascii_lower(host_part(host_or_url));
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

std::string url_host(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const std::string scheme = ascii_lower(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return {};
  return normalize_host(url);
}

}  // namespace vigil
