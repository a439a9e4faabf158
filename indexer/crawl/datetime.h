#pragma once
// Dates in sitemaps and feeds: W3C datetime (ISO 8601 profile, RFC 3339) and RFC 822/2822.

#include <chrono>
#include <optional>
#include <string_view>

namespace vigil::crawl {

// A W3C datetime as used by sitemap <lastmod>, Atom and dc:date: "2021", "2021-06",
// "2021-06-03", "2021-06-03T10:20Z", "2021-06-03T10:20:30+02:00", "2021-06-03T10:20:30.45-05:00".
// Lenient: a space or "t" for "T", "z" for "Z", "+0200" for "+02:00", no zone (read as UTC).
// Missing parts are the start of the period ("2021" is 2021-01-01T00:00Z). Returns the instant in
// UTC; nullopt for impossible dates (month 13, 30 February, hour 24), years outside 1000-9999 or
// trailing text. Pure; thread-safe.
std::optional<std::chrono::sys_seconds> parse_w3c_datetime(std::string_view text);

// An RFC 822/2822 date as used by RSS <pubDate>: "Tue, 10 Jun 2003 04:00:00 GMT",
// "10 Jun 2003 04:00 +0200". Lenient: no weekday (its value is never checked), full month names,
// two-digit years (< 50 is 20xx), missing seconds, missing time (midnight), "+02:00", and zone
// names UT, GMT, UTC, Z, EST, EDT, CST, CDT, MST, MDT, PST, PDT; other alphabetic zones (military
// letters, "CEST") count as UTC, and text after the zone is ignored. nullopt when the date part
// does not parse or is impossible.
std::optional<std::chrono::sys_seconds> parse_rfc822_datetime(std::string_view text);

// A feed date in either form: RFC 822 first, then W3C (feeds put either in either element).
std::optional<std::chrono::sys_seconds> parse_feed_datetime(std::string_view text);

}  // namespace vigil::crawl
