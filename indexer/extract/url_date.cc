#include "extract/url_date.h"

#include <string>
#include <vector>

namespace vigil::extract {
namespace {

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int number(std::string_view digits) {
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

bool plausible_year(std::string_view segment) {
  return segment.size() == 4 && all_digits(segment) && number(segment) >= 1990 &&
         number(segment) <= 2099;
}

// The path of `url` split at '/', without scheme, host, query and fragment.
std::vector<std::string_view> path_segments(std::string_view url) {
  if (const std::size_t scheme = url.find("://"); scheme != std::string_view::npos) {
    url = url.substr(scheme + 3);
    const std::size_t slash = url.find('/');
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  url = url.substr(0, url.find_first_of("?#"));
  std::vector<std::string_view> segments;
  for (std::size_t pos = 0; pos <= url.size();) {
    const std::size_t end = std::min(url.find('/', pos), url.size());
    if (end > pos) segments.push_back(url.substr(pos, end - pos));
    pos = end + 1;
  }
  return segments;
}

// "2021-06-03..." or "20210603..." at the start of a segment (a slug may follow).
std::optional<PartialDate> compact_date(std::string_view segment) {
  std::string text;
  if (segment.size() >= 10 && segment[4] == '-' && segment[7] == '-') {
    text.assign(segment.substr(0, 10));
  } else if (segment.size() >= 8 && all_digits(segment.substr(0, 8)) &&
             (segment.size() == 8 || segment[8] == '-' || segment[8] == '_' || segment[8] == '.')) {
    text.assign(segment.substr(0, 4));
    text.push_back('-');
    text.append(segment.substr(4, 2));
    text.push_back('-');
    text.append(segment.substr(6, 2));
  } else {
    return std::nullopt;
  }
  if (!plausible_year(text.substr(0, 4))) return std::nullopt;
  return parse_iso_date(text);
}

}  // namespace

std::optional<PartialDate> date_from_url(std::string_view url) {
  const std::vector<std::string_view> segments = path_segments(url);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (plausible_year(segments[i]) && i + 1 < segments.size() && segments[i + 1].size() == 2 &&
        all_digits(segments[i + 1])) {
      std::string text(segments[i]);
      text.push_back('-');
      text.append(segments[i + 1]);
      if (i + 2 < segments.size() && segments[i + 2].size() == 2 && all_digits(segments[i + 2])) {
        text.push_back('-');
        text.append(segments[i + 2]);
      }
      if (auto date = parse_iso_date(text)) return date;
    }
    if (auto date = compact_date(segments[i])) return date;
  }
  return std::nullopt;
}

}  // namespace vigil::extract
