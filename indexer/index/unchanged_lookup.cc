#include "index/unchanged_lookup.h"

namespace vigil::index {

UnchangedLookup::UnchangedLookup(const std::string& database_path, Xapian::valueno digest_slot)
    : digest_slot_(digest_slot) {
  try {
    Xapian::Database db(database_path);
    if (db.get_doccount() != 0) db_ = std::move(db);
  } catch (const Xapian::Error&) {  // NOLINT(bugprone-empty-catch): then every answer is false
  }
}

bool UnchangedLookup::look(const std::string& id_term, const std::string& digest) const {
  const Xapian::PostingIterator it = db_->postlist_begin(id_term);
  if (it == db_->postlist_end(id_term)) return false;
  return db_->get_document(*it).get_value(digest_slot_) == digest;
}

bool UnchangedLookup::operator()(const std::string& id_term, const std::string& digest) {
  if (!db_) return false;
  try {
    try {
      return look(id_term, digest);
    } catch (const Xapian::DatabaseModifiedError&) {
      db_->reopen();
      return look(id_term, digest);
    }
  } catch (const Xapian::Error&) {
    return false;
  }
}

}  // namespace vigil::index
