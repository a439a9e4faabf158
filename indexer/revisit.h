#pragma once
// The revisit policy of the nightly update: which known URLs are due in a run, what a visit
// changes in a URL's fetch record (its adaptive schedule), and which document a visit removes.
// Pure functions of the records and the crawler's outcome; no I/O.
//
// Schedule: a URL's interval starts at `min_seconds`; a visit that finds new content halves it,
// one that finds the same content (304, or the same bytes) doubles it, within [min, max]. So a
// page that changed recently is revisited sooner, and an old unchanged article less and less
// often. A URL is due when its next visit falls before the run starts (with an eighth of its
// interval's slack, so that a nightly job started a few minutes earlier than the night before
// does not skip a day). URLs queued but never fetched, and URLs whose last visit failed, are
// always due. A URL answered in the run being resumed is never due: that is how a killed run
// resumes without fetching again what it committed.
//
// Removal: a 410 removes the URL's document at once; a 404 (or another 4xx) only when the
// previous visit, in an earlier run, got the same answer. A redirect, a page that now asks not
// to be indexed, is no longer an article or no longer HTML, or that robots.txt now forbids,
// removes it too. Transient failures (network, timeouts, 5xx, 429, too large) never remove
// anything: the record keeps what it knew and the URL is due again next run.

#include <cstdint>
#include <string>

#include "crawler/crawler.h"
#include "index/fetch_log.h"

namespace vigil::indexer {

struct RevisitPolicy {
  std::int64_t min_seconds = 86400;                     // 1 day
  std::int64_t max_seconds = std::int64_t{30} * 86400;  // 30 days
  bool all = false;  // every known URL is due (--revisit-all), except what a resumed run fetched
};

// Whether the URL of `record` is due in a run that started at `run_start` (Unix seconds);
// `resumed_run`: the number of the killed run this one continues (what it fetched is not due
// again), or 0.
bool is_due(const index::FetchRecord& record, std::int64_t run_start, std::int64_t resumed_run,
            const RevisitPolicy& policy);

// Whether `record` was settled by run `resumed_run` (not 0): answered, not failed.
bool settled_by(const index::FetchRecord& record, std::int64_t resumed_run);

// What the crawler needs to revisit the URL of `record`: validators (none after an HTTP error:
// the next request is unconditional), the known content hash, kind, depth and whether it is due.
// `settled`: fetched by the run being resumed.
crawler::KnownUrl known_url(const index::FetchRecord& record, bool due, bool settled = false);

// The record of a URL queued but not yet fetched.
index::FetchRecord queued_record(const std::string& url, crawler::Purpose purpose, int depth);

struct Visit {
  index::FetchRecord record;  // the URL's new record
  std::string remove_key;     // the document this visit removes ("" when none)
  bool gone_pending = false;  // a first 404: the document stays until a later run confirms it
};

// The outcome of a visit at `now` by run number `run`, given the URL's previous record (nullptr
// when new).
Visit settle_visit(const index::FetchRecord* before, const crawler::Fetched& fetched,
                   std::int64_t now, std::int64_t run, const RevisitPolicy& policy);

// "page", "sitemap", "feed" (records' kind) and back; unknown kinds read as pages.
std::string kind_name(crawler::Purpose purpose);
crawler::Purpose kind_purpose(const std::string& kind);

}  // namespace vigil::indexer
