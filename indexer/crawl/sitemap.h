#pragma once
// Sitemaps (https://www.sitemaps.org/protocol.html): the page URLs a site lists in <urlset>, or the
// further sitemaps a <sitemapindex> lists, in XML, gzip-compressed XML or plain text.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/result.h"

namespace vigil::crawl {

// Largest sitemap accepted, after decompression (the protocol's limit is 50 MB uncompressed).
inline constexpr std::size_t kMaxSitemapBytes = 50u << 20;
// Entries kept per file (the protocol's limit); the rest of a longer file is not read.
inline constexpr std::size_t kMaxSitemapEntries = 50'000;

struct SitemapEntry {
  std::string url;      // normalised http(s) URL (resolve_url)
  std::string lastmod;  // <lastmod> as written, whitespace trimmed; empty when absent
  std::optional<std::chrono::sys_seconds> modified;   // lastmod parsed as a W3C datetime
  std::optional<std::chrono::sys_seconds> published;  // Google News <news:publication_date>
};

struct Sitemap {
  enum class Kind { urlset, index };
  Kind kind = Kind::urlset;           // a plain-text sitemap is a urlset
  std::vector<SitemapEntry> entries;  // in document order; page URLs, or sitemap URLs for index
  bool truncated = false;             // more than kMaxSitemapEntries entries; the rest was skipped
  std::size_t invalid = 0;            // entries dropped: no <loc>, or not an http(s) URL
};

// Parses a sitemap fetched from `origin` (its URL, after redirects). Input starting with the
// gzip magic bytes is decompressed first. An XML document must have a <urlset> or <sitemapindex>
// root, namespaced or not; only the <loc>, <lastmod> (and news publication date) of each <url>
// or <sitemap> are read, and extension elements such as <image:loc> are ignored. Each <loc> is
// trimmed and resolved against `origin` (the protocol wants absolute URLs; relative ones are
// accepted). Entries on other hosts are kept: whether to follow them (the protocol allows them
// only when robots.txt lists the sitemap) is the scheduler's decision. Anything else is read as a
// text sitemap: one absolute http(s) URL per line, blank lines ignored. Malformed XML keeps the
// entries read before and after the damage.
//
// Errors (context: `origin`): "empty"; "too_large" (over kMaxSitemapBytes, before or after
// decompression); "corrupt_gzip", "truncated_gzip"; "not_a_sitemap" (an XML root other than
// urlset or sitemapindex — the message says when it is a feed — or a text file without one URL);
// "invalid_xml" (not well-formed and no entry found). XML is parsed without entity expansion or
// DTD loading (see xml_stream.h). Thread-safe.
Result<Sitemap> parse_sitemap(std::string_view bytes, std::string_view origin);

// Whether `bytes` (possibly gzip-compressed) look like a sitemap: an XML root <urlset> or
// <sitemapindex>, or text whose first non-blank line is an absolute http(s) URL. Only the start
// is examined. For a URL given as a feed that turns out to be a sitemap, and vice versa.
bool looks_like_sitemap(std::string_view bytes);

}  // namespace vigil::crawl
