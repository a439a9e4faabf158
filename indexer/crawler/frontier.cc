#include "crawler/frontier.h"

#include <algorithm>
#include <utility>

#include "crawl/url_resolve.h"

namespace vigil::crawler {

Frontier::Frontier(std::chrono::milliseconds delay, int per_host, std::size_t max_urls)
    : delay_(delay), per_host_(std::max(1, per_host)), max_urls_(max_urls) {}

Frontier::Host* Frontier::host_of(const std::string& url) {
  const std::optional<crawl::UrlParts> parts = crawl::split_url(url);
  if (!parts) return nullptr;
  const auto it = hosts_.find(parts->host_port());
  return it == hosts_.end() ? nullptr : &it->second;
}

const Frontier::Host* Frontier::host_of(const std::string& url) const {
  const std::optional<crawl::UrlParts> parts = crawl::split_url(url);
  if (!parts) return nullptr;
  const auto it = hosts_.find(parts->host_port());
  return it == hosts_.end() ? nullptr : &it->second;
}

Frontier::Added Frontier::add(Item item) {
  const std::optional<crawl::UrlParts> parts = crawl::split_url(item.url);
  if (!parts) return Added::kBadUrl;
  if (seen_.contains(item.url)) return Added::kSeen;
  if (seen_.size() >= max_urls_) return Added::kFull;
  seen_.insert(item.url);
  const std::string key = parts->host_port();
  auto [it, created] = hosts_.try_emplace(key);
  Host& host = it->second;
  if (created) {
    host.delay = delay_;
    order_.push_back(key);
  }
  if (!host.robots && !host.robots_queued) {
    host.robots_queued = true;
    host.queue.push_front({Item{parts->robots_url(), Purpose::kRobots, 0, 0, 0}, {}});
    ++queued_;
  }
  host.queue.push_back({std::move(item), {}});
  ++queued_;
  return Added::kQueued;
}

void Frontier::retry(Item item, Clock::time_point not_before) {
  Host* host = host_of(item.url);
  if (host == nullptr) return;
  const bool robots = item.purpose == Purpose::kRobots;
  if (robots) {
    host->queue.push_front({std::move(item), not_before});
  } else {
    host->queue.push_back({std::move(item), not_before});
  }
  ++queued_;
}

bool Frontier::ready(const Host& host, Clock::time_point now) const {
  if (host.queue.empty() || host.busy >= per_host_ || now < host.free_at) return false;
  const Pending& front = host.queue.front();
  if (now < front.not_before) return false;
  // Until robots.txt is known, only robots.txt itself goes out, and alone.
  if (!host.robots) return front.item.purpose == Purpose::kRobots && host.busy == 0;
  return true;
}

std::optional<Item> Frontier::next(Clock::time_point now) {
  for (std::size_t visited = 0; visited < order_.size(); ++visited) {
    const std::string& key = order_[cursor_];
    cursor_ = (cursor_ + 1) % order_.size();
    Host& host = hosts_.at(key);
    while (ready(host, now)) {
      Item item = std::move(host.queue.front().item);
      host.queue.pop_front();
      --queued_;
      if (host.robots && item.purpose != Purpose::kRobots) {
        const std::optional<crawl::UrlParts> parts = crawl::split_url(item.url);
        if (!parts || !host.robots->allowed(parts->path_and_query)) {
          disallowed_.push_back(std::move(item));
          continue;
        }
      }
      ++host.busy;
      return item;
    }
  }
  return std::nullopt;
}

void Frontier::done(const std::string& url, Clock::time_point now) {
  Host* host = host_of(url);
  if (host == nullptr) return;
  host->busy = std::max(0, host->busy - 1);
  host->free_at = std::max(host->free_at, now + host->delay);
}

void Frontier::set_robots(const std::string& url, crawl::RobotsRules rules) {
  Host* host = host_of(url);
  if (host == nullptr) return;
  if (const std::optional<double> crawl_delay = rules.crawl_delay()) {
    const auto asked = std::chrono::milliseconds(static_cast<long long>(*crawl_delay * 1000));
    host->delay = std::max(host->delay, asked);
  }
  host->robots = std::move(rules);
}

void Frontier::pause_host(const std::string& url, Clock::time_point until) {
  Host* host = host_of(url);
  if (host != nullptr) host->free_at = std::max(host->free_at, until);
}

std::vector<Item> Frontier::drop_host(const std::string& url) {
  std::vector<Item> dropped;
  Host* host = host_of(url);
  if (host == nullptr) return dropped;
  for (Pending& pending : host->queue) dropped.push_back(std::move(pending.item));
  queued_ -= host->queue.size();
  host->queue.clear();
  return dropped;
}

std::vector<Item> Frontier::take_disallowed() { return std::exchange(disallowed_, {}); }

Clock::time_point Frontier::next_ready(Clock::time_point now) const {
  Clock::time_point earliest = Clock::time_point::max();
  for (const auto& [key, host] : hosts_) {
    if (host.queue.empty() || host.busy >= per_host_) continue;
    const Pending& front = host.queue.front();
    if (!host.robots && front.item.purpose != Purpose::kRobots) continue;
    earliest = std::min(earliest, std::max({host.free_at, front.not_before, now}));
  }
  return earliest;
}

std::chrono::milliseconds Frontier::host_delay(const std::string& url) const {
  const Host* host = host_of(url);
  return host == nullptr ? delay_ : host->delay;
}

}  // namespace vigil::crawler
