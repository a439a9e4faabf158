#pragma once
// `vigil-index stats --db DIR [--json]`: what an operator checks after the nightly job. The
// number of documents, the shard the index holds (--shard), the last run (its report, or that one
// was killed and will resume), the fetch log by outcome, the URLs failing (most failures first),
// the documents waiting for a 404 to be confirmed, and when the known URLs are next due. Reads the
// index only (no lock).

#include <ostream>

#include "options.h"

namespace vigil::indexer {

// Prints the statistics of config.db to `out` (text, or one JSON object with config.json) and
// returns 0. Throws RuntimeError when the index cannot be opened.
int run_stats(const IndexerConfig& config, std::ostream& out);

}  // namespace vigil::indexer
