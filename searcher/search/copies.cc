#include "search/copies.h"

#include <string>

#include "vigil/text.h"

namespace vigil::search {

namespace {

constexpr std::size_t kInitialEntries = 256;  // small: every page touched costs a CGI process

// The entry of `table` (a power of two long, 0 marking a free entry) that holds `hash` or, if
// none does, the free one where it belongs. A multiply spreads similar hashes over the table.
std::uint64_t& entry_for(std::vector<std::uint64_t>& table, std::uint64_t hash) {
  const std::size_t mask = table.size() - 1;
  std::size_t i = (hash * 0x9E3779B97F4A7C15ULL) >> 32 & mask;
  while (table[i] != 0 && table[i] != hash) i = (i + 1) & mask;
  return table[i];
}

}  // namespace

CopyCounter::CopyCounter(Xapian::valueno key_slot) : key_slot_(key_slot), table_(kInitialEntries) {}

void CopyCounter::operator()(const Xapian::Document& doc, double /*weight*/) {
  ++documents_;
  const std::string key = doc.get_value(key_slot_);
  if (key.empty()) {
    ++unclustered_;
  } else {
    insert(fnv1a64(key));
  }
}

void CopyCounter::insert(std::uint64_t hash) {
  if (hash == 0) {
    zero_seen_ = true;
    return;
  }
  std::uint64_t& entry = entry_for(table_, hash);
  if (entry != 0) return;
  entry = hash;
  if (++keys_ * 2 <= table_.size()) return;
  std::vector<std::uint64_t> old(table_.size() * 2);
  old.swap(table_);
  for (const std::uint64_t kept : old) {
    if (kept != 0) entry_for(table_, kept) = kept;
  }
}

ClusterTally::ClusterTally(Xapian::valueno key_slot, bool remote) {
  if (remote) {
    remote_ = std::make_unique<Xapian::ValueCountMatchSpy>(key_slot);
  } else {
    local_ = std::make_unique<CopyCounter>(key_slot);
  }
}

ClusterTally::~ClusterTally() = default;

Xapian::MatchSpy* ClusterTally::spy() {
  if (local_) return local_.get();
  return remote_.get();
}

std::uint64_t ClusterTally::documents() const {
  return local_ ? local_->documents() : remote_->get_total();
}

std::uint64_t ClusterTally::clusters() const {
  if (local_) return local_->clusters();
  std::uint64_t keys = 0;
  std::uint64_t keyed = 0;  // documents with a key
  for (auto it = remote_->values_begin(); it != remote_->values_end(); ++it) {
    ++keys;
    keyed += it.get_termfreq();
  }
  return keys + (remote_->get_total() - keyed);
}

}  // namespace vigil::search
