#include "index/index_writer.h"

#include <charconv>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

#include "vigil/errors.h"
#include "vigil/names.h"

namespace vigil::index {
namespace {

// Xapian's limit on metadata keys (the glass backend's key limit, less its own prefix).
constexpr std::size_t kMaxMetadataKeyBytes = 240;

Xapian::WritableDatabase open_database(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    throw RuntimeError("cannot create index directory '" + path + "': " + ec.message(),
                       "check the --db path and its permissions");
  }
  try {
    return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError& e) {
    throw RuntimeError("index '" + path + "' is locked by another writer",
                       "wait for the other vigil-index run to finish");
  } catch (const Xapian::DatabaseError& e) {
    throw RuntimeError("cannot open index '" + path + "': " + e.get_description(),
                       "--db must name a Vigil index or a new or empty directory");
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
    : db_(open_database(path)), builder_(schema), clusters_(schema), options_(std::move(options)) {
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
  WriteOutcome outcome = WriteOutcome::kAdded;
  Xapian::PostingIterator it = db_.postlist_begin(id_term);
  if (it == db_.postlist_end(id_term)) {
    // A new key: add_document skips the by-term lookup that replace_document would repeat.
    db_.add_document(build(article, prepared, id_term, 0));
  } else {
    const Xapian::docid id = *it;
    if (db_.get_document(id).get_value(builder_.digest_slot()) == prepared.digest) {
      return WriteOutcome::kUnchanged;
    }
    outcome = WriteOutcome::kReplaced;
    db_.replace_document(id, build(article, prepared, id_term, id));
  }
  for (const EntityRef& org : article.entities.organisations) catalog("org", org);
  for (const EntityRef& place : article.entities.places) catalog("place", place);
  if (++pending_ >= options_.batch_size) commit();
  return outcome;
}

Xapian::Document IndexWriter::build(const Article& article,
                                    const DocumentBuilder::Prepared& prepared,
                                    const std::string& id_term, Xapian::docid replacing) {
  Xapian::Document doc = builder_.build(article, prepared);
  const std::string key = clusters_.cluster_key(db_, doc, id_term, replacing);
  if (!key.empty()) doc.add_value(clusters_.key_slot(), key);
  return doc;
}

void IndexWriter::catalog(std::string_view field, const EntityRef& value) {
  std::string key = schema::facet_key(field, value.id);
  if (key.size() > kMaxMetadataKeyBytes || catalogued_.contains(key)) return;
  std::string entry = value.label;
  entry += '\t';
  entry += value.parent;
  pending_catalog_[key] = std::move(entry);
  std::vector<FacetAlias> names;
  if (options_.facet_names) names = options_.facet_names(field, value);
  if (names.empty()) names.push_back({value.label, 0});
  for (const FacetAlias& name : names) {
    const std::string name_key = facet_name_key(field, name.name);
    if (name_key.empty()) continue;
    std::string alias = schema::alias_key(field, name_key);
    if (alias.size() > kMaxMetadataKeyBytes) continue;
    auto [it, added] = pending_aliases_.try_emplace(std::move(alias), name.rank, value.id);
    if (!added && it->second.first < name.rank) it->second = {name.rank, value.id};
  }
  catalogued_.insert(std::move(key));
}

// Writes the catalog entries gathered since the last commit, in key order (sorted insertion is
// cheap in Xapian's B-trees). An alias already in the index keeps its id unless ours outranks it.
void IndexWriter::flush_catalog() {
  for (const auto& [key, entry] : pending_catalog_) {
    if (db_.get_metadata(key) != entry) db_.set_metadata(key, entry);
  }
  pending_catalog_.clear();
  for (const auto& [alias, best] : pending_aliases_) {
    const auto& [rank, id] = best;
    const std::string current = db_.get_metadata(alias);
    const std::size_t tab = current.find('\t');
    if (tab != std::string::npos) {
      if (current.compare(tab + 1, std::string::npos, id) == 0) continue;
      std::int64_t current_rank = 0;
      std::from_chars(current.data(), current.data() + tab, current_rank);
      if (current_rank >= rank) continue;
    }
    db_.set_metadata(alias, std::to_string(rank) + '\t' + id);
  }
  pending_aliases_.clear();
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
  db_.commit();
  pending_ = 0;
}

}  // namespace vigil::index
