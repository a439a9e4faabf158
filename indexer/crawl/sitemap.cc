#include "crawl/sitemap.h"

#include <algorithm>
#include <utility>

#include "crawl/datetime.h"
#include "crawl/gunzip.h"
#include "crawl/url_resolve.h"
#include "crawl/xml_stream.h"
#include "vigil/text.h"

namespace vigil::crawl {
namespace {

constexpr std::string_view kNewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";
constexpr std::size_t kMaxDateBytes = 256;

std::string_view trim(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

Error error(std::string code, std::string message, std::string_view origin) {
  return Error{std::move(code), std::move(message), std::string(origin)};
}

bool is_feed_root(std::string_view root) {
  return root == "rss" || root == "feed" || root == "RDF";
}

// Collects the entries of a <urlset> or <sitemapindex>. An entry is a <url> or <sitemap> in the
// root's namespace; its <loc> and <lastmod> are its children in that namespace.
class SitemapReader final : public XmlHandler {
 public:
  explicit SitemapReader(std::string_view origin) : origin_(origin) {}

  bool start_element(const XmlElement& element) override;
  bool end_element() override;
  bool text(std::string_view chunk) override;

  const std::string& root() const { return root_; }
  Sitemap& sitemap() { return sitemap_; }

 private:
  bool finish_entry();

  std::string_view origin_;
  Sitemap sitemap_;
  std::string root_;
  std::string ns_;
  std::string_view entry_name_;
  int depth_ = 0;
  int entry_depth_ = 0;  // depth of the open entry; 0 outside one
  int field_depth_ = 0;  // depth of the field being read; 0 when none
  std::string* field_ = nullptr;
  std::size_t field_limit_ = 0;
  std::string loc_;
  std::string lastmod_;
  std::string published_;
};

bool SitemapReader::start_element(const XmlElement& element) {
  ++depth_;
  if (depth_ == 1) {
    root_ = element.local_name;
    ns_ = element.ns_uri;
    if (root_ == "urlset") {
      entry_name_ = "url";
    } else if (root_ == "sitemapindex") {
      sitemap_.kind = Sitemap::Kind::index;
      entry_name_ = "sitemap";
    } else {
      return false;  // not a sitemap; nothing more to learn
    }
    return true;
  }
  if (entry_depth_ == 0) {
    if (element.local_name == entry_name_ && element.ns_uri == ns_) {
      entry_depth_ = depth_;
      loc_.clear();
      lastmod_.clear();
      published_.clear();
    }
    return true;
  }
  if (field_ != nullptr) return true;
  const bool child = depth_ == entry_depth_ + 1 && element.ns_uri == ns_;
  if (child && element.local_name == "loc") {
    field_ = &loc_;
    field_limit_ = kMaxReferenceBytes + 1;  // longer ones are refused by resolve_url
  } else if (child && element.local_name == "lastmod") {
    field_ = &lastmod_;
    field_limit_ = kMaxDateBytes;
  } else if (element.local_name == "publication_date" && element.ns_uri == kNewsNamespace) {
    field_ = &published_;
    field_limit_ = kMaxDateBytes;
  }
  if (field_ != nullptr) field_depth_ = depth_;
  return true;
}

bool SitemapReader::text(std::string_view chunk) {
  if (field_ != nullptr && field_->size() < field_limit_) {
    field_->append(chunk.substr(0, field_limit_ - field_->size()));
  }
  return true;
}

bool SitemapReader::end_element() {
  bool go_on = true;
  if (field_ != nullptr && depth_ == field_depth_) field_ = nullptr;
  if (entry_depth_ != 0 && depth_ == entry_depth_) {
    entry_depth_ = 0;
    go_on = finish_entry();
  }
  --depth_;
  return go_on;
}

bool SitemapReader::finish_entry() {
  const std::string_view loc = trim(loc_);
  std::optional<std::string> url;
  if (!loc.empty()) url = resolve_url(origin_, loc);
  if (!url) {
    ++sitemap_.invalid;
    return true;
  }
  if (sitemap_.entries.size() == kMaxSitemapEntries) {
    sitemap_.truncated = true;
    return false;
  }
  SitemapEntry& entry = sitemap_.entries.emplace_back();
  entry.url = std::move(*url);
  entry.lastmod = trim(lastmod_);
  entry.modified = parse_w3c_datetime(entry.lastmod);
  entry.published = parse_w3c_datetime(published_);
  return true;
}

Result<Sitemap> parse_xml_sitemap(std::string_view bytes, std::string_view origin) {
  SitemapReader reader(origin);
  const XmlOutcome outcome = parse_xml(bytes, reader);
  const std::string& root = reader.root();
  if (root.empty()) {
    return error("invalid_xml",
                 "not an XML document" +
                     (outcome.first_error.empty() ? std::string() : ": " + outcome.first_error),
                 origin);
  }
  if (root != "urlset" && root != "sitemapindex") {
    return error("not_a_sitemap",
                 "root element <" + root + "> is " +
                     (is_feed_root(root) ? "a feed, not a sitemap" : "not urlset or sitemapindex"),
                 origin);
  }
  if (!outcome.well_formed && reader.sitemap().entries.empty()) {
    return error("invalid_xml", "malformed sitemap without entries: " + outcome.first_error,
                 origin);
  }
  return std::move(reader.sitemap());
}

Result<Sitemap> parse_text_sitemap(std::string_view text, std::string_view origin) {
  Sitemap sitemap;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
    if (line.empty()) continue;
    std::optional<std::string> url = normalize_url(line);
    if (!url) {
      ++sitemap.invalid;
      continue;
    }
    if (sitemap.entries.size() == kMaxSitemapEntries) {
      sitemap.truncated = true;
      break;
    }
    sitemap.entries.push_back(SitemapEntry{std::move(*url), {}, std::nullopt, std::nullopt});
  }
  if (sitemap.entries.empty()) {
    return error("not_a_sitemap", "neither XML nor a list of absolute http(s) URLs", origin);
  }
  return sitemap;
}

// XML starts with "<" after an optional BOM and whitespace, or with a UTF-16 byte order mark.
bool is_xml(std::string_view bytes) {
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") return true;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const std::size_t first = bytes.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && bytes[first] == '<';
}

}  // namespace

Result<Sitemap> parse_sitemap(std::string_view bytes, std::string_view origin) {
  if (bytes.empty()) return error("empty", "empty sitemap", origin);
  std::string storage;
  const Result<std::string_view> document = maybe_gunzip(bytes, kMaxSitemapBytes, storage);
  if (!document) return error(document.error().code, document.error().message, origin);
  std::string_view text = document.value();
  if (trim(text).empty()) return error("empty", "empty sitemap", origin);
  if (is_xml(text)) return parse_xml_sitemap(text, origin);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return parse_text_sitemap(text, origin);
}

bool looks_like_sitemap(std::string_view bytes) {
  const std::string inflated =
      is_gzip(bytes) ? gunzip_prefix(bytes, kXmlSniffBytes) : std::string();
  std::string_view head =
      is_gzip(bytes) ? std::string_view(inflated) : bytes.substr(0, kXmlSniffBytes);
  if (is_xml(head)) {
    const std::string root = xml_root_name(head);
    return root == "urlset" || root == "sitemapindex";
  }
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  const std::size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return false;
  head.remove_prefix(first);
  const std::string_view line = trim(head.substr(0, head.find('\n')));
  return (ascii_istarts_with(line, "http://") || ascii_istarts_with(line, "https://")) &&
         normalize_url(line).has_value();
}

}  // namespace vigil::crawl
