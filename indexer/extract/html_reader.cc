#include "extract/html_reader.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crawl/libxml_quiet.h"
#include "crawl/url_resolve.h"
#include "extract/byline.h"
#include "extract/dom.h"
#include "extract/html_charset.h"
#include "extract/json_ld.h"
#include "extract/language.h"
#include "extract/links.h"
#include "extract/main_text.h"
#include "extract/meta_tags.h"
#include "extract/page_kind.h"
#include "extract/title.h"
#include "extract/unicode.h"
#include "extract/url_date.h"
#include "vigil/text.h"
#include "vigil/url.h"

namespace vigil::extract {
namespace {

// XML_PARSE_HUGE: without it libxml2 halts at nesting depth 256 and silently drops the rest of
// the page, which broken markup (unclosed <div>s) reaches on real sites. The limits it lifts guard
// against XML entity expansion, which the HTML parser does not perform.
constexpr int kParseOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                              HTML_PARSE_NONET | HTML_PARSE_COMPACT | XML_PARSE_HUGE;

// NUL bytes this early mean an image, a PDF or other binary data (UTF-16 pages carry a BOM).
constexpr std::size_t kBinarySniffBytes = 1024;

constexpr std::size_t kMaxAuthors = 16;
constexpr std::size_t kMaxLinks = 5000;  // links kept per page

using DocPtr = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

// Calls `visit` with each whitespace-separated token of `list` (rel="...", property="...").
template <typename Visit>
void for_each_token(std::string_view list, Visit visit) {
  for (std::size_t pos = 0; pos < list.size();) {
    while (pos < list.size() && is_space(list[pos])) ++pos;
    std::size_t end = pos;
    while (end < list.size() && !is_space(list[end])) ++end;
    if (end > pos) visit(list.substr(pos, end - pos));
    pos = end;
  }
}

// Date sources, best first. JSON-LD "datePublished" outranks the meta tags: on the readability
// pages it is right on all 20 dated pages, while article:published_time on one of them holds the
// time of the last update.
constexpr int kJsonLdRank = 0;
constexpr int kTimeElementRank = 100;  // <time datetime> only when nothing else gives a date

struct PageFacts {
  std::string og_title;
  std::string title;
  std::string h1;
  std::string canonical;
  std::string lang_html;
  std::string lang_meta;  // http-equiv content-language
  std::string locale;     // og:locale
  std::string site_name;
  std::vector<std::string> authors;
  std::optional<PartialDate> date;
  int date_rank = INT_MAX;
  std::optional<PartialDate> modified;
  int modified_rank = INT_MAX;
  std::string description;
  int description_rank = INT_MAX;
  std::string section;
  std::string ld_headline;              // from the JSON-LD article node
  std::vector<std::string> ld_authors;  // likewise
  bool ld_article_seen = false;
  std::string og_type;                  // "article", "website", ...
  bool noindex = false;                 // <meta name="robots" content="noindex">
  bool nofollow = false;                // <meta name="robots" content="nofollow">
  std::string base_href;                // <base href>
  std::vector<std::string_view> hrefs;  // of <a href> without rel="nofollow"; views into the tree
};

class PageWalker {
 public:
  // With `collect_text`, the walk also gathers every visible paragraph (the fallback when no
  // article stands out); without it, metadata only.
  PageWalker(std::size_t size_hint, bool collect_text) : collect_text_(collect_text) {
    if (collect_text_) text_.reserve(size_hint / 4);
  }
  void walk(xmlNode* root);
  PageFacts& facts() { return facts_; }
  std::string take_text() { return text_.take(); }
  // Bytes of visible text inside links that lead to other pages (counted when collecting text).
  std::size_t link_text_bytes() const { return link_text_bytes_; }

 private:
  bool enter(xmlNode* node);
  void leave(const xmlNode* node);
  void on_text(const xmlNode* node);
  void on_meta(const xmlNode* node);
  void on_meta_key(std::string_view key, std::string_view content);
  void on_link(const xmlNode* node);
  bool on_anchor(const xmlNode* node);
  void on_base(const xmlNode* node);
  void on_time(const xmlNode* node);
  void on_script(const xmlNode* node);
  void on_title(const xmlNode* node);
  void on_html(const xmlNode* node);
  void offer_date(std::string_view text, int rank, std::optional<PartialDate>& date,
                  int& date_rank);
  void add_author(std::string_view name);

  PageFacts facts_;
  JsonLdReader json_ld_;
  TextBuilder text_;
  TextBuilder h1_;
  const xmlNode* h1_node_ = nullptr;  // the first <h1> while we are inside it
  bool h1_seen_ = false;
  int head_depth_ = 0;                      // inside <head>: metadata only, no text
  std::vector<const xmlNode*> open_links_;  // the <a> elements that navigate, we are inside
  std::size_t link_text_bytes_ = 0;
  bool collect_text_;
};

void PageWalker::walk(xmlNode* root) {
  walk_tree(
      root, [this](xmlNode* node) { return enter(node); }, [this](xmlNode* node) { leave(node); });
}

// Returns whether to descend into the node's children.
bool PageWalker::enter(xmlNode* node) {
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    on_text(node);
    return false;
  }
  if (node->type != XML_ELEMENT_NODE) return false;
  const Kind kind = kind_of(node);
  switch (kind) {
    case Kind::kSkip:
      return false;
    case Kind::kScript:
      on_script(node);
      return false;
    case Kind::kHead:
      ++head_depth_;
      return true;
    case Kind::kTitle:
      on_title(node);
      return false;
    case Kind::kMeta:
      on_meta(node);
      return false;
    case Kind::kLink:
      on_link(node);
      return false;
    case Kind::kTime:
      on_time(node);
      break;
    case Kind::kHtml:
      on_html(node);
      break;
    case Kind::kH1:
      if (!h1_seen_) h1_node_ = node;
      h1_seen_ = true;
      break;
    case Kind::kBlock:
    case Kind::kInline:
      break;
  }
  if (as_view(node->name) == "a") {
    if (on_anchor(node)) open_links_.push_back(node);  // leave() pops it, even if we return false
  } else if (as_view(node->name) == "base") {
    on_base(node);
  }
  if (has_attribute(node, "hidden")) return false;
  if (collect_text_ && (kind == Kind::kBlock || kind == Kind::kH1)) text_.paragraph_break();
  return true;
}

void PageWalker::leave(const xmlNode* node) {
  if (node->type != XML_ELEMENT_NODE) return;
  const Kind kind = kind_of(node);
  if (!open_links_.empty() && open_links_.back() == node) open_links_.pop_back();
  if (kind == Kind::kHead) {
    --head_depth_;
  } else if (collect_text_ && (kind == Kind::kBlock || kind == Kind::kH1)) {
    text_.paragraph_break();
  }
  if (node == h1_node_) {
    facts_.h1 = h1_.take();
    h1_node_ = nullptr;
  }
}

void PageWalker::on_text(const xmlNode* node) {
  if (head_depth_ > 0) return;
  const std::string_view text = as_view(node->content);
  if (collect_text_) {
    text_.append(text);
    if (!open_links_.empty()) link_text_bytes_ += trim(text).size();
  }
  if (h1_node_ != nullptr) h1_.append(text);
}

void PageWalker::on_title(const xmlNode* node) {
  if (!facts_.title.empty()) return;
  TextBuilder title;
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_TEXT_NODE) title.append(as_view(child->content));
  }
  facts_.title = title.take();
}

void PageWalker::on_meta(const xmlNode* node) {
  std::string_view content;
  std::string_view http_equiv;
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    const std::string_view name = as_view(attr->name);
    if (name == "content") content = attribute(attr);
    if (name == "http-equiv") http_equiv = attribute(attr);
  }
  if (content.empty()) return;
  if (ascii_iequals(http_equiv, "content-language") && facts_.lang_meta.empty()) {
    facts_.lang_meta = language_subtag(content);
  }
  // One tag may carry several keys, in several attributes (<meta name="title" property="og:title">)
  // or as RDFa tokens (property="dc:creator twitter:creator"): honour each.
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    const std::string_view name = as_view(attr->name);
    if (name != "property" && name != "name" && name != "itemprop") continue;
    for_each_token(attribute(attr),
                   [&](std::string_view key) { on_meta_key(meta_key(key), content); });
  }
}

void PageWalker::on_meta_key(std::string_view key, std::string_view content) {
  const auto& rules = meta_rules();
  const auto it = rules.find(key);
  if (it == rules.end()) return;
  switch (it->second.field) {
    case MetaField::kOgTitle:
      if (facts_.og_title.empty()) facts_.og_title = collapse(content);
      break;
    case MetaField::kSiteName:
      if (facts_.site_name.empty()) facts_.site_name = collapse(content);
      break;
    case MetaField::kLocale:
      if (facts_.locale.empty()) facts_.locale = language_subtag(content);
      break;
    case MetaField::kAuthor:
      add_author(content);
      break;
    case MetaField::kDate:
      offer_date(content, it->second.rank, facts_.date, facts_.date_rank);
      break;
    case MetaField::kModified:
      offer_date(content, it->second.rank, facts_.modified, facts_.modified_rank);
      break;
    case MetaField::kDescription:
      if (it->second.rank < facts_.description_rank && !trim(content).empty()) {
        facts_.description = collapse(content);
        facts_.description_rank = it->second.rank;
      }
      break;
    case MetaField::kSection:
      if (facts_.section.empty()) facts_.section = collapse(content);
      break;
    case MetaField::kType:
      if (facts_.og_type.empty()) facts_.og_type = ascii_lower(trim(content));
      break;
    case MetaField::kRobots: {
      const std::string directives = ascii_lower(content);
      facts_.noindex = facts_.noindex || directives.find("noindex") != std::string::npos ||
                       directives.find("none") != std::string::npos;
      facts_.nofollow = facts_.nofollow || directives.find("nofollow") != std::string::npos ||
                        directives.find("none") != std::string::npos;
      break;
    }
  }
}

void PageWalker::offer_date(std::string_view text, int rank, std::optional<PartialDate>& date,
                            int& date_rank) {
  if (rank >= date_rank) return;
  if (auto parsed = parse_iso_date(trim(text))) {
    date = *parsed;
    date_rank = rank;
  }
}

void PageWalker::add_author(std::string_view name) {
  std::string author = collapse(name);
  if (ascii_istarts_with(author, "by ")) author = collapse(std::string_view(author).substr(3));
  // article:author often holds a profile URL rather than a name.
  if (author.empty() || author.find("://") != std::string::npos ||
      ascii_istarts_with(author, "www.")) {
    return;
  }
  if (facts_.authors.size() >= kMaxAuthors) return;
  for (const std::string& known : facts_.authors) {
    if (ascii_iequals(known, author)) return;
  }
  facts_.authors.push_back(std::move(author));
}

void PageWalker::on_base(const xmlNode* node) {
  if (facts_.base_href.empty()) facts_.base_href = trim(attribute(node, "href"));
}

void PageWalker::on_link(const xmlNode* node) {
  if (!facts_.canonical.empty()) return;
  bool canonical = false;
  for_each_token(attribute(node, "rel"), [&](std::string_view rel) {
    canonical = canonical || ascii_iequals(rel, "canonical");
  });
  if (!canonical) return;
  // Resolved (and normalised) later, against the page's address.
  const std::string_view href = trim(attribute(node, "href"));
  if (!href.empty()) {
    facts_.canonical = href;
  }
}

// Returns whether the link leads to another page (not "#..." or "javascript:").
bool PageWalker::on_anchor(const xmlNode* node) {
  const std::string_view href = trim(attribute(node, "href"));
  if (href.empty() || href.front() == '#' || ascii_istarts_with(href, "javascript:")) return false;
  bool nofollow = false;
  for_each_token(attribute(node, "rel"), [&](std::string_view rel) {
    nofollow = nofollow || ascii_iequals(rel, "nofollow");
  });
  if (!nofollow && facts_.hrefs.size() < kMaxLinks) facts_.hrefs.push_back(href);
  return true;
}

void PageWalker::on_time(const xmlNode* node) {
  const std::string_view datetime = attribute(node, "datetime");
  if (datetime.empty()) return;
  const std::string_view itemprop = trim(attribute(node, "itemprop"));
  if (ascii_iequals(itemprop, "datemodified")) {
    offer_date(datetime, meta_rules().at("datemodified").rank, facts_.modified,
               facts_.modified_rank);
    return;
  }
  const bool published = ascii_iequals(itemprop, "datepublished");
  offer_date(datetime, published ? meta_rules().at("datepublished").rank : kTimeElementRank,
             facts_.date, facts_.date_rank);
}

// Many news sites give the date only in schema.org JSON-LD. A substring search for the first
// "datePublished" is enough: the page's own article comes first in practice, and a full JSON
// parse of every ld+json block would cost more than the rest of the walk.
// The first string value of `"key": "..."` in `json`, or empty.
std::string_view json_string_value(std::string_view json, std::string_view quoted_key) {
  std::size_t pos = json.find(quoted_key);
  if (pos == std::string_view::npos) return {};
  pos += quoted_key.size();
  while (pos < json.size() && (is_space(json[pos]) || json[pos] == ':')) ++pos;
  if (pos >= json.size() || json[pos] != '"') return {};
  const std::size_t end = json.find('"', pos + 1);
  return end == std::string_view::npos ? std::string_view() : json.substr(pos + 1, end - pos - 1);
}

void PageWalker::on_script(const xmlNode* node) {
  if (!ascii_iequals(trim(attribute(node, "type")), "application/ld+json")) return;
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    const std::string_view json = as_view(child->content);
    if (!facts_.ld_article_seen) {
      if (const std::optional<JsonLdArticle> ld = json_ld_.read(json)) {
        facts_.ld_article_seen = true;
        facts_.ld_headline = collapse(ld->headline);
        for (const std::string& author : ld->authors) {
          std::string name = collapse(author);
          if (!name.empty()) facts_.ld_authors.push_back(std::move(name));
        }
        offer_date(ld->published, kJsonLdRank, facts_.date, facts_.date_rank);
        offer_date(ld->modified, kJsonLdRank, facts_.modified, facts_.modified_rank);
        continue;
      }
    }
    // Invalid JSON-LD (common on real pages) or no article node in it: the first date fields in
    // the text, as a hint.
    const std::string_view published = json_string_value(json, "\"datePublished\"");
    if (!published.empty()) offer_date(published, kJsonLdRank, facts_.date, facts_.date_rank);
    const std::string_view modified = json_string_value(json, "\"dateModified\"");
    if (!modified.empty()) {
      offer_date(modified, kJsonLdRank, facts_.modified, facts_.modified_rank);
    }
  }
}

void PageWalker::on_html(const xmlNode* node) {
  if (!facts_.lang_html.empty()) return;
  std::string_view lang = attribute(node, "lang");
  if (lang.empty()) lang = attribute(node, "xml:lang");
  facts_.lang_html = language_subtag(lang);
}

// og:title first: on the readability pages it matches the expected title on 79 of 91 pages,
// against 49 for <title> first (which often carries " - Site Name") and 41 for <h1> first.
std::string choose_title(PageFacts& facts) {
  for (std::string* candidate : {&facts.og_title, &facts.ld_headline, &facts.title, &facts.h1}) {
    if (!candidate->empty()) return std::move(*candidate);
  }
  return {};
}

// The article node's authors first (meta author tags are sometimes the editor), then meta tags
// that do not merely repeat the site's name, then the visible byline.
std::vector<std::string> choose_authors(PageFacts& facts, const xmlNode* root) {
  if (!facts.ld_authors.empty()) return std::move(facts.ld_authors);
  std::erase_if(facts.authors,
                [&](const std::string& name) { return ascii_iequals(name, facts.site_name); });
  if (!facts.authors.empty()) return std::move(facts.authors);
  return find_byline(root);
}

std::string choose_language(const PageFacts& facts) {
  if (!facts.lang_html.empty()) return facts.lang_html;
  if (!facts.lang_meta.empty()) return facts.lang_meta;
  return facts.locale;
}

bool looks_binary(std::string_view bytes) {
  const std::string_view start = bytes.substr(0, kBinarySniffBytes);
  const bool utf16 = start.starts_with("\xFE\xFF") || start.starts_with("\xFF\xFE");
  return !utf16 && start.find('\0') != std::string_view::npos;
}

// Whether zero bytes are part of the characters in this encoding (UTF-16, UTF-32), as libxml2
// will read it: the one announced, or else a UTF-16 byte order mark.
bool wide_encoding(const char* encoding, std::string_view bytes) {
  if (encoding == nullptr) return bytes.starts_with("\xFE\xFF") || bytes.starts_with("\xFF\xFE");
  const std::string name = ascii_lower(encoding);
  return name.find("16") != std::string::npos || name.find("32") != std::string::npos ||
         name.starts_with("ucs");
}

// Drops the NUL bytes of a page past the binary sniff: libxml2 2.9 stops parsing at one, and the
// rest of the page would be lost without a word. Browsers ignore NUL in text (HTML Standard,
// "in body" insertion mode), so removing them reads the page as they show it.
void drop_nul_bytes(Decoded& decoded) {
  if (decoded.bytes.find('\0') == std::string_view::npos) return;
  if (wide_encoding(decoded.encoding, decoded.bytes)) return;
  std::string kept;
  kept.reserve(decoded.bytes.size());
  for (const char c : decoded.bytes) {
    if (c != '\0') kept += c;
  }
  decoded.storage = std::move(kept);
  decoded.bytes = decoded.storage;
}

// Whether the page says it is an article: og:type "article" or a schema.org article node.
bool declares_article(const PageFacts& facts) {
  return facts.ld_article_seen || facts.og_type == "article" ||
         facts.og_type.starts_with("article");
}

Error page_error(const HtmlInput& input, std::string code, std::string message) {
  return Error{std::move(code), std::move(message), input.origin};
}

}  // namespace

Result<PageReading> read_page(const HtmlInput& input) {
  if (input.bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    return page_error(input, "not_html", "page too large to parse (over 2 GiB)");
  }
  if (looks_binary(input.bytes)) return page_error(input, "not_html", "binary data, not HTML");
  Decoded decoded;
  decode(input.bytes, decoded, content_type_charset(input.content_type));
  drop_nul_bytes(decoded);
  crawl::init_libxml_once();
  const crawl::QuietLibxml quiet;
  const DocPtr doc(htmlReadMemory(decoded.bytes.data(), static_cast<int>(decoded.bytes.size()),
                                  nullptr, decoded.encoding, kParseOptions),
                   &xmlFreeDoc);
  xmlNode* root = doc == nullptr ? nullptr : xmlDocGetRootElement(doc.get());
  if (root == nullptr) return page_error(input, "not_html", "no HTML markup could be parsed");

  PageWalker walker(decoded.bytes.size(), /*collect_text=*/false);
  walker.walk(root);
  PageFacts& facts = walker.facts();

  Article article;
  article.key = input.url;
  // A canonical link, relative ones resolved against a web page's address; none for files.
  std::optional<std::string> canonical;
  if (!facts.canonical.empty()) canonical = crawl::resolve_url(input.url, facts.canonical);
  if (canonical) {
    article.url = std::move(*canonical);
  } else {
    article.url = input.url;
  }
  article.origin = input.origin;
  article.title = strip_site_name(choose_title(facts), facts.site_name, url_host(input.url));
  // The article's text when one element stands out as the article; otherwise (short or index
  // pages) every visible paragraph, as before.
  article.main_text = extract_main_text(root, article.title);
  std::size_t link_text_bytes = 0;
  const bool whole_page = article.main_text.empty();
  if (whole_page) {
    // Rare (short or index pages): a second walk for the text beats building it on every page.
    PageWalker text_walker(decoded.bytes.size(), /*collect_text=*/true);
    text_walker.walk(root);
    article.main_text = text_walker.take_text();
    link_text_bytes = text_walker.link_text_bytes();
  }
  if (article.title.empty() && article.main_text.empty()) {
    return page_error(input, "empty_page", "the page has neither a title nor visible text");
  }
  article.authors = choose_authors(facts, root);
  article.published = facts.date;
  // Last resort: many news sites put the publication date in the article's path.
  if (!article.published) article.published = date_from_url(article.url);
  if (!article.published && article.url != article.key) {
    article.published = date_from_url(article.key);
  }
  article.modified = facts.modified;
  article.description = std::move(facts.description);
  article.section = std::move(facts.section);
  article.language = choose_article_language(choose_language(facts), article.main_text);
  article.source = std::move(facts.site_name);
  // libxml2 produces UTF-8, but its recovery from undecodable input is not documented to; the
  // Article contract is strict and checking is cheap next to parsing.
  finish_text(article);

  if (!facts.nofollow) article.links = resolve_links(input.url, facts.base_href, facts.hrefs);
  PageReading reading{std::move(article), PageKind::kArticle, {}, facts.noindex, facts.nofollow};
  const std::string& text = reading.article.main_text;
  if ((error_title(reading.article.title) || error_title(facts.h1)) &&
      count_words(text) <= kMaxErrorPageWords) {
    reading.kind = PageKind::kError;
    reading.reason = "an error page (\"" + reading.article.title + "\")";
  } else if (whole_page && !declares_article(facts) && !text.empty() &&
             link_text_bytes * 2 > text.size()) {
    // No element stands out as an article and most of the text is links: a home page, a section
    // front, a tag or search listing.
    reading.kind = PageKind::kListing;
    reading.reason = "an index page (" + std::to_string(link_text_bytes * 100 / text.size()) +
                     "% of its text is links)";
  }
  return reading;
}

Result<Article> read_html(const HtmlInput& input) {
  Result<PageReading> page = read_page(input);
  if (!page) return page.error();
  if (page.value().kind != PageKind::kArticle) {
    return page_error(input, "not_article", "not an article: " + page.value().reason);
  }
  return std::move(page.value().article);
}

}  // namespace vigil::extract
