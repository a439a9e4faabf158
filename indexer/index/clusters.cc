#include "index/clusters.h"

#include <charconv>
#include <chrono>
#include <cstdint>
#include <optional>
#include <unordered_set>
#include <vector>

#include "index/simhash.h"
#include "vigil/record.h"
#include "vigil/schema.h"
#include "vigil/text.h"

namespace vigil::index {
namespace {

// The day of a date value ("YYYYMMDD", "00" for an unknown month or day), or nullopt when the day
// is not known.
std::optional<std::chrono::sys_days> day_of(std::string_view value) {
  if (value.size() != 8) return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t length) {
    unsigned out = 0;
    std::from_chars(value.data() + at, value.data() + at + length, out);
    return out;
  };
  const std::chrono::year_month_day date{std::chrono::year(static_cast<int>(number(0, 4))),
                                         std::chrono::month(number(4, 2)),
                                         std::chrono::day(number(6, 2))};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date);
}

bool published_close(std::string_view a, std::string_view b) {
  const std::optional<std::chrono::sys_days> day_a = day_of(a);
  const std::optional<std::chrono::sys_days> day_b = day_of(b);
  if (!day_a || !day_b) return true;
  const auto apart = (*day_a - *day_b).count();
  return apart <= kMaxDaysApart && -apart <= kMaxDaysApart;
}

}  // namespace

ClusterFinder::ClusterFinder(const schema::Schema& schema)
    : simhash_slot_(static_cast<Xapian::valueno>(schema.require("simhash").slot)),
      key_slot_(static_cast<Xapian::valueno>(schema.require("dupkey").slot)),
      date_slot_(static_cast<Xapian::valueno>(schema.require("date").slot)),
      band_prefix_(schema.require("simhash").prefix),
      id_prefix_(schema.require("id").prefix) {}

std::string ClusterFinder::founder_key(std::string_view unique_term) {
  return schema::hash_bytes(unique_term);
}

std::string ClusterFinder::unique_term_of(const Xapian::Document& doc) const {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(id_prefix_);
  if (it == doc.termlist_end()) return {};
  std::string term = *it;
  if (term.compare(0, id_prefix_.size(), id_prefix_) != 0) return {};
  return term;
}

Xapian::docid ClusterFinder::closest_founder(const Xapian::Database& db,
                                             const Xapian::Document& doc, std::uint64_t fingerprint,
                                             Xapian::docid replacing,
                                             std::string& founder_term) const {
  const std::string date = doc.get_value(date_slot_);
  std::optional<std::vector<std::uint64_t>> text;  // shingles, read when first needed
  int best_distance = kCandidateBits + 1;
  Xapian::docid best_id = 0;
  std::unordered_set<Xapian::docid> seen;
  for (const std::string& band : simhash_bands(band_prefix_, fingerprint)) {
    for (Xapian::PostingIterator it = db.postlist_begin(band); it != db.postlist_end(band); ++it) {
      const Xapian::docid id = *it;
      if (id == replacing || !seen.insert(id).second) continue;
      const Xapian::Document candidate = db.get_document(id);
      const std::optional<std::uint64_t> other =
          parse_fingerprint(candidate.get_value(simhash_slot_));
      if (!other) continue;
      const int distance = hamming_distance(fingerprint, *other);
      if (distance > best_distance || (distance == best_distance && id > best_id)) continue;
      if (!published_close(date, candidate.get_value(date_slot_))) continue;
      // A founder: a fingerprint and no key (no copy yet), or its own key.
      std::string term = unique_term_of(candidate);
      const std::string key = candidate.get_value(key_slot_);
      if (term.empty() || (!key.empty() && key != founder_key(term))) continue;
      if (distance > kNearDuplicateBits) {
        if (!text) text = shingles(decode_record(doc.get_data()).text);
        if (resemblance(*text, shingles(decode_record(candidate.get_data()).text)) <
            kCopyResemblance) {
          continue;
        }
      }
      best_distance = distance;
      best_id = id;
      founder_term = std::move(term);
    }
  }
  return best_id;
}

std::string ClusterFinder::assign(Xapian::WritableDatabase& db, Xapian::Document& doc,
                                  std::string_view unique_term, Xapian::docid replacing) const {
  const std::optional<std::uint64_t> fingerprint = parse_fingerprint(doc.get_value(simhash_slot_));
  if (!fingerprint) return {};
  std::string founder_term;
  const Xapian::docid founder = closest_founder(db, doc, *fingerprint, replacing, founder_term);
  std::string key;
  if (founder != 0) {
    key = founder_key(founder_term);
    Xapian::Document founder_doc = db.get_document(founder);
    if (founder_doc.get_value(key_slot_).empty()) {  // its first copy: key the founder too
      founder_doc.add_value(key_slot_, key);
      db.replace_document(founder, founder_doc);
    }
  } else if (replacing != 0) {
    std::string own = founder_key(unique_term);
    if (db.get_document(replacing).get_value(key_slot_) == own) key = std::move(own);
  }
  if (!key.empty()) doc.add_value(key_slot_, key);
  return key;
}

}  // namespace vigil::index
