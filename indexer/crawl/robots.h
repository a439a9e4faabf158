#pragma once
// robots.txt (RFC 9309): which paths of one origin (scheme, host, port) the crawler may fetch,
// how long to wait between requests, and the sitemaps the site announces.
//
// Intended use by the fetcher, per RFC 9309 section 2.3.1:
//   - 2xx: parse_robots(body, product token);
//   - 4xx (including 404 and 403): RobotsRules::allow_all() — no robots.txt, everything allowed;
//   - 5xx, a network error or timeout: RobotsRules::disallow_all() until a later fetch succeeds
//     (the RFC allows treating a robots.txt unreachable for more than 30 days as absent);
//   - follow at least five redirects; more count as 4xx.
// The result applies to the origin robots.txt came from only (not to other schemes, hosts or
// ports) and may be cached for up to 24 hours.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::crawl {

// Bytes of a robots.txt file that are parsed; the rest is ignored. RFC 9309 asks crawlers to
// parse at least 500 KiB. A line cut at the limit is dropped rather than read in part.
inline constexpr std::size_t kMaxRobotsBytes = std::size_t{500} * 1024;

// Longest crawl-delay honoured; larger values are lowered to it (a site asking for one fetch a
// day should not stall the crawl forever, and 60 s is already far slower than we go).
inline constexpr double kMaxCrawlDelaySeconds = 60.0;

// The rules of the group(s) that apply to our crawler. Cheap to copy; immutable after parsing,
// so one instance may be shared by threads.
class RobotsRules {
 public:
  // Allows everything; no crawl-delay, no sitemaps. Same as allow_all().
  RobotsRules() = default;

  // For a robots.txt answered with 4xx (see the header comment).
  static RobotsRules allow_all();
  // For a robots.txt answered with 5xx or not reachable. "/robots.txt" itself stays allowed.
  static RobotsRules disallow_all();

  // Whether the crawler may fetch `path_and_query` ("/a/b?c", as in UrlParts). The rule whose
  // normalised pattern is longest (in octets) among those matching wins; between an allow and a
  // disallow rule of equal length allow wins; no matching rule means allowed. "/robots.txt" is
  // always allowed. The path is percent-normalised first (see robots_match.h); an empty path
  // counts as "/", and one not starting with "/" is read as if it did.
  bool allowed(std::string_view path_and_query) const;

  // Seconds to wait between requests, from the Crawl-delay lines of the applicable groups (the
  // largest when there are several, capped at kMaxCrawlDelaySeconds); nullopt when none.
  std::optional<double> crawl_delay() const { return crawl_delay_; }

  // The Sitemap: values of the whole file, whatever group they appear in, in file order without
  // duplicates, as written (resolve them against the robots.txt URL with resolve_url).
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

 private:
  friend RobotsRules parse_robots(std::string_view body, std::string_view product_token);

  struct Rule {
    std::string pattern;  // normalised (normalize_robots_pattern)
    bool allow = false;
  };

  std::vector<Rule> rules_;  // longest pattern first; allow before disallow at equal length
  std::optional<double> crawl_delay_;
  std::vector<std::string> sitemaps_;
};

// Parses a robots.txt body (the first kMaxRobotsBytes of it) for the crawler whose product token
// is `product_token` (e.g. "VigilBot"; only its leading run of letters, "_" and "-" is used, so a
// full "VigilBot/0.1 (+https://...)" user agent works too).
//
// Group selection: a user-agent line names our crawler when the leading run of letters, "_" and
// "-" of its value equals our product token ignoring ASCII case ("VigilBot/2.1" and "vigilbot"
// name it; "Vigil" and "VigilBotNews" do not). This is RFC 9309's case-insensitive product-token
// match, as in Google's reference parser; prefixes are not matched because a rule meant for
// another crawler must not bind ours. The groups naming our crawler are merged and used, even
// when they hold no rules; otherwise the "*" groups are merged and used; otherwise everything is
// allowed. Consecutive user-agent lines share one group; a user-agent line after a rule starts a
// new one; rules before the first user-agent line are ignored.
//
// Leniency: a UTF-8 BOM, CR, LF or CRLF line ends, "#" comments, surrounding whitespace,
// case-insensitive keys, common misspellings ("useragent", "user agent", "disalow",
// "dissallow", ...), a space instead of the colon ("Disallow /x"), and unknown keys (ignored)
// are all accepted. An empty Allow or Disallow value is no rule. Crawl-delay takes decimal
// seconds ("10", "0.5"); other values ("1e3", "-1", "soon") are ignored. Never fails.
RobotsRules parse_robots(std::string_view body, std::string_view product_token);

}  // namespace vigil::crawl
