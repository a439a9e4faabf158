#include "cgi/params.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "query/facet_values.h"
#include "vigil/text.h"

namespace vigil::cgi {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Error bad_parameter(std::string_view name, std::string_view why) {
  std::string message = "the parameter '";
  message += name;
  message += "' ";
  message += why;
  return Error{"bad_parameter", message, std::string(name)};
}

constexpr std::array<std::string_view, 6> kFilterNames = {"org",   "place",    "year",
                                                          "month", "mentions", "lang"};

bool is_filter(std::string_view name) {
  return std::find(kFilterNames.begin(), kFilterNames.end(), name) != kFilterNames.end();
}

// A positive number; values past `cap` (however many digits) become `cap`.
std::optional<int> positive(std::string_view text, int cap) {
  if (text.empty() || text.size() > 1000) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  const std::size_t nonzero = text.find_first_not_of('0');
  if (nonzero == std::string_view::npos) return std::nullopt;  // 0
  text.remove_prefix(nonzero);
  if (text.size() > 9) return cap;
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return std::min(value, cap);
}

}  // namespace

Result<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      const bool room = i + 2 < text.size();
      const int high = room ? hex_value(text[i + 1]) : -1;
      const int low = room ? hex_value(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return Error{"bad_encoding", "a '%' is not followed by two hexadecimal digits", ""};
      }
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else {
      out += c;
    }
  }
  if (!is_valid_utf8(out)) {
    return Error{"bad_encoding", "the text is not valid UTF-8 after percent-decoding", ""};
  }
  for (char& c : out) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && byte != '\t') || byte == 0x7F) c = ' ';
  }
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> parse_query_string(std::string_view text) {
  if (text.size() > kMaxQueryString) {
    return Error{
        "request_too_large",
        "the request's parameters are longer than " + std::to_string(kMaxQueryString) + " bytes",
        ""};
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("&;", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view pair = text.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    if (pairs.size() == kMaxParameters) {
      return Error{"request_too_large",
                   "the request has more than " + std::to_string(kMaxParameters) + " parameters",
                   ""};
    }
    const std::size_t eq = pair.find('=');
    Result<std::string> name = percent_decode(pair.substr(0, eq));
    if (!name) return Error{"bad_encoding", "a parameter name: " + name.error().message, ""};
    Result<std::string> value =
        percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    if (!value) {
      return Error{"bad_encoding", "the parameter '" + name.value() + "': " + value.error().message,
                   name.value()};
    }
    pairs.emplace_back(std::move(name).value(), std::move(value).value());
  }
  return pairs;
}

Format requested_format(const std::vector<std::pair<std::string, std::string>>& pairs) {
  for (const auto& [name, value] : pairs) {
    if (name == "format" && value == "json") return Format::kJson;
  }
  return Format::kHtml;
}

Result<WebRequest> read_request(const std::vector<std::pair<std::string, std::string>>& pairs) {
  WebRequest request;
  render::PageState& state = request.state;
  std::vector<std::string_view> seen;
  for (const auto& [name, value] : pairs) {
    if (is_filter(name)) {
      if (value.empty()) continue;  // an empty form field filters nothing
      if (state.filters.size() == kMaxFilters) {
        return bad_parameter(
            name, "is one filter too many: at most " + std::to_string(kMaxFilters) + " filters");
      }
      if (value.size() > kMaxFilterValue) {
        return bad_parameter(name,
                             "is too long: at most " + std::to_string(kMaxFilterValue) + " bytes");
      }
      if (!render::has_filter(state, name, value)) state.filters.emplace_back(name, value);
      continue;
    }
    static constexpr std::array<std::string_view, 9> kSingle = {
        "q", "page", "per_page", "sort", "format", "asset", "v", "from", "to"};
    if (std::find(kSingle.begin(), kSingle.end(), name) == kSingle.end()) continue;
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      return bad_parameter(name, "is given more than once; give it once");
    }
    seen.push_back(name);
    if (name == "q") {
      state.query = value;
    } else if (name == "page") {
      const std::optional<int> page = positive(value, search::kMaxPage);
      if (!page) return bad_parameter(name, "takes a page number from 1");
      state.page = *page;
    } else if (name == "per_page") {
      const std::optional<int> per_page = positive(value, search::kMaxPerPage);
      if (!per_page) return bad_parameter(name, "takes a number of results from 1");
      state.per_page = *per_page;
    } else if (name == "sort") {
      if (value == "relevance" || value.empty()) {
        state.sort = search::Sort::kRelevance;
      } else if (value == "date") {
        state.sort = search::Sort::kDateAscending;
      } else if (value == "-date") {
        state.sort = search::Sort::kDateDescending;
      } else {
        return bad_parameter(name, "takes relevance, date (oldest first) or -date (newest first)");
      }
    } else if (name == "format") {
      if (value == "html" || value.empty()) {
        request.format = Format::kHtml;
      } else if (value == "json") {
        request.format = Format::kJson;
      } else if (value == "opensearch") {
        request.format = Format::kOpenSearch;
      } else {
        return bad_parameter(name, "takes html, json or opensearch");
      }
    } else if (name == "asset") {
      request.asset = value;
    } else if (name == "v") {
      request.version = value;
    } else {  // from, to
      if (!value.empty() && !query::sortable_date(value)) {
        return bad_parameter(name, "takes a date: 2021, 2021-05 or 2021-05-12");
      }
      (name == "from" ? state.from : state.to) = value;
    }
  }
  if (!state.from.empty() && !state.to.empty() &&
      !query::date_range_query(0, state.from, state.to)) {
    return bad_parameter("to", "is before 'from': the range ends before it starts");
  }
  return request;
}

search::SearchRequest to_search_request(const render::PageState& state, int default_per_page,
                                        int max_per_page) {
  search::SearchRequest request;
  request.query = state.query;
  request.filters = state.filters;
  if (!state.from.empty() || !state.to.empty()) {
    request.filters.emplace_back("date", state.from + ".." + state.to);
  }
  request.sort = state.sort;
  request.page = state.page;
  request.per_page = std::min(state.per_page > 0 ? state.per_page : default_per_page, max_per_page);
  return search::clamp_request(request);
}

}  // namespace vigil::cgi
