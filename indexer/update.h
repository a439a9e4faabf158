#pragma once
// The crawl and the nightly update: one engine. `crawl` stores its settings in the index and runs
// it; `update` runs it again with the stored settings. Every run revisits the known URLs that are
// due (revisit.h) with conditional requests, discovers new URLs from the seeds, sitemaps and
// feeds, re-indexes what changed, removes what is gone, and keeps the fetch log (index/fetch_log.h)
// in the index, committed atomically with the documents it describes.
//
// Crash safety: the run's start is committed first ("vigil.run.state"); URLs found are recorded as
// queued, so a run killed at any point resumes where it stopped: the next run (crawl or update)
// skips what the killed run committed and fetches what it had queued.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

#include "crawler/crawler.h"
#include "options.h"
#include "vigil/log.h"
#include "vigil/shard.h"

namespace vigil::indexer {

// Metadata keys.
inline constexpr const char* kMetaCrawlSettings = "vigil.crawl.settings";  // config-file text
inline constexpr const char* kMetaRunState =
    "vigil.run.state";                                         // "running START" | "done START END"
inline constexpr const char* kMetaLastRun = "vigil.run.last";  // the last run's JSON report

// The state of the runs of an index, kept in kMetaRunState: "running RUN START" from the start of
// run number RUN, "done RUN START END" once it finished (RUN counts from 1; times are Unix
// seconds). A run that finds "running" resumes that run.
struct RunState {
  std::string phase;  // "running", "done", or "" (no run yet, or unreadable)
  std::int64_t run = 0;
  std::int64_t started = 0;
  std::int64_t ended = 0;
};
RunState parse_run_state(const std::string& text);
std::string format_run_state(const RunState& state);

struct UpdateReport {
  crawler::CrawlReport crawl;
  std::size_t checked = 0;       // URLs visited (pages, sitemaps, feeds) and settled
  std::size_t added = 0;         // new documents
  std::size_t replaced = 0;      // documents whose page changed
  std::size_t unchanged = 0;     // pages that did not change (304, same bytes, same document)
  std::size_t deleted = 0;       // documents removed (gone, noindex, disallowed ...)
  std::size_t gone_pending = 0;  // first 404s: kept until a later run confirms them
  std::size_t due = 0;           // known URLs due for a visit at the start
  std::uint64_t documents = 0;   // in the index at the end
  std::int64_t started_at = 0;   // Unix seconds: the run's start (a resumed run's original start)
  std::int64_t run = 0;          // the run's number (a resumed run keeps the killed run's)
  bool resumed = false;          // continued a run that was killed or interrupted
  bool dry_run = false;          // nothing was written (--dry-run)
  Shard shard;                   // the shard crawled (--shard; 1/1 without it)
};

// Runs config.crawl into config.db (or nowhere with --dry-run). Per-page problems are counted and
// logged; run-ending ones throw (RuntimeError, Xapian::Error: disk full, unwritable index), the
// index staying as of its last commit; a --shard other than the index's throws ConfigError
// (claim_shard in pipeline.h) before anything is written. When `stop` becomes true the run commits
// and returns with crawl.interrupted set (the next run resumes it).
UpdateReport run_update(const IndexerConfig& config, const Logger& log,
                        const std::atomic<bool>& stop);

// The stored crawl settings of the index at `db` ("" when none: not built by `crawl`, or absent).
std::string stored_crawl_settings(const std::string& db);

// "checked 130: new 10, updated 5, unchanged 100, deleted 2, failed 1, disallowed 2 (articles
// 15, not articles 30, noindex 0, not HTML 2, HTTP errors 5, 404 pending 1, retries 3, out of scope
// 40); 131 requests, 2.1 MB; 950 documents in index; 130.2 s"; with --shard, "out of scope 40,
// other shard 80)".
std::string update_summary_line(const UpdateReport& report);

// The run report (--report FILE, and stored as the last run): one JSON object with the figures
// of the summary line.
std::string update_report_json(const UpdateReport& report);

// The exit code: 0 when every page was settled, 1 when some failed, 3 when interrupted.
int update_exit_code(const UpdateReport& report);

}  // namespace vigil::indexer
