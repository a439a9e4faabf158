#pragma once
// URL reference resolution (RFC 3986 section 5) and normalisation for crawling: two links to the
// same page should produce the same string, and only http(s) URLs come out.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::crawl {

// Longest URL resolve_url returns; references longer than kMaxReferenceBytes are refused unread.
inline constexpr std::size_t kMaxUrlBytes = 4096;
inline constexpr std::size_t kMaxReferenceBytes = std::size_t{64} * 1024;

// `reference` (an href, a <loc>, a Location header) resolved against `base` (RFC 3986 section
// 5.2; `base` may be empty when `reference` is absolute) and normalised:
//  - leading and trailing spaces and control characters of both inputs are trimmed, and tabs,
//    CRs and LFs inside them removed (as browsers do); "\" before the query becomes "/";
//  - "http:g" with the base's scheme and no "//" is relative ("http://a/b/c/g"), the RFC's
//    backward-compatible reading that browsers share;
//  - the scheme must be http or https (mailto:, javascript:, data:, ftp:, file: -> nullopt);
//  - scheme and host are lower-cased, user info ("user:pass@") is dropped (the crawler never
//    sends credentials), non-ASCII host labels become Punycode ("xn--..."), the default port
//    (:80 for http, :443 for https) and an empty port are removed;
//  - the host must be a DNS name (ASCII letters, digits, "-", "_", "." with no empty label
//    except a final dot, labels of at most 63 bytes, at most 253 bytes) or a bracketed IPv6
//    literal; otherwise nullopt. Port numbers above 65535 are refused;
//  - an empty path becomes "/", dot segments are removed (including "%2e" ones);
//  - percent-escapes of unreserved characters are decoded, other escapes upper-cased, and bytes
//    not allowed in the path or query (space, controls, non-ASCII, "<", "\"", "|", ...)
//    percent-encoded; an empty query ("?") is kept;
//  - the fragment is dropped.
// nullopt as well when the result is longer than kMaxUrlBytes. Pure; thread-safe.
std::optional<std::string> resolve_url(std::string_view base, std::string_view reference);

// An absolute URL normalised as by resolve_url("", absolute).
std::optional<std::string> normalize_url(std::string_view absolute);

// `url` (normalised) without the query parameters that only track where a reader came from:
// utm_* (any case), fbclid, gclid, dclid, gbraid, wbraid, msclkid, yclid, mc_cid, mc_eid, igshid,
// _ga, _gl. Other parameters keep their order; a query left empty is removed with its "?".
// One article reached from a newsletter and from a feed is then one URL.
std::string strip_tracking_parameters(std::string_view url);

// A normalised http(s) URL in pieces. The scheduler keys politeness on host_port() and matches
// robots.txt rules against path_and_query.
struct UrlParts {
  std::string scheme;          // "http" or "https"
  std::string host;            // lower-case, Punycode; "[::1]" for IPv6
  std::uint16_t port = 0;      // effective port: 80 or 443 when the URL names none
  std::string path_and_query;  // "/a/b?c", never empty

  // "host:port" with the effective port, e.g. "example.org:443".
  std::string host_port() const;
  // "scheme://host[:port]" without a default port, e.g. "https://example.org".
  std::string origin() const;
  // origin() + "/robots.txt".
  std::string robots_url() const { return origin() + "/robots.txt"; }
};

// `url` normalised (as normalize_url) and split; nullopt when normalize_url refuses it.
std::optional<UrlParts> split_url(std::string_view url);

}  // namespace vigil::crawl
