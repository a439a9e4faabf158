#pragma once
// What a crawl may fetch. Scope: the hosts of its seeds, sitemaps and feeds (by host name, "www."
// and the port ignored) and the domains it allows, with their subdomains. Shard: of those, only
// the hosts (authorities, host:port) whose hash falls in the crawl's shard (vigil/shard.h), so
// that the crawls of the N shards of a collection share its hosts out between them: each host is
// fetched by one of them only, and every scope is the same. Not thread-safe (the crawler is one
// thread).

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "vigil/shard.h"

namespace vigil::crawler {

enum class Reach {
  kYes,         // in scope and in the shard
  kOutOfScope,  // a host the crawl does not cover (or not an http(s) URL)
  kOtherShard,  // in scope, but its host belongs to another shard
};

class Scope {
 public:
  Scope(const std::vector<std::string>& allow_domains, Shard shard);

  // Brings the host of `url` (a seed, sitemap or feed, normalised) into scope, whatever its
  // shard.
  void add_start(std::string_view url);

  Reach reach(std::string_view url) const;

  // Whether the host of `url` is in the crawl's shard (its scope aside).
  bool in_shard(std::string_view url) const;

  // Why a URL not in_shard() is skipped, for the log: "its host example.org:8080 is in shard
  // 2/3, not in this crawl's 1/3; skipped".
  std::string why_not(std::string_view url) const;

  Shard shard() const { return shard_; }

 private:
  bool covers(const std::string& host) const;

  std::unordered_set<std::string> hosts_;  // normalised hosts of the seeds, sitemaps and feeds
  std::vector<std::string> domains_;       // normalised allowed domains
  Shard shard_;
};

}  // namespace vigil::crawler
