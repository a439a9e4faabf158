#include "extract_command.h"

#include <chrono>
#include <iostream>

#include "crawl/robots.h"
#include "crawl/url_resolve.h"
#include "crawler/crawler.h"
#include "extract/html_reader.h"
#include "fetch/fetcher.h"
#include "local_source.h"
#include "vigil/errors.h"
#include "vigil/json.h"

namespace vigil::indexer {
namespace {

std::string json_or_null(const std::string& text) {
  return text.empty() ? std::string("null") : json_quote(text);
}

// One transfer, run to completion.
fetch::FetchResponse fetch_now(fetch::Fetcher& fetcher, fetch::FetchRequest request) {
  fetcher.start(std::move(request));
  for (;;) {
    std::vector<fetch::FetchResponse> done = fetcher.poll(std::chrono::milliseconds(200));
    if (!done.empty()) return std::move(done.front());
  }
}

// Fetches `url` as the crawler would (robots.txt obeyed, redirects followed) and reads it.
Result<Article> fetch_and_read(const std::string& url, const std::string& contact) {
  const std::optional<crawl::UrlParts> parts = crawl::split_url(url);
  if (!parts) return Error{"bad_url", "not an http(s) URL", url};
  fetch::FetcherOptions options;
  options.user_agent = std::string("VigilBot/") + VIGIL_VERSION +
                       (contact.empty() ? " (vigil-index extract)" : " (+" + contact + ")");
  fetch::Fetcher fetcher(options);
  const fetch::FetchResponse robots =
      fetch_now(fetcher, {1, parts->robots_url(), {}, true, crawl::kMaxRobotsBytes * 2});
  if (robots.failure == fetch::FetchFailure::kNone && robots.status >= 200 && robots.status < 300 &&
      !crawl::parse_robots(robots.body, crawler::product_token(options.user_agent))
           .allowed(parts->path_and_query)) {
    return Error{"disallowed", "the site's robots.txt does not allow VigilBot to fetch this page",
                 url};
  }
  const fetch::FetchResponse page =
      fetch_now(fetcher, {2, *crawl::normalize_url(url), {}, true, 0});
  if (page.failure != fetch::FetchFailure::kNone) return Error{"fetch_failed", page.error, url};
  if (page.status < 200 || page.status >= 300) {
    return Error{"http_error", "HTTP " + std::to_string(page.status), url};
  }
  return extract::read_html({page.body, page.final_url, url});
}

bool is_web_url(const std::string& text) {
  return text.starts_with("http://") || text.starts_with("https://");
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
  out += ",\"links\":[";
  for (std::size_t i = 0; i < article.links.size(); ++i) {
    if (i != 0) out += ',';
    out += json_quote(article.links[i]);
  }
  out += "]}\n";
  return out;
}

int run_extract(const IndexerConfig& config, const Logger& log) {
  const std::string& input = config.paths.front();
  const Result<Article> article =
      is_web_url(input) ? fetch_and_read(input, config.contact) : read_html_file(input, config.url);
  if (!article) {
    log.error(article.error().describe());
    return kExitSkipped;
  }
  std::cout << article_json(article.value());
  return kExitOk;
}

}  // namespace vigil::indexer
