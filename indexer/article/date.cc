#include <cstdio>

#include "article/article.h"

namespace vigil {
namespace {

bool digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

// Reads what may follow a date: nothing, or "T"/" " then hh:mm[:ss[.fff]] and an optional zone.
// On success `utc_shift` is -1, 0 or +1: the days to add to the date to reach the calendar date
// in UTC (0 when there is no time or no zone: the date as written is kept).
bool read_time_suffix(std::string_view rest, int& utc_shift) {
  utc_shift = 0;
  if (rest.empty()) return true;
  if (rest[0] != 'T' && rest[0] != ' ') return false;
  int hour = 0, minute = 0, second = 0;
  if (!digits(rest, 1, 2, hour) || rest.size() < 6 || rest[3] != ':' ||
      !digits(rest, 4, 2, minute) || hour > 23 || minute > 59) {
    return false;
  }
  std::size_t i = 6;
  if (i < rest.size() && rest[i] == ':') {
    if (!digits(rest, i + 1, 2, second) || second > 60) return false;
    i += 3;
    if (i < rest.size() && rest[i] == '.') {
      ++i;
      while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    }
  }
  const std::string_view zone = rest.substr(i);
  if (zone.empty() || zone == "Z") return true;
  int zh = 0, zm = 0;
  if (zone[0] != '+' && zone[0] != '-') return false;
  bool valid = false;
  if (zone.size() == 6) {
    valid = digits(zone, 1, 2, zh) && zone[3] == ':' && digits(zone, 4, 2, zm);
  } else if (zone.size() == 5) {
    valid = digits(zone, 1, 2, zh) && digits(zone, 3, 2, zm);
  } else if (zone.size() == 3) {
    valid = digits(zone, 1, 2, zh);
  }
  if (!valid || zh > 18 || zm > 59) return false;
  const int offset = (zone[0] == '+' ? 1 : -1) * (zh * 60 + zm);
  const int utc_minutes = hour * 60 + minute - offset;
  utc_shift = utc_minutes < 0 ? -1 : utc_minutes >= 24 * 60 ? 1 : 0;
  return true;
}

// `date` (a full date) moved by one day forwards or backwards.
void shift_day(PartialDate& date, int days) {
  if (days > 0) {
    if (++date.day > days_in_month(date.year, date.month)) {
      date.day = 1;
      if (++date.month > 12) {
        date.month = 1;
        ++date.year;
      }
    }
  } else if (days < 0) {
    if (--date.day < 1) {
      if (--date.month < 1) {
        date.month = 12;
        --date.year;
      }
      date.day = days_in_month(date.year, date.month);
    }
  }
}

}  // namespace

std::string PartialDate::iso() const {
  char buffer[16];
  if (month == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  }
  return buffer;
}

std::string PartialDate::sortable() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02d%02d", year, month, day);
  return buffer;
}

std::optional<PartialDate> parse_iso_date(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  PartialDate date;
  if (!digits(text, 0, 4, date.year) || date.year == 0) return std::nullopt;
  if (text.size() == 4) return date;
  if (text[4] != '-' || !digits(text, 5, 2, date.month) || date.month < 1 || date.month > 12) {
    return std::nullopt;
  }
  if (text.size() == 7) return date;
  if (text[7] != '-' || !digits(text, 8, 2, date.day) || date.day < 1 ||
      date.day > days_in_month(date.year, date.month)) {
    return std::nullopt;
  }
  int utc_shift = 0;
  if (!read_time_suffix(text.substr(10), utc_shift)) return std::nullopt;
  shift_day(date, utc_shift);
  if (date.year == 0) return std::nullopt;
  return date;
}

}  // namespace vigil
