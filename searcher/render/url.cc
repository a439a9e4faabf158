#include "render/url.h"

#include <algorithm>

namespace vigil::render {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                            byte == '_' || byte == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0x0FU];
    }
  }
  return out;
}

std::string_view sort_name(search::Sort sort) {
  switch (sort) {
    case search::Sort::kDateAscending:
      return "date";
    case search::Sort::kDateDescending:
      return "-date";
    case search::Sort::kRelevance:
      break;
  }
  return "relevance";
}

std::string query_string(const PageState& state) {
  std::string out;
  const auto add = [&out](std::string_view name, std::string_view value) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += percent_encode(value);
  };
  if (!state.query.empty()) add("q", state.query);
  for (const auto& [name, value] : state.filters) add(name, value);
  if (!state.from.empty()) add("from", state.from);
  if (!state.to.empty()) add("to", state.to);
  if (state.sort != search::Sort::kRelevance) add("sort", sort_name(state.sort));
  if (state.per_page > 0) add("per_page", std::to_string(state.per_page));
  if (state.page > 1) add("page", std::to_string(state.page));
  return out;
}

bool has_filter(const PageState& state, std::string_view name, std::string_view value) {
  return std::any_of(state.filters.begin(), state.filters.end(), [&](const auto& filter) {
    return filter.first == name && filter.second == value;
  });
}

bool is_filtered(const PageState& state) {
  return !state.filters.empty() || !state.from.empty() || !state.to.empty();
}

PageState unfiltered(PageState state) {
  state.filters.clear();
  state.from.clear();
  state.to.clear();
  state.page = 1;
  return state;
}

PageState toggled(PageState state, std::string_view name, std::string_view value) {
  const auto same = [&](const auto& filter) {
    return filter.first == name && filter.second == value;
  };
  const auto found = std::find_if(state.filters.begin(), state.filters.end(), same);
  if (found != state.filters.end()) {
    state.filters.erase(std::remove_if(state.filters.begin(), state.filters.end(), same),
                        state.filters.end());
  } else {
    state.filters.emplace_back(name, value);
  }
  state.page = 1;
  return state;
}

}  // namespace vigil::render
