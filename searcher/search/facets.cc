#include "search/facets.h"

#include <algorithm>
#include <map>

namespace vigil::search {

void FacetSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  const std::string terms = doc.get_value(slot_);
  const std::string_view all = terms;
  std::size_t start = 0;
  while (start < all.size()) {
    std::size_t end = all.find('\n', start);
    if (end == std::string_view::npos) end = all.size();
    if (end > start) {
      const std::string_view term = all.substr(start, end - start);
      // Most terms were seen before: count them without building a string.
      if (const auto it = counts_.find(term); it != counts_.end()) {
        ++it->second;
      } else {
        counts_.emplace(std::string(term), 1);
      }
    }
    start = end + 1;
  }
}

const std::vector<FacetKind>& facet_kinds() {
  static const std::vector<FacetKind> kinds = {
      {"organisations", "XO", "org"},
      {"places", "XP", "place"},
      {"years", "Y", "year"},
      {"months", "M", "month"},
      {"mentioned_years", "XM", "mentions"},
      {"languages", "L", "lang"},
  };
  return kinds;
}

namespace {

// The --filter value and the label of a counted term.
FacetCount describe(const FacetKind& kind, const std::string& term, const Xapian::Database& db) {
  FacetCount count;
  const std::string raw = term.substr(kind.prefix.size());
  if (kind.prefix == "XO" || kind.prefix == "XP") {
    count.value = raw;
    const std::string entry =
        db.get_metadata(schema::facet_key(kind.prefix == "XO" ? "org" : "place", raw));
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
                          const std::vector<std::string>& selected, const Xapian::Database& db) {
  FacetList list;
  list.name = std::string(kind.name);
  using Entry = std::pair<const std::string*, std::uint64_t>;
  std::vector<Entry> mine;
  for (const auto& [term, count] : counts) {
    if (term.compare(0, kind.prefix.size(), kind.prefix) != 0) continue;
    // "XM" terms are not "M" terms, nor "XO"/"XP" ones "X..." of another kind.
    if (kind.prefix == "M" && term.size() != 7) continue;
    mine.emplace_back(&term, count);
  }
  const auto before = [](const Entry& a, const Entry& b) {
    return a.second != b.second ? a.second > b.second : *a.first < *b.first;
  };
  const auto is_selected = [&](const std::string& term) {
    return std::find(selected.begin(), selected.end(), term) != selected.end();
  };
  // Only the first kFacetValues need an order; selected values come after them.
  const std::size_t top = std::min(kFacetValues, mine.size());
  std::partial_sort(mine.begin(), mine.begin() + static_cast<std::ptrdiff_t>(top), mine.end(),
                    before);
  std::vector<Entry> shown(mine.begin(), mine.begin() + static_cast<std::ptrdiff_t>(top));
  std::vector<Entry> chosen_rest;
  for (std::size_t i = top; i < mine.size(); ++i) {
    if (is_selected(*mine[i].first)) chosen_rest.push_back(mine[i]);
  }
  std::sort(chosen_rest.begin(), chosen_rest.end(), before);
  shown.insert(shown.end(), chosen_rest.begin(), chosen_rest.end());
  list.more = mine.size() - shown.size();
  for (const Entry& entry : shown) {
    FacetCount count = describe(kind, *entry.first, db);
    count.count = entry.second;
    count.selected = is_selected(*entry.first);
    list.values.push_back(std::move(count));
  }
  // A selected value no match carries is still shown, with 0.
  for (const std::string& term : selected) {
    if (counts.contains(term)) continue;
    FacetCount count = describe(kind, term, db);
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
  for (const auto& [term, count] : counts) {
    if (term.size() == 5 && term[0] == 'Y' && all_digits(std::string_view(term).substr(1))) {
      years[std::stoi(term.substr(1))] += count;
    } else if (term.size() == 7 && term[0] == 'M' && all_digits(std::string_view(term).substr(1))) {
      const int month = std::stoi(term.substr(5, 2));
      if (month >= 1 && month <= 12) months[month_index(std::string_view(term).substr(1))] += count;
    }
  }
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
