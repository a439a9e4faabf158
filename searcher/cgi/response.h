#pragma once
// A CGI response (RFC 3875): status, header fields, body; and the headers every page carries.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil::cgi {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
  // The value of header `name` (exact case), or "" when absent.
  std::string header(std::string_view name) const;
};

// "OK", "Bad Request", ...: the reason phrases of the statuses the CGI answers with.
std::string_view reason_phrase(int status);

// The response as the web server reads it from the CGI's standard output: "Status: 200 OK",
// each header, Content-Length, a blank line (CRLF line ends), then the body unless `head`
// (a HEAD request gets the headers of the GET). Header values never carry CR or LF (they are
// replaced with spaces), so no header can be injected.
std::string serialize(const Response& response, bool head);

// The Content-Security-Policy of every response: our own scripts, styles and forms only (no
// inline script or style), no framing, no plugins.
inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

// Content-Type, the security headers (CSP, nosniff, no framing, no Referer to the sites results
// link to, so a visitor's query stays private) and Cache-Control.
void add_standard_headers(Response& response, std::string_view content_type,
                          std::string_view cache_control = "no-store");

}  // namespace vigil::cgi
