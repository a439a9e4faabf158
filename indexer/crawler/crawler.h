#pragma once
// The crawl loop: seeds, sitemaps and feeds in; articles out. One thread drives many transfers
// (libcurl multi) across hosts while the frontier keeps each host's pace; every fetched page goes
// through the extractor, and only articles reach the sink. Transient failures are retried with
// exponential backoff; 429 and 503 with Retry-After pause the host for as long as it asks (up to
// max_retry_after); robots.txt is obeyed.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "article/article.h"
#include "crawler/frontier.h"
#include "fetch/fetcher.h"
#include "vigil/log.h"
#include "vigil/shard.h"

namespace vigil::crawler {

struct CrawlConfig {
  std::vector<std::string> seeds;     // pages: links followed to max_depth
  std::vector<std::string> sitemaps;  // sitemap or sitemap index URLs
  std::vector<std::string> feeds;     // RSS or Atom feed URLs
  // Hosts beyond those of the seeds, sitemaps and feeds: each domain and its subdomains.
  std::vector<std::string> allow_domains;
  // Of the hosts in scope, only those (host:port) in this shard (crawler/scope.h): seeds,
  // sitemaps and feeds of other hosts are skipped, links to them counted and not followed.
  Shard shard;
  int max_depth = 2;             // links followed from a seed, sitemap or feed page
  std::size_t max_pages = 1000;  // pages fetched (robots.txt, sitemaps, feeds not counted)
  std::size_t concurrency = 8;   // transfers in flight over all hosts
  int per_host = 1;              // transfers in flight per host
  double delay_seconds = 1.0;    // least time between requests to one host
  std::string user_agent;  // "VigilBot/0.1 (+https://...)": our robots.txt token is "VigilBot"
  int max_retries = 3;     // further attempts after a transient failure
  double max_retry_after_seconds = 600;  // longer Retry-After: give up on that URL for this run
  std::size_t max_urls = 1'000'000;      // URLs queued over the run
  long timeout_seconds = 60;             // one transfer
  std::size_t max_page_bytes = std::size_t{16} * 1024 * 1024;
  bool progress = false;  // a live progress line on stderr, once a second (for terminals)
};

struct CrawlReport {
  std::size_t fetched = 0;       // responses received (all purposes)
  std::size_t articles = 0;      // articles handed to the sink
  std::size_t not_articles = 0;  // index and error pages (their links were followed)
  std::size_t noindex = 0;       // pages that ask not to be indexed
  std::size_t not_html = 0;      // pages of another type (PDF, images, ...)
  std::size_t not_found = 0;     // 4xx answers (404, 410, 403 ...)
  std::size_t failed = 0;        // given up after retries (5xx, network, timeouts) or too large
  std::size_t disallowed = 0;    // refused by robots.txt
  std::size_t unchanged = 0;     // known URLs answered 304, or 200 with the same content
  std::size_t not_due = 0;       // known URLs found again but not due for a visit in this run
  std::uint64_t bytes = 0;       // response bodies received (decoded)
  std::size_t out_of_scope = 0;  // links to hosts outside the crawl
  std::size_t other_shard = 0;   // links to hosts in scope but in another shard (not followed)
  std::size_t retries = 0;
  std::size_t sitemaps = 0;  // sitemap files read
  std::size_t feeds = 0;     // feeds read
  bool interrupted = false;  // stopped by `stop`
  double seconds = 0;
};

using ArticleSink = std::function<void(Article&&)>;

// What became of one fetched URL (pages, sitemaps and feeds; not robots.txt), for the fetch log.
// Reported once per URL, when it is settled: after its last retry, not for each attempt.
struct Fetched {
  std::string url;
  long status = 0;  // 0 when no response arrived
  std::string etag;
  std::string last_modified;
  std::string content_hash;  // hex64(fnv1a64(body)); empty without a body
  // "article", "not_article", "noindex", "not_html", "redirect", "http_error", "sitemap",
  // "feed", "failed" (given up after retries: nothing is known about the page now),
  // "unchanged" (a known URL answered 304, or 200 with its known content: nothing was read),
  // "disallowed" (robots.txt forbids it; nothing was fetched)
  std::string outcome;
  std::string reason;  // why, for everything but "article", "sitemap", "feed" and "unchanged"
  std::string key;     // "article": the article's key (its canonical URL)
  Purpose purpose = Purpose::kPage;
  int depth = 0;
};
using FetchedSink = std::function<void(const Fetched&)>;

// What an earlier run left about a URL (the update job, a resumed crawl): the validators sent
// in a conditional request, the content hash that tells an unchanged page without reading it,
// and whether the URL is due for a visit in this run. A known URL that is not due is not fetched
// even when it is found again.
struct KnownUrl {
  Purpose purpose = Purpose::kPage;
  int depth = 0;
  std::string etag;
  std::string last_modified;
  std::string content_hash;
  bool due = true;
  // Fetched by the run this one resumes: not fetched again, even as a seed, sitemap or feed
  // (which are otherwise fetched in every run, due or not: that is where new URLs appear).
  bool settled = false;
};
using KnownUrls = std::unordered_map<std::string, KnownUrl>;  // by URL

// Everything a crawl reports besides its articles; each may be empty.
struct CrawlHooks {
  FetchedSink fetched;  // every settled URL
  // A URL queued for the first time in this run (found in a page, sitemap or feed), so that
  // the caller can remember it: a crawl killed before fetching it can resume with it.
  std::function<void(const std::string& url, Purpose purpose, int depth)> queued;
  // Every response that arrived with a body (not 304; robots.txt included), before it is read:
  // for archiving. May throw (e.g. disk full): the crawl ends with that exception.
  std::function<void(const fetch::FetchResponse&)> response;
  // Due known URLs are queued after the seeds, sitemaps and feeds; not-due ones are skipped.
  const KnownUrls* known = nullptr;
};

// Crawls until nothing is left, max_pages pages were fetched, or `stop` becomes true. Problems
// with one URL are logged (warnings for lost pages, info or debug for the rest) and counted;
// nothing here throws for a page. Throws ConfigError when no seed, sitemap or feed is a valid
// http(s) URL. Articles go to `sink`, and every settled URL to `fetched` (when given).
CrawlReport crawl(const CrawlConfig& config, const Logger& log, const std::atomic<bool>& stop,
                  const ArticleSink& sink, const FetchedSink& fetched = {});
CrawlReport crawl(const CrawlConfig& config, const Logger& log, const std::atomic<bool>& stop,
                  const ArticleSink& sink, const CrawlHooks& hooks);

// The robots.txt product token in a User-Agent: its leading run of letters, "_" and "-".
std::string product_token(const std::string& user_agent);

}  // namespace vigil::crawler
