#pragma once
// robots.txt path patterns (RFC 9309 section 2.2.3): how a pattern and a URL path are
// normalised and compared. Used by robots.cc; separate so the matcher can be tested on its own.

#include <string>
#include <string_view>

namespace vigil::crawl {

// A pattern as written in an allow or disallow line, ready for robots_pattern_matches: the
// pieces between "*" wildcards percent-normalised (normalize_percent_encoding, robots), so a "$"
// anywhere but at the end becomes "%24", and "/" put in front when the pattern starts with
// neither "/" nor "*" (a conservative reading of "Disallow: private/" as "/private/").
std::string normalize_robots_pattern(std::string_view pattern);

// A URL's path and query normalised the same way, with literal "*" and "$" escaped so that they
// can never be mistaken for pattern syntax.
std::string normalize_robots_path(std::string_view path_and_query);

// True when the normalised `pattern` matches the start of the normalised `path`: "*" matches
// any run of bytes (also none), a final "$" requires the match to end at the end of `path`.
// Greedy left-to-right search of the literal pieces, which is exact for this pattern language;
// no backtracking, so time is at most O(|path| * |pattern|) and usually linear, even for
// patterns made of thousands of "*". Comparison is byte-wise and case-sensitive.
bool robots_pattern_matches(std::string_view pattern, std::string_view path);

}  // namespace vigil::crawl
