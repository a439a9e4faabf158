#include "index/index_writer.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

#include "index/store.h"
#include "vigil/damaged_index.h"
#include "vigil/errors.h"
#include "vigil/names.h"

namespace vigil::index {
namespace {

// Xapian's message with the system's reason when it has one: "Error writing block 256 (File too
// large)".
std::string why(const Xapian::Error& e) {
  const char* reason = e.get_error_string();
  return reason == nullptr ? e.get_msg() : e.get_msg() + " (" + reason + ")";
}

Xapian::WritableDatabase open_database(const std::string& path, bool exact_path) {
  std::error_code ec;
  // Without exact_path, live_path() creates the directory.
  if (exact_path) std::filesystem::create_directories(path, ec);
  if (ec) {
    throw RuntimeError("cannot create index directory '" + path + "': " + ec.message(),
                       "check the --db path and its permissions");
  }
  try {
    // Xapian would also write through DIR's stub, but DB_OPEN on the generation itself cannot
    // quietly create an empty database where a generation has gone missing.
    if (!exact_path) return Xapian::WritableDatabase(live_path(path), Xapian::DB_OPEN);
    return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError& e) {
    // Our own lock (index_lock.h) is held, so this is another program, or a lock file this user
    // may not create (a read-only index): Xapian says which.
    throw RuntimeError(
        "cannot lock index '" + path + "' for writing: " + e.get_msg() +
            (e.get_error_string() != nullptr ? std::string(" (") + e.get_error_string() + ")"
                                             : std::string()),
        "check that this user may write to '" + path +
            "' and the files in it, and that no other program writes to it");
  } catch (const Xapian::DatabaseError& e) {
    if (is_damage(e)) {
      throw RuntimeError("the index '" + path + "' is damaged: " + e.get_description(),
                         damaged_index_hint(path));
    }
    const bool denied =
        e.get_error_string() != nullptr && std::string(e.get_error_string()) == strerror(EACCES);
    throw RuntimeError("cannot open index '" + path + "': " + e.get_description(),
                       denied
                           ? "check that this user may write to '" + path + "' and the files in it"
                           : "--db must name a Vigil index or a new or empty directory");
  }
}

// Stamps a new index with the schema version, or refuses an index of another version.
void check_schema(Xapian::WritableDatabase& db, const std::string& path,
                  const schema::Schema& schema) {
  const std::string stored = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  const std::string ours = std::to_string(schema.version());
  if (stored.empty()) {
    if (db.get_doccount() != 0) {
      throw RuntimeError("'" + path + "' holds a Xapian database that Vigil did not build",
                         "choose another --db directory");
    }
    db.set_metadata(std::string(schema::kMetaSchemaVersion), ours);
    db.set_metadata(std::string(schema::kMetaSchemaDigest), schema.digest());
    db.commit();
  } else if (stored != ours) {
    throw RuntimeError(
        "index '" + path + "' was built with schema " + stored +
            ", but this vigil-index writes schema " + ours,
        "build a new index: move '" + path + "' aside and run vigil-index add again");
  }
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, const schema::Schema& schema,
                         WriterOptions options)
    : path_(path),
      db_(open_database(path, options.exact_path)),
      // After open_database: the layout exists, so live_path only reads it.
      database_path_(options.exact_path ? path : live_path(path)),
      builder_(schema),
      clusters_(schema),
      facet_ids_(db_),
      facets_slot_(static_cast<Xapian::valueno>(schema.require("facets").slot)),
      order_slot_(static_cast<Xapian::valueno>(schema.require("order").slot)),
      options_(std::move(options)) {
  check_schema(db_, path, schema);
  if (options_.batch_size == 0) options_.batch_size = 1;
}

IndexWriter::~IndexWriter() {
  try {
    if (pending_ != 0) commit();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
}

WriteOutcome IndexWriter::write(const Article& article) {
  const std::string id_term = builder_.unique_term(article.key);
  const DocumentBuilder::Prepared prepared = builder_.prepare(article);
  Xapian::docid id = 0;
  const WriteOutcome outcome = classify(id_term, prepared.digest, id);
  if (outcome == WriteOutcome::kUnchanged) return outcome;
  Xapian::Document doc = builder_.build(article, prepared);
  store(doc, id_term, id);
  finish_write(article.entities);
  return outcome;
}

WriteOutcome IndexWriter::write(DocumentBuilder::Built&& built) {
  Xapian::docid id = 0;
  const WriteOutcome outcome = classify(built.id_term, built.digest, id);
  if (outcome == WriteOutcome::kUnchanged) return outcome;
  // Deferred, yet changed: an earlier item of this run had the same key, or another writer
  // committed since the parsing thread looked.
  if (!built.doc) return write(*built.deferred);
  store(*built.doc, built.id_term, id);
  finish_write(built.entities);
  return outcome;
}

WriteOutcome IndexWriter::classify(const std::string& id_term, const std::string& digest,
                                   Xapian::docid& id) {
  Xapian::PostingIterator it = db_.postlist_begin(id_term);
  if (it == db_.postlist_end(id_term)) return WriteOutcome::kAdded;
  id = *it;
  return db_.get_document(id).get_value(builder_.digest_slot()) == digest ? WriteOutcome::kUnchanged
                                                                          : WriteOutcome::kReplaced;
}

void IndexWriter::store(Xapian::Document& doc, const std::string& id_term,
                        Xapian::docid replacing) {
  number_facets(doc);
  clusters_.assign(db_, doc, id_term, replacing);
  if (replacing == 0) {
    // A new key: add_document skips the by-term lookup that replace_document would repeat.
    db_.add_document(doc);
  } else {
    db_.replace_document(replacing, doc);
  }
}

void IndexWriter::number_facets(Xapian::Document& doc) {
  std::string order = doc.get_value(order_slot_).substr(0, schema::kOrderBytes);
  order += facet_ids_.encode(doc.get_value(facets_slot_));
  doc.add_value(order_slot_, order);
}

void IndexWriter::finish_write(const ArticleEntities& entities) {
  for (const EntityRef& org : entities.organisations) catalog("org", org);
  for (const EntityRef& place : entities.places) catalog("place", place);
  if (++pending_ >= options_.batch_size) commit();
}

void IndexWriter::catalog(std::string_view field, const EntityRef& value) {
  std::string key = schema::facet_key(field, value.id);
  if (key.size() > schema::kMaxMetadataKeyBytes) return;
  std::string entry = value.label;
  entry += '\t';
  entry += value.parent;
  // Every occurrence counts (another document may name the value otherwise): the entry kept does
  // not depend on the order documents come in (schema::catalog_entry_wins).
  auto [pending, added] = pending_catalog_.try_emplace(key, entry);
  if (!added && schema::catalog_entry_wins(key, entry, pending->second)) {
    pending->second = std::move(entry);
  }
  if (catalogued_.contains(key)) return;
  std::vector<FacetAlias> names;
  if (options_.facet_names) names = options_.facet_names(field, value);
  if (names.empty()) names.push_back({value.label, 0});
  for (const FacetAlias& name : names) {
    const std::string name_key = facet_name_key(field, name.name);
    if (name_key.empty()) continue;
    std::string alias = schema::alias_key(field, name_key);
    if (alias.size() > schema::kMaxMetadataKeyBytes) continue;
    auto [it, new_alias] = pending_aliases_.try_emplace(std::move(alias), name.rank, value.id);
    if (!new_alias && (it->second.first < name.rank ||
                       (it->second.first == name.rank && value.id < it->second.second))) {
      it->second = {name.rank, value.id};
    }
  }
  catalogued_.insert(std::move(key));
}

// Writes the catalog entries gathered since the last commit, in key order (sorted insertion is
// cheap in Xapian's B-trees). An alias already in the index keeps its id unless ours outranks it.
void IndexWriter::flush_catalog() {
  for (const auto& [key, entry] : pending_catalog_) {
    const std::string current = db_.get_metadata(key);
    if (current.empty() || schema::catalog_entry_wins(key, entry, current)) {
      db_.set_metadata(key, entry);
    }
  }
  pending_catalog_.clear();
  for (const auto& [alias, best] : pending_aliases_) {
    const auto& [rank, id] = best;
    std::string entry = std::to_string(rank);
    entry += '\t';
    entry += id;
    const std::string current = db_.get_metadata(alias);
    if (current.empty() || schema::catalog_entry_wins(alias, entry, current)) {
      db_.set_metadata(alias, entry);
    }
  }
  pending_aliases_.clear();
}

void IndexWriter::copy(const std::string& key, const Xapian::Document& doc) {
  // The other database numbered its facet terms its own way.
  Xapian::Document copied = doc;  // a handle: the caller's document gets the new ids too
  number_facets(copied);
  db_.replace_document(builder_.unique_term(key), copied);
  if (++pending_ >= options_.batch_size) commit();
}

bool IndexWriter::remove(const std::string& key) {
  const std::string id_term = builder_.unique_term(key);
  if (db_.postlist_begin(id_term) == db_.postlist_end(id_term)) return false;
  db_.delete_document(id_term);
  if (++pending_ >= options_.batch_size) commit();
  return true;
}

void IndexWriter::set_metadata(const std::string& key, const std::string& value) {
  db_.set_metadata(key, value);
}

void IndexWriter::record_fetch(const FetchRecord& record) {
  db_.set_metadata(fetch_key(record.url), encode_fetch_record(record));
  if (++pending_ >= options_.batch_size) commit();
}

void IndexWriter::commit() {
  if (options_.before_commit) options_.before_commit();
  flush_catalog();
  facet_ids_.flush();
  try {
    db_.commit();
  } catch (const Xapian::DatabaseError& e) {
    // Disk full, a file size limit, an I/O error: Xapian commits atomically, so the index is as
    // of the last commit that succeeded.
    throw RuntimeError("cannot write to index '" + path_ + "': " + why(e),
                       "free disk space (or fix what the error names) and run the same command "
                       "again: the index holds what its last commit held, and the run resumes "
                       "from there");
  }
  pending_ = 0;
}

}  // namespace vigil::index
