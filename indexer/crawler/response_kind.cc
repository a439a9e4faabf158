#include "crawler/response_kind.h"

#include <cctype>

#include "vigil/text.h"

namespace vigil::crawler {
namespace {

std::string_view trim_ascii(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  return text;
}

}  // namespace

bool contains_token(const std::string& header, std::string_view token) {
  return ascii_lower(header).find(token) != std::string::npos;
}

bool header_noindex(const std::string& header, const std::string& token) {
  if (header.empty()) return false;
  const std::string lower = ascii_lower(header);
  const std::size_t colon = lower.find(':');
  if (colon != std::string::npos) {
    const std::string agent(trim_ascii(std::string_view(lower).substr(0, colon)));
    const bool names_agent = agent.find_first_of(" ,") == std::string::npos &&
                             agent != "unavailable_after" && agent != "max-snippet" &&
                             agent != "max-image-preview" && agent != "max-video-preview";
    if (names_agent && agent != ascii_lower(token)) return false;
  }
  return lower.find("noindex") != std::string::npos || lower.find("none") != std::string::npos;
}

bool is_html_type(const std::string& content_type, const std::string& body) {
  if (content_type.empty()) {
    const std::string start = ascii_lower(std::string_view(body).substr(0, 512));
    return start.find("<html") != std::string::npos ||
           start.find("<!doctype html") != std::string::npos;
  }
  return contains_token(content_type, "text/html") ||
         contains_token(content_type, "application/xhtml+xml");
}

}  // namespace vigil::crawler
