#include "search/facets.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <map>

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

FacetTally::FacetTally(Xapian::valueno slot, std::string_view prefix, bool remote)
    : prefix_(prefix) {
  if (remote) {
    remote_ = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
  } else {
    local_ = std::make_unique<FacetSpy>(slot, prefix);
  }
}

FacetTally::~FacetTally() = default;

Xapian::MatchSpy* FacetTally::spy() {
  if (local_) return local_.get();
  return remote_.get();
}

FacetCounts FacetTally::counts() && {
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
                              Xapian::valueno slot, std::optional<Xapian::doccount> matches,
                              const FacetKind* kind, bool remote) {
  const std::string_view prefix = kind != nullptr ? kind->prefix : std::string_view();
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
    FacetTally tally(slot, prefix, remote);
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
  FacetTally others(slot, prefix, remote);
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
  list.more = mine.size() - shown.size();
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
