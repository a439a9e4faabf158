#include "search/recency.h"

#include <chrono>
#include <cmath>

namespace vigil::search {
namespace {

// Days from 1970-01-01 to a civil date (proleptic Gregorian).
long days_from_civil(int year, unsigned month, unsigned day) {
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{month},
                                         std::chrono::day{day}};
  if (!date.ok()) return -1;
  return std::chrono::sys_days{date}.time_since_epoch().count();
}

}  // namespace

long days_of(const std::string& sortable) {
  if (sortable.size() != 8) return -1;
  for (const char c : sortable) {
    if (c < '0' || c > '9') return -1;
  }
  const int year = std::stoi(sortable.substr(0, 4));
  unsigned month = static_cast<unsigned>(std::stoi(sortable.substr(4, 2)));
  unsigned day = static_cast<unsigned>(std::stoi(sortable.substr(6, 2)));
  if (month == 0) {  // known to the year: its middle
    month = 7;
    day = 1;
  } else if (day == 0) {  // known to the month: its middle
    day = 15;
  }
  return days_from_civil(year, month, day);
}

RecencySource::RecencySource(Xapian::valueno value_slot, double max_bonus, double half_life_days,
                             long today_days)
    : Xapian::ValuePostingSource(value_slot),
      max_bonus_(max_bonus),
      half_life_days_(half_life_days),
      today_days_(today_days) {}

void RecencySource::init(const Xapian::Database& database) {
  Xapian::ValuePostingSource::init(database);
  set_maxweight(max_bonus_);
}

double recency_bonus(const std::string& sortable, double max_bonus, double half_life_days,
                     long today_days) {
  const long days = days_of(sortable);
  if (days < 0) return 0;
  const long age = today_days - days;
  if (age <= 0) return max_bonus;
  return max_bonus * std::exp2(-static_cast<double>(age) / half_life_days);
}

double RecencySource::get_weight() const {
  return recency_bonus(get_value(), max_bonus_, half_life_days_, today_days_);
}

Xapian::ValueMapPostingSource* mapped_recency_source(const Xapian::Database& db,
                                                     Xapian::valueno value_slot, double max_bonus,
                                                     double half_life_days, long today_days) {
  auto* source = new Xapian::ValueMapPostingSource(value_slot);
  // Y2021 -> "20210000", M202105 -> "20210500", D20210512 -> "20210512" (schemas/fields.schema).
  for (const auto& [prefix, digits] : {std::pair{"Y", 4}, {"M", 6}, {"D", 8}}) {
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      const std::string term = *it;
      if (term.size() != 1 + static_cast<std::size_t>(digits)) continue;
      std::string value = term.substr(1);
      value.resize(8, '0');
      const double bonus = recency_bonus(value, max_bonus, half_life_days, today_days);
      if (bonus > 0) source->add_mapping(value, bonus);
    }
  }
  return source;
}

RecencySource* RecencySource::clone() const {
  return new RecencySource(get_slot(), max_bonus_, half_life_days_, today_days_);
}

}  // namespace vigil::search
