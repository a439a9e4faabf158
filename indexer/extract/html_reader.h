#pragma once
// A simple HTML reader for local import: title, a publication date from common meta tags,
// authors, language and the visible text. Full article extraction (boilerplate removal) is a
// later module; this reader keeps every visible paragraph.
// Thread-safe: no shared state (libxml2's parser is re-entrant).

#include <string>
#include <string_view>

#include "article/article.h"
#include "vigil/result.h"

namespace vigil::extract {

struct HtmlInput {
  std::string_view bytes;  // the page as stored: any charset libxml2 can decode
  std::string url;         // the page's address (for files: a file:// URL); becomes Article::key
  std::string origin;      // for messages, e.g. the file path
};

// Reads one page. Fails with code "not_html" when the bytes hold no parsable HTML, and
// "empty_page" when the page has neither a title nor any visible text.
Result<Article> read_html(const HtmlInput& input);

}  // namespace vigil::extract
