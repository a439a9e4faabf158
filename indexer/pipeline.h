#pragma once
// The indexer pipeline: the only indexer code that knows every module. It turns inputs into
// Articles, writes them through IndexWriter, counts outcomes and reports progress.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "entities/recognise.h"
#include "index/index_writer.h"
#include "options.h"
#include "vigil/log.h"
#include "vigil/shard.h"

namespace vigil::indexer {

struct AddReport {
  std::size_t read = 0;  // articles read (records and pages) before writing
  std::size_t added = 0;
  std::size_t replaced = 0;
  std::size_t unchanged = 0;
  std::size_t skipped = 0;       // inputs skipped: bad lines, bad files, missing paths
  std::size_t not_articles = 0;  // HTML pages that are index or error pages: not indexed
  std::size_t other_shard = 0;   // items whose key is in another shard (--shard): not indexed
  Shard shard;                   // the shard built (--shard; 1/1 without it)
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

// The writer's options for `config`: batch size, and `recogniser`'s names for the facet catalog
// (asked when a value is first written: `recogniser` may be loaded after the writer is opened).
index::WriterOptions writer_options(const IndexerConfig& config,
                                    const std::optional<entities::Recogniser>& recogniser);

// Checks that `requested` (--shard; nullopt: the whole collection) is what the index of `writer`
// (at `db`, for messages) was built as, and stores it (metadata kShardMetadataKey) when it was
// given; committed with the writer's next commit. An index without that key is the whole
// collection, unless it is still empty. Throws ConfigError (exit code 2) with a hint when they
// differ: adding another shard's documents to an index, or revisiting its hosts with another
// shard, would leave documents where searches of the other shards would find them again (or
// drop them); RuntimeError when the stored value is unreadable.
void claim_shard(index::IndexWriter& writer, const std::optional<Shard>& requested,
                 const std::string& db);

// The recogniser, unless --no-entities. Loading throws RuntimeError naming a missing file.
std::optional<entities::Recogniser> load_recogniser(const IndexerConfig& config);

// The stable one-line summary scripts match, e.g.
// "added 20253, replaced 0, unchanged 0, skipped 0, not articles 0; 20253 documents in index;
// 8.1 s, 2500 docs/s"; with --shard, "..., not articles 0, 40506 in other shards; ...".
std::string summary_line(const AddReport& report);

}  // namespace vigil::indexer
