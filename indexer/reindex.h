#pragma once
// `vigil-index reindex --db DIR`: rebuilds every document without fetching, after the gazetteers,
// the schema or the extractor improved, into a new database beside the live one, then switches
// searchers to it atomically (index/store.h). Where each document comes from:
//   - a crawled page: its latest archived response in DIR/warc whose content is the one the fetch
//     log says was indexed (crawls with --warc), read again by the extractor, under the key the
//     crawl gave it;
//   - an imported HTML file (a file:// key) that is still there: read again;
//   - anything else (JSON Lines records, pages crawled without --warc, files since moved): copied
//     as it is, and counted, since there is nothing to read it from.
// The fetch log, the crawl settings and the run state are carried over, so `update` goes on as
// before. The live index serves searches throughout; a failed rebuild is discarded.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>

#include "options.h"
#include "vigil/log.h"

namespace vigil::indexer {

struct ReindexReport {
  std::size_t from_warc = 0;     // documents rebuilt from archived pages
  std::size_t from_files = 0;    // re-read from their files
  std::size_t copied = 0;        // copied as they were: nothing to rebuild them from
  std::size_t not_articles = 0;  // archived pages the extractor no longer takes for articles
  std::size_t bad_records = 0;   // WARC records that could not be read
  std::size_t warc_files = 0;
  std::uint64_t documents = 0;  // in the new index
  double seconds = 0;
  bool interrupted = false;  // stopped by a signal: the live index was left as it was
};

// Rebuilds config.db as above. Run-ending failures throw (the new database is discarded, the live
// one untouched); so does a stop request (interrupted set, nothing published).
ReindexReport run_reindex(const IndexerConfig& config, const Logger& log,
                          const std::atomic<bool>& stop);

// "rebuilt 20253 documents: 20000 from archived pages, 200 from files, 53 copied as stored
// (nothing to rebuild them from), 0 no longer articles, 0 bad WARC records; 12.3 s"
std::string reindex_summary_line(const ReindexReport& report);

}  // namespace vigil::indexer
