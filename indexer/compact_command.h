#pragma once
// `vigil-index compact --db DIR`: rewrites the live index compactly as a new generation and makes
// it live (index/store.h), under the index lock.

#include <cstdint>
#include <string>

#include "index/store.h"
#include "options.h"
#include "vigil/log.h"

namespace vigil::indexer {

// "12.3 MB" (decimal units: B, kB, MB, GB).
std::string human_bytes(std::uint64_t bytes);

// "compacted DIR: 12.3 MB -> 8.1 MB, 20253 documents, 4.2 s"
std::string compact_summary_line(const std::string& dir, const index::CompactReport& report,
                                 double seconds);

// Takes the lock on config.db (waiting config.wait_lock_seconds), compacts, and prints
// compact_summary_line() to stderr. Returns 0; failures throw (RuntimeError: locked, no index;
// Xapian::Error), the old generation staying live.
int run_compact(const IndexerConfig& config, const Logger& log);

}  // namespace vigil::indexer
