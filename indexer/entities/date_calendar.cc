#include "entities/date_calendar.h"

#include <array>
#include <cstdio>
#include <string>
#include <utility>

namespace vigil::entities::date_internal {
namespace {

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
long to_days(Day d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Day from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

std::string year_text(int year) {
  if (year <= 0) return "XXXX";
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d", year);
  return buffer.data();
}

std::string two_digits(int value) {
  if (value <= 0) return "XX";
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%02d", value);
  return buffer.data();
}

Timex date_of(Granularity granularity, std::string value, std::optional<PartialDate> date) {
  Timex timex;
  timex.granularity = granularity;
  timex.value = std::move(value);
  timex.date = date;
  return timex;
}

std::optional<PartialDate> known(int year, int month, int day) {
  if (year <= 0) return std::nullopt;
  return PartialDate{year, month, day};
}

}  // namespace

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

bool valid_day(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  // An unknown year (0) allows 29 February.
  return day <= (year == 0 && month == 2 ? 29 : days_in_month(year, month));
}

Day add_days(Day day, int count) { return from_days(to_days(day) + count); }

long days_between(Day from, Day to) { return to_days(to) - to_days(from); }

int weekday(Day day) {
  const long days = to_days(day);  // 1970-01-01 was a Thursday (4)
  const long mod = ((days % 7) + 7) % 7;
  return static_cast<int>((mod + 3) % 7) + 1;
}

void add_months(int& year, int& month, int count) {
  int index = year * 12 + (month - 1) + count;
  year = index / 12;
  month = index % 12 + 1;
}

Timex day_timex(int year, int month, int day) {
  const std::string value = year_text(year) + "-" + two_digits(month) + "-" + two_digits(day);
  return date_of(Granularity::kDay, value,
                 month > 0 && day > 0 ? known(year, month, day) : std::nullopt);
}

Timex month_timex(int year, int month) {
  return date_of(Granularity::kMonth, year_text(year) + "-" + two_digits(month),
                 month > 0 ? known(year, month, 0) : std::nullopt);
}

Timex year_timex(int year) {
  return date_of(Granularity::kYear, year_text(year), known(year, 0, 0));
}

Timex week_timex(Day day) {
  // The ISO week belongs to the year of its Thursday.
  const Day thursday = add_days(day, 4 - weekday(day));
  const Day first = {thursday.year, 1, 1};
  const int week = static_cast<int>((to_days(thursday) - to_days(first)) / 7) + 1;
  return date_of(Granularity::kWeek, year_text(thursday.year) + "-W" + two_digits(week),
                 known(thursday.year, thursday.month, 0));
}

Timex weekend_timex(Day day) {
  Timex timex = week_timex(day);
  timex.value += "-WE";
  return timex;
}

Timex quarter_timex(int year, int quarter) {
  return date_of(Granularity::kQuarter, year_text(year) + "-Q" + std::to_string(quarter),
                 known(year, 0, 0));
}

Timex half_timex(int year, int half) {
  return date_of(Granularity::kQuarter, year_text(year) + "-H" + std::to_string(half),
                 known(year, 0, 0));
}

Timex season_timex(int year, Cue season) {
  const char* code = season == Cue::kSpring   ? "SP"
                     : season == Cue::kSummer ? "SU"
                     : season == Cue::kFall   ? "FA"
                                              : "WI";
  return date_of(Granularity::kSeason, year_text(year) + "-" + code, known(year, 0, 0));
}

Timex decade_timex(int first_year) {
  return date_of(Granularity::kDecade, std::to_string(first_year / 10), std::nullopt);
}

Timex century_timex(int hundreds) {
  return date_of(Granularity::kCentury, two_digits(hundreds), std::nullopt);
}

Timex time_timex(Day day, std::string_view part) {
  Timex timex = day_timex(day.year, day.month, day.day);
  timex.type = TimexType::kTime;
  timex.value += "T";
  timex.value += part;
  return timex;
}

Timex reference_timex(std::string_view value) {
  Timex timex;
  timex.value = value;
  return timex;
}

Timex duration_timex(int count, Unit unit) {
  const char* letter = "D";
  bool clock = false;
  switch (unit) {
    case Unit::kSecond:
      letter = "S", clock = true;
      break;
    case Unit::kMinute:
      letter = "M", clock = true;
      break;
    case Unit::kHour:
      letter = "H", clock = true;
      break;
    case Unit::kWeek:
      letter = "W";
      break;
    case Unit::kFortnight:
      letter = "W", count = count < 0 ? count : count * 2;
      break;
    case Unit::kWeekend:
      count = count < 0 ? count : count * 2;
      break;
    case Unit::kMonth:
      letter = "M";
      break;
    case Unit::kQuarter:
      letter = "Q";
      break;
    case Unit::kYear:
      letter = "Y";
      break;
    // Counted decades and centuries are written in years ("P20Y"); "decades" is "PXE".
    case Unit::kDecade:
      letter = count < 0 ? "E" : "Y", count = count < 0 ? count : count * 10;
      break;
    case Unit::kCentury:
      letter = count < 0 ? "C" : "Y", count = count < 0 ? count : count * 100;
      break;
    case Unit::kMillennium:
      letter = count < 0 ? "L" : "Y", count = count < 0 ? count : count * 1000;
      break;
    case Unit::kNone:
    case Unit::kDay:
      break;
  }
  Timex timex;
  timex.type = TimexType::kDuration;
  timex.value = clock ? "PT" : "P";
  timex.value += count < 0 ? std::string("X") : std::to_string(count);
  timex.value += letter;
  return timex;
}

Timex set_timex(int count, Unit unit) {
  Timex timex = duration_timex(count, unit);
  timex.type = TimexType::kSet;
  return timex;
}

Timex set_value_timex(std::string value) {
  Timex timex;
  timex.type = TimexType::kSet;
  timex.value = std::move(value);
  return timex;
}

}  // namespace vigil::entities::date_internal
