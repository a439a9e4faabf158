#include "crawler/crawler.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <thread>
#include <unordered_map>

#include "crawl/feed.h"
#include "crawl/robots.h"
#include "crawl/sitemap.h"
#include "crawl/url_resolve.h"
#include "crawler/frontier.h"
#include "crawler/response_kind.h"
#include "crawler/scope.h"
#include "extract/html_reader.h"
#include "fetch/fetcher.h"
#include "vigil/errors.h"
#include "vigil/text.h"

namespace vigil::crawler {
namespace {

using namespace std::chrono_literals;

constexpr int kMaxRedirects = 5;
// Sitemap indexes may not list sitemap indexes (sitemaps.org); some sites nest them anyway, so a
// sitemap listed by an index listed by a --sitemap (depth 2) is still read, but what a sitemap of
// depth 2 lists as sitemaps is not: without a limit, indexes listing new indexes never end.
constexpr int kMaxSitemapDepth = 2;
constexpr auto kMaxBackoff = std::chrono::seconds(300);
constexpr auto kIdleTick = 200ms;  // longest sleep, so that a stop request is noticed quickly

const char* purpose_name(Purpose purpose) {
  switch (purpose) {
    case Purpose::kPage:
      return "page";
    case Purpose::kSitemap:
      return "sitemap";
    case Purpose::kFeed:
      return "feed";
    case Purpose::kRobots:
      return "robots.txt";
  }
  return "";
}

class Crawl {
 public:
  Crawl(const CrawlConfig& config, const Logger& log, const std::atomic<bool>& stop,
        const ArticleSink& sink, const CrawlHooks& hooks)
      : config_(config),
        log_(log),
        stop_(stop),
        sink_(sink),
        hooks_(hooks),
        fetched_(hooks.fetched),
        token_(product_token(config.user_agent)),
        fetcher_(fetch_options(config)),
        scope_(config.allow_domains, config.shard),
        frontier_(std::chrono::milliseconds(static_cast<long long>(config.delay_seconds * 1000)),
                  config.per_host, config.max_urls) {}

  CrawlReport run();

 private:
  static fetch::FetcherOptions fetch_options(const CrawlConfig& config) {
    fetch::FetcherOptions options;
    options.user_agent = config.user_agent;
    options.max_connections = std::max<std::size_t>(config.concurrency, 1);
    options.timeout_seconds = config.timeout_seconds;
    options.max_body_bytes = config.max_page_bytes;
    return options;
  }

  void seed();
  void seed_known();
  // What an earlier run knows about `url`, if anything.
  const KnownUrl* known(const std::string& url) const;
  // Whether `response` (to a known URL) shows nothing new: 304, or the known content again.
  bool unchanged(const Item& item, const fetch::FetchResponse& response);
  void launch(Clock::time_point now);
  void handle(fetch::FetchResponse& response);
  void process(Item item, fetch::FetchResponse& response);
  void on_success(const Item& item, fetch::FetchResponse& response);
  void on_robots(const Item& item, const fetch::FetchResponse& response);
  void on_page(const Item& item, fetch::FetchResponse& response);
  void on_sitemap(const Item& item, const fetch::FetchResponse& response);
  void on_feed(const Item& item, const fetch::FetchResponse& response);
  void on_redirect(const Item& item, const fetch::FetchResponse& response);
  // A failure worth another attempt: 5xx, 429, network errors, timeouts.
  void on_transient(Item item, const std::string& why, long retry_after);
  void give_up(const Item& item, const std::string& why);
  // Records what became of the URL being handled (see Fetched::outcome).
  void settle(std::string outcome, std::string reason = {});
  void report_disallowed();
  void show_progress(Clock::time_point now, bool final);

  // Queues a discovered URL when it is in scope and in the shard; counts it otherwise. Returns
  // what the frontier made of it, or nullopt when it was out of scope or in another shard.
  std::optional<Frontier::Added> discover(Item item);

  const CrawlConfig& config_;
  const Logger& log_;
  const std::atomic<bool>& stop_;
  const ArticleSink& sink_;
  const CrawlHooks& hooks_;
  const FetchedSink& fetched_;
  std::string key_;  // the article key of the response being handled
  // The settling of the response being handled: set by the branches of process().
  std::string outcome_;
  std::string reason_;
  std::string token_;
  fetch::Fetcher fetcher_;
  Scope scope_;
  Frontier frontier_;
  CrawlReport report_;
  std::unordered_map<std::uint64_t, Item> in_flight_;
  std::uint64_t next_id_ = 0;
  std::size_t pages_started_ = 0;
  Clock::time_point started_{};
  Clock::time_point last_progress_{};
};

void Crawl::show_progress(Clock::time_point now, bool final) {
  if (!config_.progress) return;
  if (!final && now - last_progress_ < 1s) return;
  last_progress_ = now;
  const double seconds = std::chrono::duration<double>(now - started_).count();
  std::fprintf(stderr, "\r\033[Kcrawl: %zu fetched, %zu articles, %zu queued, %zu failed, %.1f/s",
               report_.fetched, report_.articles, frontier_.queued(), report_.failed,
               seconds > 0 ? static_cast<double>(report_.fetched) / seconds : 0.0);
  if (final) std::fputc('\n', stderr);
  std::fflush(stderr);
}

std::optional<Frontier::Added> Crawl::discover(Item item) {
  item.url = crawl::strip_tracking_parameters(item.url);
  switch (scope_.reach(item.url)) {
    case Reach::kYes:
      break;
    case Reach::kOutOfScope:
      ++report_.out_of_scope;
      log_.debug("out of scope: " + item.url);
      return std::nullopt;
    case Reach::kOtherShard:
      ++report_.other_shard;
      log_.debug("in another shard: " + item.url);
      return std::nullopt;
  }
  const std::string url = item.url;
  const Purpose purpose = item.purpose;
  const int depth = item.depth;
  const Frontier::Added added = frontier_.add(std::move(item));
  switch (added) {
    case Frontier::Added::kQueued:
      if (hooks_.queued && known(url) == nullptr) hooks_.queued(url, purpose, depth);
      break;
    case Frontier::Added::kFull:
      log_.debug("URL limit reached (" + std::to_string(config_.max_urls) + "); not queued");
      break;
    case Frontier::Added::kSeen:
    case Frontier::Added::kBadUrl:
      break;
  }
  return added;
}

void Crawl::seed() {
  struct Start {
    const std::vector<std::string>* urls;
    Purpose purpose;
    const char* option;
  };
  std::vector<Item> starts;
  bool any = false;  // a valid URL, in this shard or not
  for (const Start& start : {Start{&config_.seeds, Purpose::kPage, "--seed"},
                             Start{&config_.sitemaps, Purpose::kSitemap, "--sitemap"},
                             Start{&config_.feeds, Purpose::kFeed, "--feed"}}) {
    for (const std::string& url : *start.urls) {
      std::optional<std::string> normalised = crawl::normalize_url(url);
      if (!normalised) {
        log_.warn(std::string(start.option) + " '" + url +
                  "' is not an http(s) URL, ignored (write it as https://host/path)");
        continue;
      }
      any = true;
      scope_.add_start(*normalised);
      if (!scope_.in_shard(*normalised)) {
        log_.info(std::string(start.option) + " " + url + ": " + scope_.why_not(*normalised));
        continue;
      }
      starts.push_back(Item{crawl::strip_tracking_parameters(*normalised), start.purpose, 0, 0, 0});
    }
  }
  if (!any) {
    throw ConfigError("nothing to crawl: no valid --seed, --sitemap or --feed URL",
                      "try 'vigil-index crawl --db DIR --seed https://example.org/news/'");
  }
  if (starts.empty()) {
    log_.warn("no --seed, --sitemap or --feed of this crawl is in shard " +
              format_shard(config_.shard) + ": this run visits only the URLs the index knows");
  }
  for (Item& item : starts) {
    const KnownUrl* before = known(item.url);
    if (before != nullptr && before->settled) continue;  // fetched by the run this one resumes
    frontier_.add(std::move(item));
  }
  seed_known();
}

void Crawl::seed_known() {
  if (hooks_.known == nullptr) return;
  // Due URLs in a stable order (by URL), so that a run is reproducible.
  std::vector<const std::pair<const std::string, KnownUrl>*> due;
  for (const auto& entry : *hooks_.known) {
    if (!entry.second.due) {
      frontier_.mark_seen(entry.first);
      ++report_.not_due;
    } else if (entry.second.purpose != Purpose::kRobots) {
      due.push_back(&entry);
    }
  }
  std::sort(due.begin(), due.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  for (const auto* entry : due) {
    // A host the configuration no longer covers, or of another shard.
    if (scope_.reach(entry->first) != Reach::kYes) continue;
    frontier_.add(Item{entry->first, entry->second.purpose, entry->second.depth, 0, 0});
  }
}

const KnownUrl* Crawl::known(const std::string& url) const {
  if (hooks_.known == nullptr) return nullptr;
  const auto it = hooks_.known->find(url);
  return it == hooks_.known->end() ? nullptr : &it->second;
}

bool Crawl::unchanged(const Item& item, const fetch::FetchResponse& response) {
  if (item.purpose == Purpose::kRobots || response.failure != fetch::FetchFailure::kNone) {
    return false;
  }
  const KnownUrl* before = known(item.url);
  if (before == nullptr) return false;
  if (response.status == 304) return true;
  return response.status == 200 && !before->content_hash.empty() &&
         before->content_hash == hex64(fnv1a64(response.body));
}

CrawlReport Crawl::run() {
  const auto start = Clock::now();
  started_ = start;
  seed();
  for (;;) {
    const Clock::time_point now = Clock::now();
    show_progress(now, false);
    if (!stop_.load()) launch(now);
    report_disallowed();
    if (in_flight_.empty()) {
      if (stop_.load()) {
        report_.interrupted = true;
        break;
      }
      const Clock::time_point ready = frontier_.next_ready(now);
      if (ready == Clock::time_point::max() || pages_started_ >= config_.max_pages) break;
      std::this_thread::sleep_for(std::min<Clock::duration>(ready - now, kIdleTick));
      continue;
    }
    const Clock::time_point ready = frontier_.next_ready(now);
    const auto wait = ready == Clock::time_point::max()
                          ? kIdleTick
                          : std::clamp<Clock::duration>(ready - now, 1ms, kIdleTick);
    for (fetch::FetchResponse& response :
         fetcher_.poll(std::chrono::duration_cast<std::chrono::milliseconds>(wait))) {
      handle(response);
    }
  }
  show_progress(Clock::now(), true);
  report_.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return report_;
}

void Crawl::launch(Clock::time_point now) {
  while (in_flight_.size() < std::max<std::size_t>(config_.concurrency, 1)) {
    if (pages_started_ >= config_.max_pages) return;
    std::optional<Item> item = frontier_.next(now);
    if (!item) return;
    if (item->purpose == Purpose::kPage) ++pages_started_;
    fetch::FetchRequest request;
    request.id = ++next_id_;
    request.url = item->url;
    request.follow_redirects = item->purpose == Purpose::kRobots;  // RFC 9309: follow 5
    if (item->purpose == Purpose::kRobots) {
      // RFC 9309 2.5: only the start of a longer robots.txt is read, and the rest ignored. A BOM
      // and one byte more, so that parse_robots() sees a line cut at its limit.
      request.max_body_bytes = crawl::kMaxRobotsBytes + 4;
      request.truncate = true;
    }
    if (item->purpose == Purpose::kSitemap) request.max_body_bytes = crawl::kMaxSitemapBytes;
    if (item->purpose == Purpose::kFeed) request.max_body_bytes = crawl::kMaxFeedBytes;
    if (const KnownUrl* before = known(item->url); before != nullptr) {
      if (!before->etag.empty()) request.headers.push_back("If-None-Match: " + before->etag);
      if (!before->last_modified.empty()) {
        request.headers.push_back("If-Modified-Since: " + before->last_modified);
      }
    }
    log_.debug(std::string("fetching ") + purpose_name(item->purpose) + " " + item->url);
    in_flight_.emplace(request.id, std::move(*item));
    fetcher_.start(std::move(request));
  }
}

void Crawl::report_disallowed() {
  for (const Item& item : frontier_.take_disallowed()) {
    ++report_.disallowed;
    log_.info("disallowed by robots.txt: " + item.url);
    if (!fetched_) continue;
    Fetched record;
    record.url = item.url;
    record.outcome = "disallowed";
    record.reason = "robots.txt forbids it";
    record.purpose = item.purpose;
    record.depth = item.depth;
    fetched_(record);
  }
}

void Crawl::handle(fetch::FetchResponse& response) {
  const auto it = in_flight_.find(response.id);
  if (it == in_flight_.end()) return;
  Item item = std::move(it->second);
  in_flight_.erase(it);
  const Clock::time_point ended = Clock::now();
  const std::string url = item.url;
  const bool robots = item.purpose == Purpose::kRobots;
  ++report_.fetched;
  report_.bytes += response.body.size();
  outcome_.clear();
  reason_.clear();
  key_.clear();
  const Purpose purpose = item.purpose;
  const int depth = item.depth;
  if (hooks_.response && response.failure == fetch::FetchFailure::kNone && response.status != 304) {
    hooks_.response(response);
  }
  if (unchanged(item, response)) {
    ++report_.unchanged;
    settle("unchanged");
    log_.debug(std::string(purpose_name(purpose)) + " unchanged: " + url);
  } else {
    process(std::move(item), response);
  }
  // After processing: a robots.txt just read may have raised the host's delay.
  frontier_.done(url, ended);
  if (!fetched_ || robots || outcome_.empty()) return;
  Fetched record;
  record.url = url;
  record.status = response.status;
  record.etag = response.etag;
  record.last_modified = response.last_modified;
  if (response.failure == fetch::FetchFailure::kNone) {
    record.content_hash = hex64(fnv1a64(response.body));
  }
  record.outcome = std::move(outcome_);
  record.reason = std::move(reason_);
  record.key = std::move(key_);
  record.purpose = purpose;
  record.depth = depth;
  fetched_(record);
}

void Crawl::settle(std::string outcome, std::string reason) {
  outcome_ = std::move(outcome);
  reason_ = std::move(reason);
}

void Crawl::process(Item item, fetch::FetchResponse& response) {
  using fetch::FetchFailure;
  switch (response.failure) {
    case FetchFailure::kNone:
      break;
    case FetchFailure::kNetwork:
    case FetchFailure::kTimeout:
      on_transient(std::move(item), response.error, -1);
      return;
    case FetchFailure::kTooLarge:
    case FetchFailure::kBadUrl:
      give_up(item, response.error);
      return;
  }
  const long status = response.status;
  if (status == 429 || status == 503) {
    on_transient(
        std::move(item), "HTTP " + std::to_string(status),
        fetch::retry_after_seconds(response.retry_after, std::chrono::system_clock::now()));
    return;
  }
  if (status >= 500) {
    on_transient(std::move(item), "HTTP " + std::to_string(status), -1);
    return;
  }
  if (item.purpose == Purpose::kRobots) {
    on_robots(item, response);
    return;
  }
  if (status >= 300 && status < 400 && status != 304) {
    on_redirect(item, response);
    return;
  }
  if (status >= 400) {
    ++report_.not_found;
    settle("http_error", "HTTP " + std::to_string(status));
    log_.info(purpose_name(item.purpose) + std::string(" ") + item.url + ": HTTP " +
              std::to_string(status));
    return;
  }
  if (status < 200 || status >= 300) return;  // 1xx or 304: nothing to read
  on_success(item, response);
}

void Crawl::on_success(const Item& item, fetch::FetchResponse& response) {
  switch (item.purpose) {
    case Purpose::kSitemap:
      if (crawl::looks_like_feed(response.body)) {
        on_feed(item, response);
      } else {
        on_sitemap(item, response);
      }
      return;
    case Purpose::kFeed:
      if (crawl::looks_like_sitemap(response.body) && !crawl::looks_like_feed(response.body)) {
        on_sitemap(item, response);
      } else {
        on_feed(item, response);
      }
      return;
    case Purpose::kPage:
      on_page(item, response);
      return;
    case Purpose::kRobots:
      return;
  }
}

void Crawl::on_robots(const Item& item, const fetch::FetchResponse& response) {
  // 4xx: no robots.txt, everything allowed. Anything else that is not 2xx here (a redirect loop,
  // 1xx) counts as 4xx too: RFC 9309 treats too many redirects so. 5xx never reaches here.
  crawl::RobotsRules rules = crawl::RobotsRules::allow_all();
  if (response.status >= 200 && response.status < 300) {
    if (response.body.size() > crawl::kMaxRobotsBytes) {
      log_.info("robots.txt " + item.url + ": longer than " +
                std::to_string(crawl::kMaxRobotsBytes) +
                " bytes; the rest is ignored (RFC 9309 asks for at least that much to be read)");
    }
    if (response.body.find('\0') != std::string::npos) {
      log_.info("robots.txt " + item.url + " is not text (it holds NUL bytes, Content-Type '" +
                response.content_type + "'); only the rules in its text lines apply");
    }
    rules = crawl::parse_robots(response.body, token_);
  }
  if (rules.crawl_delay()) {
    log_.debug("robots.txt of " + item.url + " asks for a crawl delay of " +
               std::to_string(*rules.crawl_delay()) + " s");
  }
  frontier_.set_robots(item.url, std::move(rules));
}

void Crawl::on_redirect(const Item& item, const fetch::FetchResponse& response) {
  std::optional<std::string> target = crawl::resolve_url(item.url, response.location);
  if (response.location.empty() || !target) {
    give_up(item, "HTTP " + std::to_string(response.status) + " redirect to '" + response.location +
                      "', which is not an http(s) URL");
    return;
  }
  if (item.redirects >= kMaxRedirects) {
    give_up(item, "more than " + std::to_string(kMaxRedirects) + " redirects");
    return;
  }
  const std::string to = *target;
  if (!discover(Item{std::move(*target), item.purpose, item.depth, 0, item.redirects + 1})) {
    // The page is lost to this crawl: say so where a lost page is looked for.
    const std::string why = scope_.reach(crawl::strip_tracking_parameters(to)) == Reach::kOtherShard
                                ? "in another shard"
                                : "out of scope";
    settle("redirect", "to " + to + " (" + why + ", not followed)");
    log_.info(std::string(purpose_name(item.purpose)) + " " + item.url + " redirects to " + to +
              ", " + why + ": not followed");
    return;
  }
  log_.debug(item.url + " redirects to " + to);
  settle("redirect", "to " + to);
}

void Crawl::on_page(const Item& item, fetch::FetchResponse& response) {
  if (!is_html_type(response.content_type, response.body)) {
    // A seed or link that is really a feed or sitemap is read as one.
    if (crawl::looks_like_feed(response.body)) {
      on_feed(item, response);
      return;
    }
    if (contains_token(response.content_type, "xml") && crawl::looks_like_sitemap(response.body)) {
      on_sitemap(item, response);
      return;
    }
    ++report_.not_html;
    settle("not_html", response.content_type);
    log_.debug("not HTML (" + response.content_type + "): " + item.url);
    return;
  }
  const std::string& url = response.final_url.empty() ? item.url : response.final_url;
  Result<extract::PageReading> page =
      extract::read_page(extract::HtmlInput{response.body, url, url, response.content_type});
  if (!page) {
    ++report_.not_html;
    settle("not_html", page.error().message);
    log_.info(page.error().describe());
    return;
  }
  extract::PageReading& reading = page.value();
  Article& article = reading.article;
  if (item.depth < config_.max_depth) {
    for (std::string& link : article.links) {
      discover(Item{std::move(link), Purpose::kPage, item.depth + 1, 0, 0});
    }
  }
  article.links.clear();
  if (reading.kind != extract::PageKind::kArticle) {
    ++report_.not_articles;
    settle("not_article", reading.reason);
    log_.debug(url + ": not an article: " + reading.reason);
    return;
  }
  if (reading.noindex || header_noindex(response.x_robots_tag, token_)) {
    ++report_.noindex;
    settle("noindex", "the page asks not to be indexed");
    log_.info(url + ": the page asks not to be indexed (noindex); not indexed");
    return;
  }
  // The canonical address, when the site names one of its own, is the key: the same article
  // reached under two addresses (tracking parameters, mobile paths) is one document. Not one on
  // a host of another shard: that shard holds its documents, and may index this one too.
  if (article.url != article.key) {
    if (std::optional<std::string> canonical = crawl::normalize_url(article.url);
        canonical && scope_.reach(*canonical) == Reach::kYes) {
      article.key = crawl::strip_tracking_parameters(*canonical);
      article.url = article.key;
    }
  } else {
    article.key = crawl::strip_tracking_parameters(article.key);
    article.url = article.key;
  }
  ++report_.articles;
  settle("article");
  key_ = article.key;
  sink_(std::move(article));
}

void Crawl::on_sitemap(const Item& item, const fetch::FetchResponse& response) {
  const std::string& origin = response.final_url.empty() ? item.url : response.final_url;
  const Result<crawl::Sitemap> sitemap = crawl::parse_sitemap(response.body, origin);
  if (!sitemap) {
    give_up(item, sitemap.error().message);
    return;
  }
  ++report_.sitemaps;
  settle("sitemap");
  const crawl::Sitemap& map = sitemap.value();
  if (map.truncated) {
    log_.warn("sitemap " + origin +
              " has more entries than the protocol allows; the rest is ignored");
  }
  const bool index = map.kind == crawl::Sitemap::Kind::index;
  log_.info("sitemap " + origin + ": " + std::to_string(map.entries.size()) +
            (index ? " sitemaps" : " pages"));
  if (map.invalid != 0) {
    log_.warn("sitemap " + origin + ": " + std::to_string(map.invalid) +
              " entries without a usable http(s) URL in <loc>, ignored");
  }
  // The depth of the sitemaps an index lists: how many sitemap indexes led to them.
  const int nested = item.purpose == Purpose::kSitemap ? item.depth + 1 : 1;
  if (index && nested > kMaxSitemapDepth) {
    log_.warn("sitemap " + origin + " lists " + std::to_string(map.entries.size()) +
              " sitemaps nested deeper than " + std::to_string(kMaxSitemapDepth) +
              " sitemap indexes: not read (a sitemap index may not list sitemap indexes)");
    return;
  }
  for (const crawl::SitemapEntry& entry : map.entries) {
    const std::optional<Frontier::Added> added =
        discover(index ? Item{entry.url, Purpose::kSitemap, nested, 0, 0}
                       : Item{entry.url, Purpose::kPage, 0, 0, 0});
    if (index && added == Frontier::Added::kSeen) {
      log_.info("sitemap " + origin + " lists " + entry.url +
                ", already queued in this run: not read again");
    }
  }
}

void Crawl::on_feed(const Item& item, const fetch::FetchResponse& response) {
  const std::string& origin = response.final_url.empty() ? item.url : response.final_url;
  const Result<crawl::Feed> feed = crawl::parse_feed(response.body, origin);
  if (!feed) {
    give_up(item, feed.error().message);
    return;
  }
  ++report_.feeds;
  settle("feed");
  log_.info("feed " + origin + ": " + std::to_string(feed.value().items.size()) + " items");
  if (feed.value().invalid != 0) {
    log_.warn("feed " + origin + ": " + std::to_string(feed.value().invalid) +
              " items without a usable http(s) link, ignored");
  }
  for (const crawl::FeedItem& entry : feed.value().items) {
    discover(Item{entry.url, Purpose::kPage, 0, 0, 0});
  }
}

void Crawl::on_transient(Item item, const std::string& why, long retry_after) {
  const Clock::time_point now = Clock::now();
  if (retry_after > static_cast<long>(config_.max_retry_after_seconds)) {
    give_up(item, why + " asking to retry after " + std::to_string(retry_after) +
                      " s, longer than the limit of " +
                      std::to_string(static_cast<long>(config_.max_retry_after_seconds)) + " s");
    return;
  }
  if (item.attempts >= config_.max_retries) {
    give_up(item, why + " (after " + std::to_string(item.attempts + 1) + " attempts)");
    return;
  }
  Clock::duration wait;
  if (retry_after >= 0) {
    wait = std::chrono::seconds(retry_after);
  } else {
    // Exponential backoff from the host's delay (at least one second): 1, 2, 4, 8 ... times.
    const auto base = std::max<Clock::duration>(frontier_.host_delay(item.url), 1s);
    wait = std::min<Clock::duration>(base * (1LL << std::min(item.attempts, 16)), kMaxBackoff);
  }
  ++item.attempts;
  ++report_.retries;
  log_.info(std::string(purpose_name(item.purpose)) + " " + item.url + ": " + why +
            "; retrying in " +
            std::to_string(std::chrono::duration_cast<std::chrono::seconds>(wait).count()) + " s");
  frontier_.pause_host(item.url, now + wait);
  frontier_.retry(std::move(item), now + wait);
}

void Crawl::give_up(const Item& item, const std::string& why) {
  if (item.purpose == Purpose::kRobots) {
    // RFC 9309: an unreachable robots.txt means complete disallow.
    log_.warn("robots.txt " + item.url + ": " + why +
              "; the site's pages are not fetched in this run (run the crawl again later)");
    frontier_.set_robots(item.url, crawl::RobotsRules::disallow_all());
    return;
  }
  ++report_.failed;
  settle("failed", why);
  log_.warn(std::string(purpose_name(item.purpose)) + " " + item.url + ": " + why +
            "; not fetched in this run");
}

}  // namespace

std::string product_token(const std::string& user_agent) {
  std::string token;
  for (const char c : user_agent) {
    if (std::isalpha(static_cast<unsigned char>(c)) == 0 && c != '_' && c != '-') break;
    token += c;
  }
  return token;
}

CrawlReport crawl(const CrawlConfig& config, const Logger& log, const std::atomic<bool>& stop,
                  const ArticleSink& sink, const FetchedSink& fetched) {
  CrawlHooks hooks;
  hooks.fetched = fetched;
  return crawl(config, log, stop, sink, hooks);
}

CrawlReport crawl(const CrawlConfig& config, const Logger& log, const std::atomic<bool>& stop,
                  const ArticleSink& sink, const CrawlHooks& hooks) {
  Crawl run(config, log, stop, sink, hooks);
  return run.run();
}

}  // namespace vigil::crawler
