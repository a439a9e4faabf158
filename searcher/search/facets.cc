#include "search/facets.h"

#include <algorithm>

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

}  // namespace vigil::search
