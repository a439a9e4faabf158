#pragma once
// Archived pages as Articles: which WARC records hold an HTML page, and that page read by the
// HTML reader (extract/html_reader.h). Used by `vigil-index add` for WARC inputs and by reindex;
// knows nothing of crawling or the index.

#include <cstddef>
#include <string>
#include <string_view>

#include "article/article.h"
#include "vigil/result.h"
#include "warc/reader.h"

namespace vigil::warc {

// Error codes of records that hold no page to index. They are not failures: callers skip such
// records quietly (and may count them).
inline constexpr std::string_view kNotPage = "warc_not_page";  // warcinfo, request, metadata,
                                                               // revisit, conversion,
                                                               // continuation; non-HTTP response
inline constexpr std::string_view kNotOk = "warc_not_ok";      // HTTP status other than 200
inline constexpr std::string_view kNotHtml = "warc_not_html";  // payload not HTML

// True for the three codes above.
bool is_quiet_skip(const Error& error);

// An archived HTML page.
struct ArchivedPage {
  std::string url;           // WARC-Target-URI (angle brackets of WARC/1.0 writers removed)
  std::string content_type;  // of the payload
  std::string body;          // decoded payload
};

// The HTML page a record holds: a `response` record with an HTTP status of 200 (its payload
// decoded by parse_http_response), or a `resource` record (status 200 implied; the record's
// Content-Type is the payload's). HTML means a Content-Type of text/html or
// application/xhtml+xml, or, when the type is absent or application/octet-stream, a payload
// starting like HTML. Errors (no context): the quiet codes above; "bad_warc" (no
// WARC-Target-URI); those of parse_http_response. Thread-safe.
Result<ArchivedPage> archived_page(const Record& record, std::size_t max_body_bytes);

// What archived_page can tell from the record's headers and its HTTP head alone, without decoding
// the payload: the page's url and content type (body left empty), or archived_page's errors
// short of those about the payload. A record it accepts may still fail archived_page (a payload
// that is not HTML after all, or that cannot be decoded). For choosing pages cheaply (e.g. by
// the shard of their URL) before reading them. Thread-safe.
Result<ArchivedPage> archived_page_head(const Record& record);

// archived_page read by extract::read_html: the Article's key is the target URI, its url the
// page's canonical URL when it names one, its origin `origin` (by convention "FILE@OFFSET").
// Errors carry `origin` as context: those of archived_page and of extract::read_html
// ("not_article" for index and error pages, "not_html", "empty_page"). Thread-safe.
Result<Article> warc_article(const Record& record, const std::string& origin,
                             std::size_t max_body_bytes = std::size_t{64} << 20);

}  // namespace vigil::warc
