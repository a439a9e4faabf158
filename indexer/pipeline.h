#pragma once
// The indexer pipeline: the only indexer code that knows every module. It turns inputs into
// Articles, writes them through IndexWriter, counts outcomes and reports progress.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

#include "options.h"
#include "vigil/log.h"

namespace vigil::indexer {

struct AddReport {
  std::size_t read = 0;  // articles read (records and pages) before writing
  std::size_t added = 0;
  std::size_t replaced = 0;
  std::size_t unchanged = 0;
  std::size_t skipped = 0;       // inputs skipped: bad lines, bad files, missing paths
  std::size_t not_articles = 0;  // HTML pages that are index or error pages: not indexed
  std::uint64_t documents = 0;   // documents in the index at the end
  double seconds = 0;
  bool interrupted = false;  // stopped early by `stop`; everything read so far is committed
};

// Imports config.paths into config.db, holding its IndexLock (waiting config.wait_lock_seconds)
// for the whole run. Per-item failures are logged as warnings naming the item
// and counted in `skipped`; pages that are not articles are logged (info) and counted in
// `not_articles`, which is not a failure; run-ending failures throw (RuntimeError, Xapian::Error).
// When `stop` becomes true (a signal), the run commits what it has and returns with interrupted
// set.
AddReport run_add(const IndexerConfig& config, const Logger& log, const std::atomic<bool>& stop);

struct CrawlRunReport {
  crawler::CrawlReport crawl;
  std::size_t added = 0;
  std::size_t replaced = 0;
  std::size_t unchanged = 0;
  std::uint64_t documents = 0;  // documents in the index at the end
  bool dry_run = false;         // nothing was written (--dry-run)
};

// Crawls per config.crawl into config.db, committing every config.batch_size articles and at the
// end (also when `stop` ends the crawl early). Holds config.db's IndexLock unless dry_run.
CrawlRunReport run_crawl(const IndexerConfig& config, const Logger& log,
                         const std::atomic<bool>& stop);

// "fetched 120, articles 80 (added 78, replaced 0, unchanged 2), not articles 30, noindex 0,
// not HTML 2, 4xx 5, failed 1, disallowed 2, out of scope 40, retries 3; 950 documents in index;
// 130.2 s"
std::string crawl_summary_line(const CrawlRunReport& report);

// The same figures as one JSON object (--report FILE): {"fetched": 120, "articles": 80, "added":
// 78, ..., "documents": 950, "seconds": 130.2, "interrupted": false}.
std::string crawl_report_json(const CrawlRunReport& report);

// The stable one-line summary scripts match, e.g.
// "added 20253, replaced 0, unchanged 0, skipped 0, not articles 0; 20253 documents in index;
// 8.1 s, 2500 docs/s"
std::string summary_line(const AddReport& report);

}  // namespace vigil::indexer
