#include "crawler/scope.h"

#include "vigil/url.h"

namespace vigil::crawler {

Scope::Scope(const std::vector<std::string>& allow_domains, Shard shard) : shard_(shard) {
  for (const std::string& domain : allow_domains) domains_.push_back(normalize_host(domain));
}

void Scope::add_start(std::string_view url) { hosts_.insert(url_host(url)); }

Reach Scope::reach(std::string_view url) const {
  const std::string host = url_host(url);
  if (host.empty() || !covers(host)) return Reach::kOutOfScope;
  return in_shard(url) ? Reach::kYes : Reach::kOtherShard;
}

bool Scope::in_shard(std::string_view url) const {
  return shard_.whole() || vigil::in_shard(shard_of_url(url), shard_);
}

std::string Scope::why_not(std::string_view url) const {
  const std::string host = shard_of_url(url);
  std::string text = "its host ";
  text += host;
  text += " is in shard ";
  text += format_shard({shard_index(host, shard_.count), shard_.count});
  text += ", not in this crawl's ";
  text += format_shard(shard_);
  text += "; skipped";
  return text;
}

bool Scope::covers(const std::string& host) const {
  if (hosts_.contains(host)) return true;
  for (const std::string& wanted : domains_) {
    if (host == wanted || (host.size() > wanted.size() && host.ends_with(wanted) &&
                           host[host.size() - wanted.size() - 1] == '.')) {
      return true;
    }
  }
  return false;
}

}  // namespace vigil::crawler
