#include "search/facets.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>
#include <map>

#include "vigil/errors.h"

namespace vigil::search {

namespace {

constexpr std::size_t kInitialEntries = 256;  // small: every page touched costs a CGI process

// FNV-1a, folded to 32 bits: terms are short ("XPcn.13", "Y1987"), so a byte loop is as fast as
// anything and is inlined here.
std::uint32_t hash_of(std::string_view term) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const char c : term) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return static_cast<std::uint32_t>(hash >> 32);
}

}  // namespace

FacetCounts::FacetCounts() : table_(kInitialEntries) {}

std::size_t FacetCounts::index_of(std::string_view term, std::uint32_t hash) const {
  const std::size_t mask = table_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Entry& entry = table_[i];
    if (entry.size == 0) return i;
    if (entry.hash == hash && entry.size == term.size() &&
        std::memcmp(names_.data() + entry.offset, term.data(), term.size()) == 0) {
      return i;
    }
  }
}

void FacetCounts::add(std::string_view term, std::uint64_t count) {
  const std::uint32_t hash = hash_of(term);
  Entry& entry = table_[index_of(term, hash)];
  if (entry.size == 0) {
    entry = {hash, static_cast<std::uint32_t>(names_.size()),
             static_cast<std::uint32_t>(term.size()), 0};
    names_.append(term);
    ++used_;
  }
  entry.count += static_cast<std::uint32_t>(count);
  if (used_ * 4 > table_.size() * 3) grow();
}

void FacetCounts::subtract(std::string_view term, std::uint64_t count) {
  Entry& entry = table_[index_of(term, hash_of(term))];
  entry.count -= static_cast<std::uint32_t>(std::min<std::uint64_t>(entry.count, count));
}

std::uint64_t FacetCounts::count(std::string_view term) const {
  return table_[index_of(term, hash_of(term))].count;
}

void FacetCounts::add_unnamed(std::string_view prefix, std::uint64_t terms) {
  if (terms == 0) return;
  for (auto& [each, count] : unnamed_) {
    if (each == prefix) {
      count += terms;
      return;
    }
  }
  unnamed_.emplace_back(prefix, terms);
}

std::uint64_t FacetCounts::unnamed(std::string_view prefix) const {
  for (const auto& [each, count] : unnamed_) {
    if (each == prefix) return count;
  }
  return 0;
}

void FacetCounts::grow() {
  std::vector<Entry> old(table_.size() * 2);
  old.swap(table_);
  const std::size_t mask = table_.size() - 1;
  for (const Entry& entry : old) {
    if (entry.size == 0) continue;
    std::size_t i = entry.hash & mask;
    while (table_[i].size != 0) i = (i + 1) & mask;
    table_[i] = entry;
  }
}

void FacetSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  const std::string terms = doc.get_value(slot_);
  const char* at = terms.data();
  const char* const end = at + terms.size();
  while (at < end) {
    const void* found = std::memchr(at, '\n', static_cast<std::size_t>(end - at));
    const char* const stop = found == nullptr ? end : static_cast<const char*>(found);
    const std::string_view term(at, static_cast<std::size_t>(stop - at));
    if (!term.empty() && term.starts_with(prefix_)) counts_.add(term);
    at = stop + 1;
  }
}

FacetIdSpy::FacetIdSpy(Xapian::valueno slot, std::optional<std::size_t> kind)
    : slot_(slot), kind_(kind), table_(kInitialEntries) {}

namespace {

// Fibonacci hashing: ids of one kind differ in their high bits, and the table takes the top ones.
std::size_t slot_of(std::uint32_t key, std::size_t mask) {
  return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32U) & mask;
}

}  // namespace

void FacetIdSpy::add(std::uint32_t id) {
  const std::uint32_t key = id + 1;
  const std::size_t mask = table_.size() - 1;
  for (std::size_t i = slot_of(key, mask);; i = (i + 1) & mask) {
    Entry& entry = table_[i];
    if (entry.key == key) {
      ++entry.count;
      return;
    }
    if (entry.key == 0) {
      entry = {key, 1};
      if (++used_ * 2 > table_.size()) grow();
      return;
    }
  }
}

void FacetIdSpy::grow() {
  std::vector<Entry> old(table_.size() * 2);
  old.swap(table_);
  const std::size_t mask = table_.size() - 1;
  for (const Entry& entry : old) {
    if (entry.key == 0) continue;
    std::size_t i = slot_of(entry.key, mask);
    while (table_[i].key != 0) i = (i + 1) & mask;
    table_[i] = entry;
  }
}

void FacetIdSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  const std::string value = doc.get_value(slot_);
  if (value.size() < schema::kOrderBytes) {
    damaged_ = true;
    return;
  }
  const std::string_view ids = std::string_view(value).substr(schema::kOrderBytes);
  const bool whole = schema::for_each_facet_id(ids, [this](std::uint32_t id) {
    if (kind_ && schema::facet_id_kind_of(id) != *kind_) return;
    // An id past the last of 32 bits would wrap its key to 0, the free mark.
    if (id == std::numeric_limits<std::uint32_t>::max()) {
      damaged_ = true;
      return;
    }
    add(id);
  });
  if (!whole) damaged_ = true;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> FacetIdSpy::counts(std::size_t kind) const {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> counts;
  for (const Entry& entry : table_) {
    if (entry.key != 0 && schema::facet_id_kind_of(entry.key - 1) == kind) {
      counts.emplace_back(schema::facet_id_seq(entry.key - 1), entry.count);
    }
  }
  std::sort(counts.begin(), counts.end());
  return counts;
}

namespace {

constexpr std::string_view kRebuildHint =
    "rebuild the index (vigil-index reindex --db DIR), or report it if it happens again";

// The id the dictionary of `db` gives `term`, if any.
std::optional<std::uint32_t> stored_id(const Xapian::Database& db, const std::string& term) {
  return schema::parse_facet_number(db.get_metadata(schema::facet_id_key(term)));
}

// The number of documents the kFacetValues-th most frequent term has, among `counts` (> 0).
std::uint32_t leading_floor(std::vector<std::uint32_t> counts) {
  const auto nth = counts.begin() + static_cast<std::ptrdiff_t>(kFacetValues - 1);
  std::nth_element(counts.begin(), nth, counts.end(), std::greater<>());
  return *nth;
}

}  // namespace

FacetCounts name_facet_ids(const Xapian::Database& db, const FacetIdSpy& spy,
                           const std::vector<std::string>& named) {
  if (spy.damaged()) {
    throw RuntimeError("the index holds an ill-formed order value (facet ids)",
                       std::string(kRebuildHint));
  }
  // The numbers of the terms to name whatever their counts, per kind.
  std::array<std::vector<std::uint32_t>, schema::kFacetIdKinds.size()> wanted;
  for (const std::string& term : named) {
    const std::optional<std::size_t> kind = schema::facet_id_kind(term);
    const std::optional<std::uint32_t> id = kind ? stored_id(db, term) : std::nullopt;
    if (id && schema::facet_id_kind_of(*id) == *kind) {
      wanted[*kind].push_back(schema::facet_id_seq(*id));
    }
  }
  FacetCounts result;
  for (std::size_t kind = 0; kind < schema::kFacetIdKinds.size(); ++kind) {
    const std::string_view prefix = schema::kFacetIdKinds[kind].prefix;
    const std::vector<std::pair<std::uint32_t, std::uint32_t>> counts = spy.counts(kind);
    std::vector<std::uint32_t> nonzero;
    nonzero.reserve(counts.size());
    for (const auto& [seq, count] : counts) nonzero.push_back(count);
    // Years and months feed the timeline, which shows every one.
    const bool every = counts.size() <= kFacetValues || prefix == "Y" || prefix == "M";
    const std::uint32_t floor = every ? 0 : leading_floor(std::move(nonzero));
    std::uint64_t unnamed = 0;
    std::string names;                    // the chunk of the dictionary last read
    std::vector<std::string_view> lines;  // its terms, by seq % kFacetNamesPerChunk
    std::uint32_t chunk = 0;
    bool loaded = false;
    for (const auto& [seq, count] : counts) {
      if (count < floor &&
          std::find(wanted[kind].begin(), wanted[kind].end(), seq) == wanted[kind].end()) {
        ++unnamed;
        continue;
      }
      if (!loaded || seq / schema::kFacetNamesPerChunk != chunk) {
        chunk = seq / schema::kFacetNamesPerChunk;
        names = db.get_metadata(schema::facet_names_key(kind, chunk));
        loaded = true;
        lines.clear();
        for (std::size_t at = 0, stop = 0; (stop = names.find('\n', at)) != std::string::npos;
             at = stop + 1) {
          lines.push_back(std::string_view(names).substr(at, stop - at));
        }
      }
      const std::uint32_t line = seq % schema::kFacetNamesPerChunk;
      if (line >= lines.size() || lines[line].empty()) {
        throw RuntimeError("the index's facet dictionary has no term for facet id " +
                               std::to_string(schema::facet_id(seq, kind)),
                           std::string(kRebuildHint));
      }
      result.add(lines[line], count);
    }
    result.add_unnamed(prefix, unnamed);
  }
  return result;
}

FacetTally::FacetTally(const Xapian::Database& db, const FacetSource& source, const FacetKind* kind,
                       std::vector<std::string> named)
    : db_(db),
      prefix_(kind != nullptr ? kind->prefix : std::string_view()),
      named_(std::move(named)) {
  switch (source.spy) {
    case FacetSource::Spy::kIds: {
      std::optional<std::size_t> only;
      if (kind != nullptr) {
        for (std::size_t each = 0; each < schema::kFacetIdKinds.size(); ++each) {
          if (schema::kFacetIdKinds[each].prefix == kind->prefix) only = each;
        }
      }
      ids_ = std::make_unique<FacetIdSpy>(source.ids_slot, only);
      break;
    }
    case FacetSource::Spy::kTerms:
      local_ = std::make_unique<FacetSpy>(source.terms_slot, prefix_);
      break;
    case FacetSource::Spy::kRemote:
      remote_ = std::make_unique<Xapian::ValueCountMatchSpy>(source.terms_slot);
      break;
  }
}

FacetTally::~FacetTally() = default;

Xapian::MatchSpy* FacetTally::spy() {
  if (ids_) return ids_.get();
  if (local_) return local_.get();
  return remote_.get();
}

FacetCounts FacetTally::counts() && {
  if (ids_) return name_facet_ids(db_, *ids_, named_);
  if (local_) return std::move(*local_).counts();
  FacetCounts counts;
  for (auto it = remote_->values_begin(); it != remote_->values_end(); ++it) {
    const std::string terms = *it;
    const Xapian::doccount documents = it.get_termfreq();
    std::size_t at = 0;
    while (at < terms.size()) {
      const std::size_t stop = std::min(terms.find('\n', at), terms.size());
      const std::string_view term = std::string_view(terms).substr(at, stop - at);
      if (!term.empty() && term.starts_with(prefix_)) counts.add(term, documents);
      at = stop + 1;
    }
  }
  return counts;
}

const std::vector<FacetKind>& facet_kinds() {
  static const std::vector<FacetKind> kinds = {
      {"organisations", "XO", "org", 0},
      {"places", "XP", "place", 0},
      {"years", "Y", "year", 4},
      {"months", "M", "month", 6},
      {"mentioned_years", "XM", "mentions", 4},
      {"languages", "L", "lang", 0},
  };
  return kinds;
}

bool counts_as(const FacetKind& kind, std::string_view term) {
  return term.starts_with(kind.prefix) &&
         (kind.digits == 0 || term.size() == kind.prefix.size() + kind.digits);
}

FacetCounts count_facet_terms(const Xapian::Database& db, const Xapian::Query& query,
                              const FacetSource& source, std::optional<Xapian::doccount> matches,
                              const FacetKind* kind, const std::vector<std::string>& named) {
  const Xapian::doccount documents = db.get_doccount();
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_query(query);
  bool known = matches.has_value();
  if (!known) {
    const Xapian::MSet bounds = enquire.get_mset(0, 0);
    matches = bounds.get_matches_estimated();
    known = bounds.get_matches_lower_bound() == bounds.get_matches_upper_bound();
  }
  if (known && *matches == 0) return {};
  if (*matches <= documents / 2) {
    FacetTally tally(db, source, kind, named);
    enquire.add_matchspy(tally.spy());
    enquire.get_mset(0, 0, documents);
    return std::move(tally).counts();
  }
  FacetCounts counts;
  for (const FacetKind& each : facet_kinds()) {
    if (kind != nullptr && each.prefix != kind->prefix) continue;
    const std::string start(each.prefix);
    for (auto it = db.allterms_begin(start); it != db.allterms_end(start); ++it) {
      const std::string term = *it;
      if (counts_as(each, term)) counts.add(term, it.get_termfreq());
    }
  }
  if (known && *matches >= documents) return counts;  // nothing left to subtract
  // Every term the other documents carry is subtracted: counted as terms, not ids.
  FacetSource terms = source;
  if (terms.spy == FacetSource::Spy::kIds) terms.spy = FacetSource::Spy::kTerms;
  FacetTally others(db, terms, kind);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, query));
  enquire.add_matchspy(others.spy());
  enquire.get_mset(0, 0, documents);
  std::move(others).counts().for_each([&](std::string_view term, std::uint64_t count) {
    // The `facets` slot holds only the document's own facet terms, so each was counted above at
    // least this often.
    assert(counts.count(term) >= count);
    counts.subtract(term, count);
  });
  return counts;
}

namespace {

// The --filter value and the label of a counted term.
FacetCount describe(const FacetKind& kind, const std::string& term, const query::Catalog& catalog) {
  FacetCount count;
  const std::string raw = term.substr(kind.prefix.size());
  if (kind.prefix == "XO" || kind.prefix == "XP") {
    count.value = raw;
    const std::string entry =
        catalog.get(schema::facet_key(kind.prefix == "XO" ? "org" : "place", raw));
    count.label = entry.substr(0, entry.find('\t'));
    if (count.label.empty()) count.label = raw;
  } else if (kind.prefix == "M") {
    count.value = raw.substr(0, 4) + "-" + raw.substr(4);
    count.label = count.value;
  } else {
    count.value = raw;
    count.label = raw;
  }
  return count;
}

}  // namespace

FacetList make_facet_list(const FacetKind& kind, const FacetCounts& counts,
                          const std::vector<std::string>& selected, const query::Catalog& catalog) {
  FacetList list;
  list.name = std::string(kind.name);
  using Entry = std::pair<std::string_view, std::uint64_t>;  // views into `counts`
  std::vector<Entry> mine;
  counts.for_each([&](std::string_view term, std::uint64_t count) {
    // "XM" terms are not "M" terms, nor "XO"/"XP" ones "X..." of another kind.
    if (counts_as(kind, term)) mine.emplace_back(term, count);
  });
  const auto before = [](const Entry& a, const Entry& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  const auto is_selected = [&](std::string_view term) {
    return std::find(selected.begin(), selected.end(), term) != selected.end();
  };
  // Only the first kFacetValues need an order; selected values come after them.
  const std::size_t top = std::min(kFacetValues, mine.size());
  std::partial_sort(mine.begin(), mine.begin() + static_cast<std::ptrdiff_t>(top), mine.end(),
                    before);
  std::vector<Entry> shown(mine.begin(), mine.begin() + static_cast<std::ptrdiff_t>(top));
  std::vector<Entry> chosen_rest;
  for (std::size_t i = top; i < mine.size(); ++i) {
    if (is_selected(mine[i].first)) chosen_rest.push_back(mine[i]);
  }
  std::sort(chosen_rest.begin(), chosen_rest.end(), before);
  shown.insert(shown.end(), chosen_rest.begin(), chosen_rest.end());
  list.more = mine.size() - shown.size() + counts.unnamed(kind.prefix);
  for (const Entry& entry : shown) {
    FacetCount count = describe(kind, std::string(entry.first), catalog);
    count.count = entry.second;
    count.selected = is_selected(entry.first);
    list.values.push_back(std::move(count));
  }
  // A selected value no match carries is still shown, with 0.
  for (const std::string& term : selected) {
    if (counts.contains(term)) continue;
    FacetCount count = describe(kind, term, catalog);
    count.selected = true;
    list.values.push_back(std::move(count));
  }
  return list;
}

namespace {

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "2021" -> 2021 * 12 + 0 and back, so that months and years step by one.
int month_index(std::string_view yyyymm) {
  return std::stoi(std::string(yyyymm.substr(0, 4))) * 12 +
         std::stoi(std::string(yyyymm.substr(4, 2))) - 1;
}

std::string year_label(int year) {
  std::string label = std::to_string(year);
  label.insert(0, 4 - std::min<std::size_t>(4, label.size()), '0');
  return label;
}

std::string month_label(int index) {
  const int month = index % 12 + 1;
  std::string label = year_label(index / 12);
  label += month < 10 ? "-0" : "-";
  label += std::to_string(month);
  return label;
}

}  // namespace

Timeline make_timeline(const FacetCounts& counts) {
  std::map<int, std::uint64_t> years;
  std::map<int, std::uint64_t> months;
  counts.for_each([&](std::string_view term, std::uint64_t count) {
    if (term.size() == 5 && term[0] == 'Y' && all_digits(term.substr(1))) {
      years[std::stoi(std::string(term.substr(1)))] += count;
    } else if (term.size() == 7 && term[0] == 'M' && all_digits(term.substr(1))) {
      const int month = std::stoi(std::string(term.substr(5, 2)));
      if (month >= 1 && month <= 12) months[month_index(term.substr(1))] += count;
    }
  });
  Timeline timeline;
  if (years.empty()) return timeline;
  const int first_year = years.begin()->first;
  const int last_year = years.rbegin()->first;
  // Months when the dates are close together and some carry a month (articles dated to the year
  // only are left out of a month histogram; the year facet still counts them).
  const bool by_month = last_year - first_year < kTimelineMonthYears && !months.empty();
  const std::map<int, std::uint64_t>& periods = by_month ? months : years;
  timeline.unit = by_month ? "month" : "year";
  const int first = periods.begin()->first;
  const int last = periods.rbegin()->first;
  const auto label = [&](int period) {
    return by_month ? month_label(period) : year_label(period);
  };
  if (last - first + 1 > kTimelinePeriods) {
    for (const auto& [period, count] : periods) {
      timeline.periods.push_back({label(period), label(period), count, false});
    }
    return timeline;
  }
  for (int period = first; period <= last; ++period) {
    const auto found = periods.find(period);
    const std::uint64_t count = found == periods.end() ? 0 : found->second;
    timeline.periods.push_back({label(period), label(period), count, false});
  }
  return timeline;
}

}  // namespace vigil::search
