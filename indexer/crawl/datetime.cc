#include "crawl/datetime.h"

#include <array>
#include <cstddef>

#include "vigil/text.h"

namespace vigil::crawl {
namespace {

using std::chrono::sys_seconds;

// Reads a date string left to right.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {
    while (!text_.empty() && is_space(text_.front())) text_.remove_prefix(1);
    while (!text_.empty() && is_space(text_.back())) text_.remove_suffix(1);
  }

  bool done() const { return text_.empty(); }
  char peek() const { return text_.empty() ? '\0' : text_.front(); }
  bool take(char c) {
    if (peek() != c) return false;
    text_.remove_prefix(1);
    return true;
  }
  void skip(std::string_view chars) {
    while (!text_.empty() && chars.find(text_.front()) != std::string_view::npos) {
      text_.remove_prefix(1);
    }
  }
  // A number of min_digits to max_digits (at most 4) digits, or nullopt (consuming nothing).
  std::optional<int> number(std::size_t min_digits, std::size_t max_digits, std::size_t* count) {
    std::size_t n = 0;
    int value = 0;
    while (n < text_.size() && n < max_digits && text_[n] >= '0' && text_[n] <= '9') {
      value = value * 10 + (text_[n] - '0');
      ++n;
    }
    if (n < min_digits) return std::nullopt;
    text_.remove_prefix(n);
    if (count != nullptr) *count = n;
    return value;
  }
  std::optional<int> number(std::size_t digits) { return number(digits, digits, nullptr); }
  // Consumes a run of digits of any length; false when there is none.
  bool skip_digits() {
    std::size_t n = 0;
    while (n < text_.size() && text_[n] >= '0' && text_[n] <= '9') ++n;
    text_.remove_prefix(n);
    return n > 0;
  }
  std::string_view letters() {
    std::size_t n = 0;
    while (n < text_.size() &&
           ((text_[n] >= 'a' && text_[n] <= 'z') || (text_[n] >= 'A' && text_[n] <= 'Z'))) {
      ++n;
    }
    const std::string_view word = text_.substr(0, n);
    text_.remove_prefix(n);
    return word;
  }

 private:
  static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
  std::string_view text_;
};

struct Fields {
  int year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int offset_minutes = 0;  // east of UTC
};

std::optional<sys_seconds> to_instant(const Fields& f) {
  using namespace std::chrono;
  if (f.year < 1000 || f.year > 9999 || f.month < 1 || f.month > 12 || f.day < 1) {
    return std::nullopt;
  }
  const year_month_day date{year{f.year}, month{static_cast<unsigned>(f.month)},
                            day{static_cast<unsigned>(f.day)}};
  if (!date.ok() || f.hour > 23 || f.minute > 59 || f.second > 60) return std::nullopt;
  const int second = f.second == 60 ? 59 : f.second;  // a leap second is not worth a failure
  return sys_seconds{sys_days{date}} + hours{f.hour} + minutes{f.minute} + seconds{second} -
         minutes{f.offset_minutes};
}

// "+hh:mm", "+hhmm" or "+hh" (sign already read as `sign`).
bool read_offset(Scanner& in, int sign, Fields& f) {
  const std::optional<int> hours = in.number(2);
  if (!hours || *hours > 23) return false;
  in.take(':');
  const std::optional<int> minutes = in.done() ? 0 : in.number(2);
  if (!minutes || *minutes > 59) return false;
  f.offset_minutes = sign * (*hours * 60 + *minutes);
  return true;
}

int month_from_name(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths{
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (ascii_iequals(name.substr(0, 3), kMonths[i])) return static_cast<int>(i) + 1;
  }
  return 0;
}

// RFC 822 section 5 zone names, in hours east of UTC; unknown names count as UTC.
int zone_hours(std::string_view name) {
  struct Zone {
    std::string_view name;
    int hours;
  };
  static constexpr std::array<Zone, 8> kZones{{{"EST", -5},
                                               {"EDT", -4},
                                               {"CST", -6},
                                               {"CDT", -5},
                                               {"MST", -7},
                                               {"MDT", -6},
                                               {"PST", -8},
                                               {"PDT", -7}}};
  for (const Zone& zone : kZones) {
    if (ascii_iequals(name, zone.name)) return zone.hours;
  }
  return 0;
}

}  // namespace

std::optional<sys_seconds> parse_w3c_datetime(std::string_view text) {
  Scanner in(text);
  Fields f;
  const std::optional<int> year = in.number(4);
  if (!year) return std::nullopt;
  f.year = *year;
  if (in.done()) return to_instant(f);
  const std::optional<int> month = in.take('-') ? in.number(2) : std::nullopt;
  if (!month) return std::nullopt;
  f.month = *month;
  if (in.done()) return to_instant(f);
  const std::optional<int> day = in.take('-') ? in.number(2) : std::nullopt;
  if (!day) return std::nullopt;
  f.day = *day;
  if (in.done()) return to_instant(f);
  if (!in.take('T') && !in.take('t') && !in.take(' ')) return std::nullopt;
  const std::optional<int> hour = in.number(2);
  const std::optional<int> minute = hour && in.take(':') ? in.number(2) : std::nullopt;
  if (!minute) return std::nullopt;
  f.hour = *hour;
  f.minute = *minute;
  if (in.take(':')) {
    const std::optional<int> second = in.number(2);
    if (!second) return std::nullopt;
    f.second = *second;
    if (in.take('.') && !in.skip_digits()) return std::nullopt;  // fractions are dropped
  }
  if (in.take('Z') || in.take('z')) {
    // UTC
  } else if (in.take('+')) {
    if (!read_offset(in, 1, f)) return std::nullopt;
  } else if (in.take('-')) {
    if (!read_offset(in, -1, f)) return std::nullopt;
  }
  if (!in.done()) return std::nullopt;
  return to_instant(f);
}

std::optional<sys_seconds> parse_rfc822_datetime(std::string_view text) {
  Scanner in(text);
  Fields f;
  if (!in.letters().empty()) {  // the weekday
    in.take(',');
    in.skip(" \t");
  }
  const std::optional<int> day = in.number(1, 2, nullptr);
  if (!day) return std::nullopt;
  f.day = *day;
  in.skip(" \t-");
  f.month = month_from_name(in.letters());
  if (f.month == 0) return std::nullopt;
  in.skip(" \t-");
  std::size_t year_digits = 0;
  const std::optional<int> year = in.number(2, 4, &year_digits);
  if (!year) return std::nullopt;
  f.year = year_digits == 4 ? *year : (year_digits == 2 && *year < 50 ? 2000 : 1900) + *year;
  in.skip(" \t");
  if (in.done()) return to_instant(f);
  const std::optional<int> hour = in.number(1, 2, nullptr);
  const std::optional<int> minute = hour && in.take(':') ? in.number(2) : std::nullopt;
  if (!minute) return std::nullopt;
  f.hour = *hour;
  f.minute = *minute;
  if (in.take(':')) {
    const std::optional<int> second = in.number(2);
    if (!second) return std::nullopt;
    f.second = *second;
  }
  in.skip(" \t");
  if (in.take('+')) {
    if (!read_offset(in, 1, f)) return std::nullopt;
  } else if (in.take('-')) {
    if (!read_offset(in, -1, f)) return std::nullopt;
  } else {
    f.offset_minutes = zone_hours(in.letters()) * 60;
  }
  return to_instant(f);
}

std::optional<sys_seconds> parse_feed_datetime(std::string_view text) {
  if (std::optional<sys_seconds> date = parse_rfc822_datetime(text)) return date;
  return parse_w3c_datetime(text);
}

}  // namespace vigil::crawl
