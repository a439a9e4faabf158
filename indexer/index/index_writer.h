#pragma once
// IndexWriter owns the writable Xapian database: it opens or creates it, stamps and checks the
// schema version, adds or replaces documents by unique key, and commits in batches. Xapian commits
// are atomic, so a killed indexer leaves the index as of its last commit.
// Not thread-safe: one writer per database (Xapian allows a single writer process).

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "article/article.h"
#include "index/clusters.h"
#include "index/document_builder.h"
#include "index/facet_dictionary.h"
#include "index/fetch_log.h"
#include "vigil/schema.h"

namespace vigil::index {

// The names under which a facet value ("org" or "place", an id and label) can be asked for.
using FacetNames =
    std::function<std::vector<FacetAlias>(std::string_view field, const EntityRef& value)>;

struct WriterOptions {
  // Documents per commit. Xapian's writer keeps a batch's postings in ordered maps whose
  // lookups slow down as they grow: 500 left the writer thread about a sixth less to do than
  // 2000, with a third less peak memory (scripts/bench/README.md).
  std::size_t batch_size = 500;
  // Names for the facet catalog; when unset, a value answers to its label only.
  FacetNames facet_names;
  // Called before each commit (e.g. to sync archived pages to disk first, so that whatever a
  // commit makes visible is also preserved). May throw: the commit does not happen.
  std::function<void()> before_commit;
  // Open `path` itself as one database (e.g. a generation from new_generation() being built),
  // not as an index directory (store.h).
  bool exact_path = false;
};

enum class WriteOutcome {
  kAdded,      // a new key
  kReplaced,   // a known key whose content changed
  kUnchanged,  // a known key with identical content: nothing written
};

class IndexWriter {
 public:
  // Opens the index directory `path` (store.h): its live database, or a new layout with an empty
  // database when `path` is absent or empty (with options.exact_path: the database at `path`,
  // created if absent). Creates missing parent folders. Hold IndexLock for `path` first.
  // Throws RuntimeError when it cannot be opened or created, is locked by another writer, or was
  // built with another schema version (each with a hint). `schema` must outlive the writer.
  IndexWriter(const std::string& path, const schema::Schema& schema, WriterOptions options);
  // Commits pending changes; errors at this point are swallowed (call commit() to see them).
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;
  IndexWriter(IndexWriter&&) = delete;
  IndexWriter& operator=(IndexWriter&&) = delete;

  // Adds the article, replacing any document with the same key, with the key of its cluster of
  // copies (clusters.h), and enters its facet values in the facet catalog (schema.h) when they are
  // new. Commits every batch_size writes.
  // Xapian::Error (e.g. disk full) propagates: it ends the run.
  WriteOutcome write(const Article& article);

  // The same for an article whose document another thread built (DocumentBuilder::
  // build_for_writer with the same schema): only the cluster key, the index and the catalog are
  // left to do here, so that parsing and term generation can run beside the writer.
  WriteOutcome write(DocumentBuilder::Built&& built);

  // Adds `doc` as it is, under `key`, replacing any document with that key: a document of
  // another Vigil database of the same schema, kept when there is nothing to rebuild it from.
  // Only its facet ids are renumbered, by this index's dictionary.
  void copy(const std::string& key, const Xapian::Document& doc);

  // Deletes the document with `key`, if any; true when one was deleted. Counted in the batch.
  bool remove(const std::string& key);

  // Stores `record` in the fetch log (replacing the URL's previous record); committed with the
  // documents, counted in the batch like a write.
  void record_fetch(const FetchRecord& record);

  // Makes every write so far durable and visible to searchers.
  void commit();

  // Sets (or, with an empty value, deletes) a metadata entry; committed with the next commit.
  void set_metadata(const std::string& key, const std::string& value);

  Xapian::doccount doc_count() const { return db_.get_doccount(); }
  // The path of the Xapian database written (the live generation), for read-only views of what
  // was committed (UnchangedLookup).
  const std::string& database_path() const { return database_path_; }
  const Xapian::Database& database() const { return db_; }

 private:
  std::string path_;  // as given (the index directory), for messages
  Xapian::WritableDatabase db_;
  std::string database_path_;
  DocumentBuilder builder_;
  ClusterFinder clusters_;
  FacetDictionary facet_ids_;
  Xapian::valueno facets_slot_;
  Xapian::valueno order_slot_;
  WriterOptions options_;
  std::size_t pending_ = 0;
  // Facet catalog: keys entered in this run, and entries (label TAB parent) waiting for the next
  // commit.
  std::unordered_set<std::string> catalogued_;
  std::map<std::string, std::string> pending_catalog_;
  std::map<std::string, std::pair<std::int64_t, std::string>> pending_aliases_;  // rank, id

  // Looks `id_term` up: kAdded (no such document), kUnchanged (its digest is `digest`) or
  // kReplaced, with the document's id in `id`.
  WriteOutcome classify(const std::string& id_term, const std::string& digest, Xapian::docid& id);
  // Sets the facet ids and the cluster key of `doc` and adds it, or replaces document `replacing`
  // (0: none).
  void store(Xapian::Document& doc, const std::string& id_term, Xapian::docid replacing);
  // Appends the ids of the document's facet terms (by this index's dictionary) to its `order`
  // value, in place of any it had (vigil/facet_ids.h).
  void number_facets(Xapian::Document& doc);
  // Enters the facet values in the catalog and counts the write in the batch.
  void finish_write(const ArticleEntities& entities);
  void catalog(std::string_view field, const EntityRef& value);
  void flush_catalog();
};

}  // namespace vigil::index
