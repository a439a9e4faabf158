#include "extract/json_ld.h"

#include <simdjson.h>

#include <array>

namespace vigil::extract {

struct JsonLdReader::Parser {
  simdjson::dom::parser parser;
};

namespace {

using simdjson::dom::element;

bool is_article_type(std::string_view type) {
  static constexpr std::array<std::string_view, 5> kOthers = {
      "BlogPosting", "LiveBlogPosting", "Report", "SocialMediaPosting", "DiscussionForumPosting"};
  return type.ends_with("Article") ||
         std::find(kOthers.begin(), kOthers.end(), type) != kOthers.end();
}

bool has_article_type(element node) {
  element type;
  if (node["@type"].get(type) != simdjson::SUCCESS) return false;
  std::string_view text;
  if (type.get(text) == simdjson::SUCCESS) return is_article_type(text);
  simdjson::dom::array types;
  if (type.get(types) != simdjson::SUCCESS) return false;
  for (element each : types) {
    if (each.get(text) == simdjson::SUCCESS && is_article_type(text)) return true;
  }
  return false;
}

std::string string_field(element node, const char* key) {
  std::string_view text;
  return node[key].get(text) == simdjson::SUCCESS ? std::string(text) : std::string();
}

void add_author(element author, std::vector<std::string>& out) {
  std::string_view name;
  if (author.get(name) == simdjson::SUCCESS || author["name"].get(name) == simdjson::SUCCESS) {
    if (!name.empty()) out.emplace_back(name);
  }
}

JsonLdArticle to_article(element node) {
  JsonLdArticle article;
  article.headline = string_field(node, "headline");
  article.published = string_field(node, "datePublished");
  article.modified = string_field(node, "dateModified");
  element author;
  if (node["author"].get(author) == simdjson::SUCCESS) {
    simdjson::dom::array authors;
    if (author.get(authors) == simdjson::SUCCESS) {
      for (element each : authors) add_author(each, article.authors);
    } else {
      add_author(author, article.authors);
    }
  }
  return article;
}

// Depth-limited search: the top node, array items, and "@graph" members.
std::optional<JsonLdArticle> find_article(element node, int depth) {
  if (depth > 3) return std::nullopt;
  simdjson::dom::array items;
  if (node.get(items) == simdjson::SUCCESS) {
    for (element item : items) {
      if (auto found = find_article(item, depth + 1)) return found;
    }
    return std::nullopt;
  }
  if (!node.is_object()) return std::nullopt;
  if (has_article_type(node)) return to_article(node);
  element graph;
  if (node["@graph"].get(graph) == simdjson::SUCCESS) return find_article(graph, depth + 1);
  return std::nullopt;
}

}  // namespace

std::optional<JsonLdArticle> JsonLdReader::read(std::string_view json) {
  if (!parser_) parser_ = std::make_shared<Parser>();
  element root;
  if (parser_->parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS) {
    return std::nullopt;
  }
  return find_article(root, 0);
}

}  // namespace vigil::extract
