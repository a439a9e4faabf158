#pragma once
// News feeds: the article URLs (and dates) listed by RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom
// feeds, for discovering new pages between sitemap reads.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/result.h"

namespace vigil::crawl {

// Largest feed accepted, after decompression, and items kept per feed (the rest is not read).
inline constexpr std::size_t kMaxFeedBytes = 50u << 20;
inline constexpr std::size_t kMaxFeedItems = 10'000;

struct FeedItem {
  std::string url;                               // normalised http(s) URL (resolve_url)
  std::optional<std::chrono::sys_seconds> date;  // publication date, else last update
};

struct Feed {
  enum class Kind { rss, rdf, atom };
  Kind kind = Kind::rss;
  std::vector<FeedItem> items;  // in document order
  bool truncated = false;       // more than kMaxFeedItems items; the rest was skipped
  std::size_t invalid = 0;      // items dropped: no usable http(s) link
};

// Parses a feed fetched from `origin` (its URL after redirects, the base for relative links).
// Input starting with the gzip magic bytes is decompressed first.
//  - RSS 2.0/0.9x (<rss>) and RSS 1.0 (<rdf:RDF>): each <item>'s URL is its
//    <feedburner:origLink>, else <link>, else an <atom:link> (rel="alternate" or no rel), else
//    <guid> unless isPermaLink="false", else (RSS 1.0) its rdf:about. The date is <pubDate>
//    (RFC 822) or <dc:date> (W3C), either format accepted in either element.
//  - Atom (<feed>, RFC 4287 or 0.3): each <entry>'s URL is the href of its <link rel="alternate">
//    or <link> without rel (one of type text/html or without type preferred); the date is
//    <published> (0.3: <issued>), else <updated> (<modified>).
// Relative links resolve against xml:base attributes (nested ones against each other), then
// `origin`. Only an item's own child elements are read (an Atom entry's <source> links are not).
// Malformed XML keeps the items read before and after the damage.
//
// Errors (context: `origin`): "empty"; "too_large" (over kMaxFeedBytes, before or after
// decompression); "corrupt_gzip", "truncated_gzip"; "not_a_feed" (another root element — the
// message says when it is a sitemap); "invalid_xml" (not well-formed and no item found). XML is
// parsed without entity expansion or DTD loading (see xml_stream.h). Thread-safe.
Result<Feed> parse_feed(std::string_view bytes, std::string_view origin);

// Whether `bytes` (possibly gzip-compressed) look like a feed: an XML root element <rss>,
// <feed> or <RDF>. Only the start is examined. For a URL given as a sitemap that turns out to be
// a feed, and vice versa.
bool looks_like_feed(std::string_view bytes);

}  // namespace vigil::crawl
