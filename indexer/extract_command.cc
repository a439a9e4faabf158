#include "extract_command.h"

#include <iostream>

#include "local_source.h"
#include "vigil/errors.h"
#include "vigil/json.h"

namespace vigil::indexer {
namespace {

std::string json_or_null(const std::string& text) {
  return text.empty() ? std::string("null") : json_quote(text);
}

}  // namespace

std::string article_json(const Article& article) {
  std::string out = "{\"url\":" + json_or_null(article.key);
  out += ",\"canonical_url\":" + json_or_null(article.url == article.key ? "" : article.url);
  out += ",\"title\":" + json_or_null(article.title);
  out += ",\"authors\":[";
  for (std::size_t i = 0; i < article.authors.size(); ++i) {
    if (i != 0) out += ',';
    out += json_quote(article.authors[i]);
  }
  out += "],\"published\":" + json_or_null(article.published ? article.published->iso() : "");
  out += ",\"modified\":" + json_or_null(article.modified ? article.modified->iso() : "");
  out += ",\"language\":" + json_or_null(article.language);
  out += ",\"section\":" + json_or_null(article.section);
  out += ",\"description\":" + json_or_null(article.description);
  out += ",\"main_text\":" + json_quote(article.main_text);
  out += "}\n";
  return out;
}

int run_extract(const IndexerConfig& config, const Logger& log) {
  const Result<Article> article = read_html_file(config.paths.front(), config.url);
  if (!article) {
    log.error(article.error().describe());
    return kExitSkipped;
  }
  std::cout << article_json(article.value());
  return kExitOk;
}

}  // namespace vigil::indexer
