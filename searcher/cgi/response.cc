#include "cgi/response.h"

namespace vigil::cgi {

std::string Response::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "";
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

std::string serialize(const Response& response, bool head) {
  std::string out = "Status: ";
  out += std::to_string(response.status);
  out += ' ';
  out += reason_phrase(response.status);
  out += "\r\n";
  const auto line = [&out](std::string_view name, std::string_view value) {
    out += name;
    out += ": ";
    for (const char c : value) out += c == '\r' || c == '\n' ? ' ' : c;
    out += "\r\n";
  };
  for (const auto& [name, value] : response.headers) line(name, value);
  if (response.status != 304) line("Content-Length", std::to_string(response.body.size()));
  out += "\r\n";
  if (!head && response.status != 304) out += response.body;
  return out;
}

void add_standard_headers(Response& response, std::string_view content_type,
                          std::string_view cache_control) {
  response.set("Content-Type", std::string(content_type));
  response.set("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
  response.set("Cache-Control", std::string(cache_control));
}

}  // namespace vigil::cgi
