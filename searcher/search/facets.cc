#include "search/facets.h"

#include <algorithm>

namespace vigil::search {

void FacetSpy::operator()(const Xapian::Document& doc, double /*weight*/) {
  const std::string terms = doc.get_value(slot_);
  std::size_t start = 0;
  while (start < terms.size()) {
    std::size_t end = terms.find('\n', start);
    if (end == std::string::npos) end = terms.size();
    if (end > start) ++counts_[terms.substr(start, end - start)];
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

FacetList make_facet_list(const FacetKind& kind, const std::map<std::string, std::uint64_t>& counts,
                          const std::vector<std::string>& selected, const Xapian::Database& db) {
  FacetList list;
  list.name = std::string(kind.name);
  std::vector<std::pair<std::string, std::uint64_t>> mine;
  for (auto it = counts.lower_bound(std::string(kind.prefix)); it != counts.end(); ++it) {
    if (it->first.compare(0, kind.prefix.size(), kind.prefix) != 0) break;
    // "XM" terms are not "M" terms, nor "XO"/"XP" ones "X..." of another kind.
    if (kind.prefix == "M" && it->first.size() != 7) continue;
    mine.emplace_back(it->first, it->second);
  }
  std::sort(mine.begin(), mine.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  for (std::size_t i = 0; i < mine.size(); ++i) {
    const bool chosen =
        std::find(selected.begin(), selected.end(), mine[i].first) != selected.end();
    if (i >= kFacetValues && !chosen) {
      ++list.more;
      continue;
    }
    FacetCount count = describe(kind, mine[i].first, db);
    count.count = mine[i].second;
    count.selected = chosen;
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
