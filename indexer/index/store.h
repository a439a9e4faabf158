#pragma once
// The index directory as a set of generations, switched atomically.
//
// Layout of an index directory DIR:
//   DIR/XAPIANDB     a Xapian stub file, one line "auto gen-000001", naming the live generation
//   DIR/gen-000001/  a glass database (a generation); gen-000002/ ... follow
//   DIR/vigil.lock   the writers' lock file (index_lock.h)
// Xapian::Database(DIR) and Xapian::WritableDatabase(DIR) open the live generation through the
// stub (Xapian 1.4 resolves a relative stub path against the stub's directory, for reading and
// for writing), so readers and writers only ever name DIR. A DIR that is itself a glass database
// (DIR/iamglass, the layout before generations) stays usable as is; the first publish() converts
// it. Xapian looks for DIR/iamglass before DIR/XAPIANDB, so the conversion writes the stub first
// and then removes iamglass, the moment the stub takes over.
//
// Old generations: publish() keeps the generation it replaces and removes every other one (the
// older generations, an unpublished leftover of an interrupted rebuild, the old layout's files
// once they are two publishes behind). Why keep one: an open glass Database holds a file
// descriptor on each of its tables from the moment it is opened (none are opened later), so on
// Linux a reader that has opened a generation keeps reading it after the directory is removed.
// But a reader that has read the stub and not yet opened the tables would fail (or, when only a
// table that may be absent such as position.glass were gone, silently open without it), and
// Database::reopen() re-reads the generation's iamglass and throws DatabaseNotFoundError once it
// is removed. Keeping the replaced generation until the next publish (a day, for a nightly
// rebuild) closes both windows at the cost of the disk space of one more generation.
// reopen() never re-reads the stub: a long-running reader sees a published generation only by
// opening DIR again (as the CGI does on DatabaseModifiedError).
//
// Thread safety: the functions that change DIR (live_path when it creates, new_generation,
// publish, discard, compact) must be called by one process at a time: hold IndexLock. inspect()
// may be called by anyone at any time.

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "index/index_lock.h"

namespace vigil::index {

// DIR/warc: the WARC files of crawls with --warc (archived pages, the source of reindex). Part
// of the index directory, beside the generations; never removed by publish().
inline constexpr const char* kArchiveDirName = "warc";

enum class LayoutKind {
  kMissing,      // DIR does not exist
  kEmpty,        // a directory holding no database (at most vigil.lock and leftovers of ours)
  kGenerations,  // DIR/XAPIANDB names the live generation DIR/gen-N
  kSingle,       // DIR is itself a glass database (the layout before generations)
  kForeign,      // anything else (a file, another stub, unknown files): not ours to change
};

struct Layout {
  LayoutKind kind = LayoutKind::kMissing;
  std::string live;                        // the live database: DIR/gen-N, DIR (kSingle) or ""
  std::uint32_t live_generation = 0;       // N of the live generation; 0 when not kGenerations
  std::vector<std::uint32_t> generations;  // every DIR/gen-N directory present, ascending
};

// Reads DIR's layout without changing it. Throws RuntimeError when DIR cannot be read.
Layout inspect(const std::string& dir);

// DIR/gen-N with N zero-padded to six digits ("idx/gen-000001").
std::string generation_path(const std::string& dir, std::uint32_t generation);

// The live database's path: DIR/gen-N, or DIR itself for the old layout. When DIR does not
// exist or is empty, creates the layout: an empty glass database in DIR/gen-000001 made live.
// Throws RuntimeError (with a hint) when DIR is something else (kForeign) or cannot be created;
// Xapian::Error from creating the database propagates.
std::string live_path(const std::string& dir);

// Creates and returns an empty directory DIR/gen-N for the next generation (N one past every
// generation present), not live until publish(). Creates DIR when absent. Throws RuntimeError
// when DIR is kForeign or the directory cannot be created.
std::string new_generation(const std::string& dir);

// Makes `generation` (a directory returned by new_generation(dir), holding a database) live
// atomically: writes DIR/XAPIANDB.tmp, fsyncs it, renames it over DIR/XAPIANDB and fsyncs DIR,
// so a reader opening DIR sees either the old or the new generation, whole. Converts an old
// layout DIR (removes DIR/iamglass after the rename). Then removes the generations that are no
// longer needed (see the top of this file); that removal is best effort: what cannot be removed
// now is tried again by the next publish. Throws RuntimeError when `generation` is not a database
// in DIR, or the stub cannot be written (the old generation then stays live).
void publish(const std::string& dir, const std::string& generation);

// Removes an unpublished generation (after a failed rebuild). Throws RuntimeError when it is
// the live generation; errors while removing are ignored (publish() removes leftovers), so it
// can be called while another error is on its way out.
void discard(const std::string& generation);

struct CompactReport {
  std::uint64_t bytes_before = 0;  // the live database's files before
  std::uint64_t bytes_after = 0;   // the compacted generation's files
  Xapian::doccount documents = 0;
};

// Compacts the live database of DIR into new_generation(dir) (document ids kept) and publishes
// it. The caller holds IndexLock. Throws RuntimeError when DIR holds no index; Xapian::Error
// (e.g. disk full) propagates after the unfinished generation is discarded, the old one still
// live.
CompactReport compact(const std::string& dir);

}  // namespace vigil::index
