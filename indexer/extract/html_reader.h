#pragma once
// A simple HTML reader for local import: title, a publication date from common meta tags,
// authors, language and the visible text. Full article extraction (boilerplate removal) is a
// later module; this reader keeps every visible paragraph.
//
// What it reads:
//   title     og:title, else <title>, else the first <h1>; whitespace collapsed.
//   published JSON-LD "datePublished", then meta tags (article:published_time, itemprop
//             datePublished, parsely-pub-date, sailthru.date, pubdate, DC/dcterms dates, date),
//             then the first <time datetime>; the first that parse_iso_date accepts wins.
//   authors   meta author, article:author (profile URLs skipped), dc.creator: one per tag value.
//   language  primary subtag ("en" from "en-GB") of <html lang>, else http-equiv
//             content-language, else og:locale.
//   url       <link rel="canonical"> when it is an absolute http(s) URL, else HtmlInput::url.
//   main_text visible text of the body; block elements and <br> start paragraphs.
// Charset: valid UTF-8 is read as UTF-8 whatever the page declares (except UTF-16/ISO-2022
// declarations); otherwise <meta charset> decides, with ISO-8859-1 read as windows-1252. Invalid
// bytes never garble the rest of a page; every text field of the Article is valid UTF-8.
//
// Thread-safe: read_html may run in several threads at once. It initialises libxml2 once and,
// for the duration of a call, silences libxml2's error handler of the calling thread.

#include <string>
#include <string_view>

#include "article/article.h"
#include "vigil/result.h"

namespace vigil::extract {

struct HtmlInput {
  std::string_view bytes;  // the page as stored: any charset libxml2 can decode
  std::string url;         // the page's address (for files: a file:// URL); becomes Article::key
  std::string origin;      // for messages, e.g. the file path
  // The HTTP Content-Type, when the page was fetched: its charset outranks <meta charset>.
  std::string_view content_type = {};
};

// What a page is. Only articles are indexed; the crawler still follows the links of the others.
enum class PageKind {
  kArticle,
  kListing,  // no element stands out as an article, over half the text is in links to other
             // pages (not "#..." or "javascript:"), and the page does not declare itself an
             // article (og:type, schema.org): a home page, a section front, a tag or search
             // listing
  kError,    // the title (or first heading) says "Page not found", "404 error", "Access denied"
             // ..., in a title of at most 10 words, over at most 200 words of text
};

struct PageReading {
  Article article;  // filled whatever the kind
  PageKind kind = PageKind::kArticle;
  std::string reason;  // for other kinds: why, for messages ("an index page (81% of ...)")
  // <meta name="robots"> (or name="vigilbot") says noindex or none: the crawler must not index
  // the page. Local import ignores it (the user chose the file).
  bool noindex = false;
  // ... says nofollow or none: article.links is left empty.
  bool nofollow = false;
};

// Reads one page. Fails with code "not_html" when the bytes hold no parsable HTML (empty input,
// binary data, over 2 GiB), and "empty_page" when the page has neither a title nor any visible
// text. The Error's context is input.origin. Nothing is printed.
Result<PageReading> read_page(const HtmlInput& input);

// read_page for pages that must be articles (local import, `vigil-index extract`): other kinds
// fail with code "not_article" and the reason.
Result<Article> read_html(const HtmlInput& input);

}  // namespace vigil::extract
