#pragma once
// The crawl frontier: which URL to fetch next without being rude. One queue per host (host:port);
// a host is contacted by at most `per_host` requests at once and not again before its delay has
// passed since its last request ended; its robots.txt is fetched before anything else of it, and
// its queued URLs that robots.txt disallows are never handed out. URLs are queued once per run.
// Not thread-safe (the crawler is one thread).

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "crawl/robots.h"

namespace vigil::crawler {

using Clock = std::chrono::steady_clock;

enum class Purpose { kPage, kSitemap, kFeed, kRobots };

struct Item {
  std::string url;  // normalised absolute http(s) URL
  Purpose purpose = Purpose::kPage;
  int depth = 0;      // links followed from a seed, sitemap or feed to reach this page; for a
                      // sitemap, the sitemap indexes that led to it
  int attempts = 0;   // failed attempts so far
  int redirects = 0;  // redirects followed to reach this URL
};

class Frontier {
 public:
  // `delay`: the least time between two requests to one host; `max_urls`: URLs queued at most
  // over the run (a hostile site cannot grow the queue without bound).
  Frontier(std::chrono::milliseconds delay, int per_host, std::size_t max_urls);

  enum class Added { kQueued, kSeen, kFull, kBadUrl };
  // Queues `item` unless its URL was queued before in this run. The first URL of a host also
  // queues that host's robots.txt, ahead of it.
  Added add(Item item);

  // Counts `url` as queued in this run without queuing it: add() will refuse it (a URL an
  // earlier run fetched recently enough).
  void mark_seen(const std::string& url) { seen_.insert(url); }

  // Queues `item` again (a retry), to be handed out no earlier than `not_before`.
  void retry(Item item, Clock::time_point not_before);

  // The next item that may be fetched at `now`, its host marked busy; nullopt when none may.
  // Items disallowed by their host's robots.txt are moved to disallowed() instead.
  std::optional<Item> next(Clock::time_point now);

  // A request to `url`'s host ended at `now`: the host is free again after its delay.
  void done(const std::string& url, Clock::time_point now);

  // The robots.txt of `url`'s host is known: its rules apply from now on, and its Crawl-delay
  // raises the host's delay (never lowers it below the frontier's delay).
  void set_robots(const std::string& url, crawl::RobotsRules rules);

  // The host of `url` asked us to wait (429/503 Retry-After): nothing goes to it before `until`.
  void pause_host(const std::string& url, Clock::time_point until);

  // Drops everything queued for `url`'s host (it is unreachable or forbids us); returns them.
  std::vector<Item> drop_host(const std::string& url);

  // Items refused by robots.txt since the last call.
  std::vector<Item> take_disallowed();

  // The earliest time next() may return something (Clock::time_point::max() when nothing is
  // queued).
  Clock::time_point next_ready(Clock::time_point now) const;

  std::size_t queued() const { return queued_; }
  std::size_t hosts() const { return hosts_.size(); }
  // The delay in force for `url`'s host (after any Crawl-delay).
  std::chrono::milliseconds host_delay(const std::string& url) const;

 private:
  struct Pending {
    Item item;
    Clock::time_point not_before;
  };
  struct Host {
    std::deque<Pending> queue;
    std::optional<crawl::RobotsRules> robots;  // nullopt until robots.txt is known
    bool robots_queued = false;
    int busy = 0;
    Clock::time_point free_at{};  // not contacted before this
    std::chrono::milliseconds delay{0};
  };

  Host* host_of(const std::string& url);
  const Host* host_of(const std::string& url) const;
  // Whether `host` may take a request at `now`, and the item it would be.
  bool ready(const Host& host, Clock::time_point now) const;

  std::chrono::milliseconds delay_;
  int per_host_;
  std::size_t max_urls_;
  std::size_t queued_ = 0;
  std::unordered_set<std::string> seen_;
  std::unordered_map<std::string, Host> hosts_;  // by host:port
  std::vector<std::string> order_;               // host keys in the order first seen (round-robin)
  std::size_t cursor_ = 0;
  std::vector<Item> disallowed_;
};

}  // namespace vigil::crawler
