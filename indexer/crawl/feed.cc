#include "crawl/feed.h"

#include <climits>
#include <utility>

#include "crawl/datetime.h"
#include "crawl/gunzip.h"
#include "crawl/url_resolve.h"
#include "crawl/xml_stream.h"
#include "vigil/text.h"

namespace vigil::crawl {
namespace {

constexpr std::string_view kAtomNamespace = "http://www.w3.org/2005/Atom";
constexpr std::string_view kAtom03Namespace = "http://purl.org/atom/ns#";
constexpr std::string_view kRdfNamespace = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kDcNamespace = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kFeedburnerNamespace = "http://rssnamespace.org/feedburner/ext/1.0";
constexpr std::size_t kMaxDateBytes = 256;

// Sources of an item's URL, best first.
enum Rank : int { kOrigLink, kLink, kAtomAlternate, kAtomOther, kGuid, kRdfAbout, kNone = INT_MAX };

// Text fields of an item that are read.
enum class Field { none, link, orig_link, guid, published, updated };

std::string_view trim(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

bool is_atom(std::string_view ns) { return ns == kAtomNamespace || ns == kAtom03Namespace; }

// Atom's <link>: the rank of its href as the entry's URL, or kNone for other relations.
int atom_link_rank(const XmlElement& link) {
  const std::string_view rel = trim(link.attribute("rel").value_or("alternate"));
  if (rel != "alternate" && rel != "http://www.iana.org/assignments/relation/alternate") {
    return kNone;
  }
  const std::string_view type = trim(link.attribute("type").value_or(""));
  const bool html = type.empty() || ascii_istarts_with(type, "text/html") ||
                    ascii_istarts_with(type, "application/xhtml");
  return html ? kAtomAlternate : kAtomOther;
}

class FeedReader final : public XmlHandler {
 public:
  explicit FeedReader(std::string_view origin) : origin_(origin) {}

  bool start_element(const XmlElement& element) override;
  bool end_element() override;
  bool text(std::string_view chunk) override;

  const std::string& root() const { return root_; }
  Feed& feed() { return feed_; }

 private:
  void start_item(const XmlElement& element);
  void start_field(const XmlElement& element);
  void end_field();
  bool finish_item();
  void offer(int rank, std::string_view reference, const std::string& base);
  const std::string& base() const { return bases_.empty() ? origin_ : bases_.back(); }

  std::string origin_;
  Feed feed_;
  std::string root_;
  std::vector<std::string> bases_;  // xml:base in effect at each open element
  int depth_ = 0;
  int item_depth_ = 0;  // 0 outside an item
  // The item being read.
  std::string url_;
  int url_rank_ = kNone;
  std::optional<std::chrono::sys_seconds> published_;
  std::optional<std::chrono::sys_seconds> updated_;
  // The text field being read.
  Field field_ = Field::none;
  int field_depth_ = 0;
  std::string field_text_;
  std::string field_base_;
  bool guid_is_permalink_ = true;
};

bool FeedReader::start_element(const XmlElement& element) {
  ++depth_;
  std::string element_base = base();
  if (const auto xml_base = element.attribute("base", kXmlNamespace)) {
    if (std::optional<std::string> resolved = resolve_url(element_base, trim(*xml_base))) {
      element_base = std::move(*resolved);
    }
  }
  bases_.push_back(std::move(element_base));
  if (depth_ == 1) {
    root_ = element.local_name;
    if (root_ == "rss") {
      feed_.kind = Feed::Kind::rss;
    } else if (root_ == "RDF") {
      feed_.kind = Feed::Kind::rdf;
    } else if (root_ == "feed") {
      feed_.kind = Feed::Kind::atom;
    } else {
      return false;  // not a feed; nothing more to learn
    }
    return true;
  }
  if (item_depth_ == 0) {
    const bool atom = feed_.kind == Feed::Kind::atom;
    if ((atom && element.local_name == "entry") ||
        (!atom && element.local_name == "item" && !is_atom(element.ns_uri))) {
      start_item(element);
    }
    return true;
  }
  if (field_ == Field::none && depth_ == item_depth_ + 1) start_field(element);
  return true;
}

void FeedReader::start_item(const XmlElement& element) {
  item_depth_ = depth_;
  url_.clear();
  url_rank_ = kNone;
  published_.reset();
  updated_.reset();
  if (const auto about = element.attribute("about", kRdfNamespace)) {
    offer(kRdfAbout, *about, base());
  }
}

void FeedReader::start_field(const XmlElement& element) {
  const std::string_view name = element.local_name;
  const std::string_view ns = element.ns_uri;
  if (name == "link" && (feed_.kind == Feed::Kind::atom || is_atom(ns))) {
    if (const auto href = element.attribute("href")) offer(atom_link_rank(element), *href, base());
    return;
  }
  if (feed_.kind == Feed::Kind::atom) {
    if (name == "published" || name == "issued") field_ = Field::published;
    if (name == "updated" || name == "modified") field_ = Field::updated;
  } else if (name == "link") {
    field_ = Field::link;
  } else if (name == "origLink" && ns == kFeedburnerNamespace) {
    field_ = Field::orig_link;
  } else if (name == "guid") {
    field_ = Field::guid;
    guid_is_permalink_ =
        !ascii_iequals(trim(element.attribute("isPermaLink").value_or("")), "false");
  } else if (name == "pubDate" || (name == "date" && ns == kDcNamespace)) {
    field_ = Field::published;
  }
  if (field_ == Field::none) return;
  field_depth_ = depth_;
  field_text_.clear();
  field_base_ = base();
}

bool FeedReader::text(std::string_view chunk) {
  if (field_ == Field::none) return true;
  const bool is_date = field_ == Field::published || field_ == Field::updated;
  const std::size_t limit = is_date ? kMaxDateBytes : kMaxReferenceBytes + 1;
  if (field_text_.size() < limit) field_text_.append(chunk.substr(0, limit - field_text_.size()));
  return true;
}

void FeedReader::end_field() {
  switch (field_) {
    case Field::link:
      offer(kLink, field_text_, field_base_);
      break;
    case Field::orig_link:
      offer(kOrigLink, field_text_, field_base_);
      break;
    case Field::guid:
      if (guid_is_permalink_) offer(kGuid, field_text_, field_base_);
      break;
    case Field::published:
      if (!published_) published_ = parse_feed_datetime(field_text_);
      break;
    case Field::updated:
      if (!updated_) updated_ = parse_feed_datetime(field_text_);
      break;
    case Field::none:
      break;
  }
  field_ = Field::none;
}

bool FeedReader::end_element() {
  bool go_on = true;
  if (field_ != Field::none && depth_ == field_depth_) end_field();
  if (item_depth_ != 0 && depth_ == item_depth_) {
    item_depth_ = 0;
    go_on = finish_item();
  }
  bases_.pop_back();
  --depth_;
  return go_on;
}

void FeedReader::offer(int rank, std::string_view reference, const std::string& base) {
  if (rank >= url_rank_) return;
  reference = trim(reference);
  if (reference.empty()) return;
  if (std::optional<std::string> url = resolve_url(base, reference)) {
    url_ = std::move(*url);
    url_rank_ = rank;
  }
}

bool FeedReader::finish_item() {
  if (url_rank_ == kNone) {
    ++feed_.invalid;
    return true;
  }
  if (feed_.items.size() == kMaxFeedItems) {
    feed_.truncated = true;
    return false;
  }
  feed_.items.push_back(FeedItem{std::move(url_), published_ ? published_ : updated_});
  return true;
}

Error error(std::string code, std::string message, std::string_view origin) {
  return Error{std::move(code), std::move(message), std::string(origin)};
}

}  // namespace

Result<Feed> parse_feed(std::string_view bytes, std::string_view origin) {
  if (trim(bytes).empty()) return error("empty", "empty feed", origin);
  std::string storage;
  const Result<std::string_view> document = maybe_gunzip(bytes, kMaxFeedBytes, storage);
  if (!document) return error(document.error().code, document.error().message, origin);
  FeedReader reader(origin);
  const XmlOutcome outcome = parse_xml(document.value(), reader);
  const std::string& root = reader.root();
  if (root.empty()) {
    return error("invalid_xml",
                 "not an XML document" +
                     (outcome.first_error.empty() ? std::string() : ": " + outcome.first_error),
                 origin);
  }
  if (root != "rss" && root != "RDF" && root != "feed") {
    const bool sitemap = root == "urlset" || root == "sitemapindex";
    return error("not_a_feed",
                 "root element <" + root + "> is " +
                     (sitemap ? "a sitemap, not a feed" : "not rss, RDF or feed"),
                 origin);
  }
  if (!outcome.well_formed && reader.feed().items.empty()) {
    return error("invalid_xml", "malformed feed without items: " + outcome.first_error, origin);
  }
  return std::move(reader.feed());
}

bool looks_like_feed(std::string_view bytes) {
  const std::string root =
      is_gzip(bytes) ? xml_root_name(gunzip_prefix(bytes, kXmlSniffBytes)) : xml_root_name(bytes);
  return root == "rss" || root == "RDF" || root == "feed";
}

}  // namespace vigil::crawl
