#pragma once
// Percent-encoding normalisation (RFC 3986 sections 2.1-2.4 and 6.2.2.2), shared by URL
// normalisation and robots.txt matching so that both see the same bytes.

#include <string>
#include <string_view>

namespace vigil::crawl {

// Which characters may stay literal.
enum class UrlComponent {
  path,    // unreserved, sub-delims, ":", "@" and "/"
  query,   // as path, plus "?"
  robots,  // as query, minus "*" and "$" (wildcard and anchor in robots.txt patterns)
};

// `text` with percent-escapes of unreserved characters (ALPHA DIGIT - . _ ~) decoded, other
// escapes upper-cased ("%3c" -> "%3C"), a "%" that does not start an escape written "%25", and
// every byte not allowed literally in `component` (space, controls, non-ASCII, "<", "|", ...)
// percent-encoded. Idempotent. Never fails; any bytes are accepted.
std::string normalize_percent_encoding(std::string_view text, UrlComponent component);

// True for RFC 3986 unreserved characters.
bool is_unreserved(char c);

// The value of a hex digit, or -1.
int hex_value(char c);

}  // namespace vigil::crawl
