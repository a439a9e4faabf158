#include "entities/dates.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "entities/date_grammar.h"
#include "entities/date_tokens.h"

namespace vigil::entities {
namespace {

// The quarter or half the text last named ("1989-Q3"): in financial news "a year ago" and
// "the year-earlier period" then mean that quarter one year before ("1988-Q3").
class QuarterFocus {
 public:
  void apply(date_internal::Timex& timex) {
    const std::string& v = timex.value;
    if (timex.year_back || timex.use_focus) {
      if (year_ > 1) {
        // "the 1988 period" keeps its own year.
        const bool own_year =
            timex.granularity == Granularity::kYear && timex.date && !timex.year_back;
        const int year = own_year ? timex.date->year : timex.year_back ? year_ - 1 : year_;
        timex.value = std::to_string(year) + suffix_;
        timex.granularity = Granularity::kQuarter;
        timex.date = PartialDate{year, 0, 0};
      }
      return;
    }
    if (timex.granularity == Granularity::kQuarter && timex.date && v.size() == 7 &&
        (v[5] == 'Q' || v[5] == 'H')) {
      year_ = timex.date->year;
      suffix_ = v.substr(4);
    }
  }

 private:
  int year_ = 0;
  std::string suffix_;
};

}  // namespace

std::vector<DateMention> find_time_expressions(std::string_view text,
                                               std::optional<PartialDate> published) {
  using date_internal::Grammar;
  using date_internal::Match;
  using date_internal::Token;
  if (published && published->year <= 0) published.reset();
  // One token buffer per thread, reused: tagging allocates only for the mentions it returns.
  thread_local std::vector<Token> tokens;
  date_internal::tokenize(text, tokens);
  const Grammar grammar(text, tokens, published);
  std::vector<DateMention> mentions;
  QuarterFocus focus;
  const int size = static_cast<int>(tokens.size());
  for (int i = 0; i < size;) {
    std::optional<Match> match = grammar.match_at(i);
    if (!match) {
      ++i;
      continue;
    }
    focus.apply(match->timex);
    DateMention mention;
    mention.start = tokens[static_cast<std::size_t>(match->first)].start;
    mention.end = tokens[static_cast<std::size_t>(match->last - 1)].end;
    mention.text = std::string(text.substr(mention.start, mention.end - mention.start));
    mention.type = match->timex.type;
    mention.granularity = match->timex.granularity;
    mention.value = std::move(match->timex.value);
    mention.mod = std::string(match->timex.mod);
    mention.date = match->timex.date;
    mentions.push_back(std::move(mention));
    i = match->last;
  }
  return mentions;
}

std::vector<DateMention> find_dates(std::string_view text, std::optional<PartialDate> published) {
  std::vector<DateMention> all = find_time_expressions(text, published);
  std::vector<DateMention> dates;
  for (DateMention& m : all) {
    const bool calendar = !m.value.empty() && m.value[0] >= '0' && m.value[0] <= '9';
    if (calendar && (m.type == TimexType::kDate || m.type == TimexType::kTime)) {
      dates.push_back(std::move(m));
    }
  }
  return dates;
}

}  // namespace vigil::entities
