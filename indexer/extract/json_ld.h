#pragma once
// schema.org JSON-LD (<script type="application/ld+json">): what a page says about its article.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::extract {

struct JsonLdArticle {
  std::string headline;
  std::vector<std::string> authors;  // names, in order
  std::string published;             // as written (ISO 8601)
  std::string modified;
};

// The first article node in one JSON-LD block: an object whose @type is an article type
// (Article, NewsArticle and its kinds, BlogPosting, LiveBlogPosting, Report, ...), found at the
// top, in a top-level array or in "@graph". Authors may be strings, {"name": ...} objects or
// arrays of either. nullopt for invalid JSON (common on real pages: the caller then falls back to
// plain text search) or when there is no article node. Not thread-safe: one reader per thread.
class JsonLdReader {
 public:
  std::optional<JsonLdArticle> read(std::string_view json);

 private:
  struct Parser;  // simdjson's parser, kept out of this header
  std::shared_ptr<Parser> parser_;
};

}  // namespace vigil::extract
