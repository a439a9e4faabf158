#pragma once
// The optional recency blend for relevance ranking (--recency DAYS): newer articles get a bonus
// added to their BM25 weight, halving every DAYS days of age, counted from the newest article of
// the index (an archive's "now"; today would flatten an archive of old reporting). An article
// dated to a year counts from its 1 July, to a month from its 15th; an undated one gets none.

#include <xapian.h>

#include <string>

namespace vigil::search {

// Weight of the date value in `slot` ("YYYYMMDD", "00" for an unknown month or day):
// max_bonus * 0.5^(age_days / half_life_days), age counted from `today_days` (days since
// 1970-01-01); later dates get the full bonus.
class RecencySource : public Xapian::ValuePostingSource {
 public:
  RecencySource(Xapian::valueno value_slot, double max_bonus, double half_life_days,
                long today_days);

  double get_weight() const override;
  RecencySource* clone() const override;
  std::string name() const override { return "vigil::RecencySource"; }
  void init(const Xapian::Database& database) override;

 private:
  double max_bonus_;
  double half_life_days_;
  long today_days_;
};

// The bonus RecencySource gives the date value `sortable`: 0 when it is no date.
double recency_bonus(const std::string& sortable, double max_bonus, double half_life_days,
                     long today_days);

// The same weights from Xapian's own ValueMapPostingSource, which the stock xapian-tcpsrv runs
// (RecencySource is ours: a remote shard would not know it): every date value the documents of
// `db` can hold, read from its date terms (Y, M, D + date), mapped to recency_bonus. The map
// travels with each query to each remote shard: a few bytes per distinct publication day.
Xapian::ValueMapPostingSource* mapped_recency_source(const Xapian::Database& db,
                                                     Xapian::valueno value_slot, double max_bonus,
                                                     double half_life_days, long today_days);

// Days since 1970-01-01 of a sortable date value; -1 when it is not a date.
long days_of(const std::string& sortable);

// The bonus of an article of the newest date: about one more matched title word.
inline constexpr double kRecencyBonus = 2.0;

}  // namespace vigil::search
