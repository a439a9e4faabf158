#include "revisit.h"

#include <algorithm>

namespace vigil::indexer {
namespace {

std::int64_t clamp_interval(std::int64_t interval, const RevisitPolicy& policy) {
  return std::clamp(interval, policy.min_seconds, std::max(policy.min_seconds, policy.max_seconds));
}

// The next interval: halved after new content, doubled after the same, min for a first visit.
std::int64_t next_interval(const index::FetchRecord* before, bool changed,
                           const RevisitPolicy& policy) {
  if (before == nullptr || before->interval <= 0) return clamp_interval(0, policy);
  return clamp_interval(changed ? before->interval / 2 : before->interval * 2, policy);
}

bool is_4xx(long status) { return status >= 400 && status < 500; }

}  // namespace

std::string kind_name(crawler::Purpose purpose) {
  switch (purpose) {
    case crawler::Purpose::kSitemap:
      return "sitemap";
    case crawler::Purpose::kFeed:
      return "feed";
    case crawler::Purpose::kPage:
    case crawler::Purpose::kRobots:
      break;
  }
  return "page";
}

crawler::Purpose kind_purpose(const std::string& kind) {
  if (kind == "sitemap") return crawler::Purpose::kSitemap;
  if (kind == "feed") return crawler::Purpose::kFeed;
  return crawler::Purpose::kPage;
}

bool settled_by(const index::FetchRecord& record, std::int64_t resumed_run) {
  return resumed_run != 0 && record.run == resumed_run && record.failures == 0 &&
         record.outcome != "queued";
}

bool is_due(const index::FetchRecord& record, std::int64_t run_start, std::int64_t resumed_run,
            const RevisitPolicy& policy) {
  if (settled_by(record, resumed_run)) return false;
  if (policy.all || record.outcome == "queued" || record.failures > 0 || record.next_visit <= 0) {
    return true;
  }
  const std::int64_t interval = record.interval > 0 ? record.interval : policy.min_seconds;
  // A shorter --revisit-max than when the record was written takes effect at once.
  const std::int64_t next =
      std::min(record.next_visit, record.fetched_at + clamp_interval(interval, policy));
  return next - interval / 8 <= run_start;
}

crawler::KnownUrl known_url(const index::FetchRecord& record, bool due, bool settled) {
  crawler::KnownUrl known;
  known.settled = settled;
  known.purpose = kind_purpose(record.kind);
  known.depth = record.depth;
  known.due = due;
  if (record.outcome != "http_error" && record.outcome != "queued") {
    known.etag = record.etag;
    known.last_modified = record.last_modified;
    known.content_hash = record.content_hash;
  }
  return known;
}

index::FetchRecord queued_record(const std::string& url, crawler::Purpose purpose, int depth) {
  index::FetchRecord record;
  record.url = url;
  record.kind = kind_name(purpose);
  record.depth = depth;
  record.outcome = "queued";
  return record;
}

Visit settle_visit(const index::FetchRecord* before, const crawler::Fetched& fetched,
                   std::int64_t now, std::int64_t run, const RevisitPolicy& policy) {
  Visit visit;
  index::FetchRecord& record = visit.record;
  if (before != nullptr) record = *before;
  record.url = fetched.url;
  record.kind = kind_name(fetched.purpose);
  record.depth = before != nullptr && before->outcome != "queued"
                     ? std::min(before->depth, fetched.depth)
                     : fetched.depth;
  const std::string& outcome = fetched.outcome;

  if (outcome == "failed") {
    // Nothing is known about the page now: keep everything, try again next run.
    ++record.failures;
    record.reason = fetched.reason;
    if (before == nullptr || before->outcome == "queued") {
      record.outcome = "failed";
      record.status = fetched.status;
    }
    record.next_visit = 0;
    return visit;
  }
  record.failures = 0;
  record.fetched_at = now;
  record.run = run;
  if (outcome == "unchanged") {
    if (fetched.status != 304) record.status = fetched.status;
    if (!fetched.etag.empty()) record.etag = fetched.etag;
    if (!fetched.last_modified.empty()) record.last_modified = fetched.last_modified;
    record.interval = next_interval(before, false, policy);
    record.next_visit = now + record.interval;
    return visit;
  }

  const std::string old_key = before != nullptr ? before->key : std::string();
  // New content, or a new state (gone, redirected, forbidden ...): visit sooner.
  const bool changed = before == nullptr || before->outcome != outcome ||
                       fetched.content_hash != before->content_hash;
  record.status = fetched.status;
  record.etag = fetched.etag;
  record.last_modified = fetched.last_modified;
  record.content_hash = fetched.content_hash;
  record.outcome = outcome;
  record.reason = fetched.reason;
  record.interval = next_interval(before, changed, policy);
  record.next_visit = now + record.interval;
  if (changed) record.changed_at = now;
  record.key.clear();

  if (outcome == "article") {
    record.key = fetched.key;
    if (old_key != fetched.key) visit.remove_key = old_key;  // the page names another key now
    return visit;
  }
  if (outcome == "http_error" && fetched.status != 410 && is_4xx(fetched.status)) {
    // A URL is visited once per run: an earlier record of the same error is an earlier run's.
    const bool confirmed =
        before != nullptr && before->outcome == "http_error" && before->status == fetched.status;
    if (!confirmed && !old_key.empty()) {
      record.key = old_key;  // kept until a later run confirms the page is gone
      visit.gone_pending = true;
      return visit;
    }
  }
  // 410, a confirmed 4xx, a redirect, noindex, not an article, not HTML, disallowed, a sitemap
  // or feed where a page was: the URL no longer yields its document.
  visit.remove_key = old_key;
  return visit;
}

}  // namespace vigil::indexer
