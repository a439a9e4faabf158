#pragma once
// Helpers shared by the tests that crawl scripted sites (tests/support/http_server.h) and compare
// the indexes they build.

#include <map>
#include <set>
#include <string>

namespace vigil::test {

// An article page (declared with og:type, long enough to be one) whose text mentions `word`, with
// `head` added to its <head> and `extra_body` to its article. Quotes are escaped for the JSON of
// a SITES document (a route's "body").
std::string article_page_json(const std::string& title, const std::string& word,
                              const std::string& head = "", const std::string& extra_body = "");

// The documents of the index at `path` by key: each one's stored record followed by its terms
// with their wdf, which together are the whole document as search sees it. Throws
// Xapian::Error when the index cannot be opened.
std::map<std::string, std::string> documents_by_key(const std::string& path);

// The keys of the documents of the index at `path`; empty when it cannot be opened (a crawl that
// indexed nothing may have left none).
std::set<std::string> index_keys(const std::string& path);

}  // namespace vigil::test
