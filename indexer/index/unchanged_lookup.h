#pragma once
// What an index held when an import started, as the parsing thread of that import sees it:
// whether a document with this unique-id term and digest is already there, so that the thread
// need not build it again (DocumentBuilder::build_for_writer). A wrong answer costs time, never
// correctness: IndexWriter::write looks again with the writer's own view and builds a deferred
// document that turns out to be needed.

#include <xapian.h>

#include <optional>
#include <string>

namespace vigil::index {

// Not thread-safe: one per thread (it holds its own read-only Database).
class UnchangedLookup {
 public:
  // Opens `database_path` (IndexWriter::database_path()) read-only. An index that cannot be
  // opened, or was empty, answers false to everything without looking.
  UnchangedLookup(const std::string& database_path, Xapian::valueno digest_slot);

  // True when the index holds a document with `id_term` whose digest value is `digest`. Reopens
  // once when the writer's commits have moved past this view; false on any other Xapian error.
  bool operator()(const std::string& id_term, const std::string& digest);

 private:
  bool look(const std::string& id_term, const std::string& digest) const;

  std::optional<Xapian::Database> db_;
  Xapian::valueno digest_slot_;
};

}  // namespace vigil::index
