#pragma once
// `vigil-index extract`: what the extractor makes of one page, as one JSON object, for users
// debugging a site and for the evaluation scripts (scripts/eval/).

#include <string>

#include "article/article.h"
#include "options.h"
#include "vigil/log.h"

namespace vigil::indexer {

// The extraction as a JSON object on one line: {"url", "canonical_url", "title", "authors",
// "published", "modified", "language", "section", "description", "main_text", "links"}; absent
// values are null ([] for authors and links).
std::string article_json(const Article& article);

// Extracts config.paths[0] (a file, or an http(s) URL fetched as the crawler would: robots.txt
// obeyed, redirects followed) and prints article_json() to stdout. Returns 0, or 1 (after a
// message naming the file or URL and the reason) when the page cannot be fetched or read, or
// holds no article.
int run_extract(const IndexerConfig& config, const Logger& log);

}  // namespace vigil::indexer
