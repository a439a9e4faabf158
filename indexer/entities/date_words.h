#pragma once
// The English words the date tagger knows (an internal part of dates.h): month and weekday
// names, time units, number words, ordinals, seasons, deictic and edge modifiers, and the verbs
// that mark tense. Written by hand from general English; nothing here comes from a test corpus.

#include <cstdint>
#include <string_view>

namespace vigil::entities::date_internal {

enum class Unit : std::uint8_t {
  kNone,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kWeekend,
  kFortnight,
  kMonth,
  kQuarter,
  kYear,
  kDecade,
  kCentury,
  kMillennium,
};

// What a word does in a time expression; each word has at most one cue.
enum class Cue : std::uint8_t {
  kNone,
  // determiners and linking words
  kThe,
  kA,  // "a", "an": the number one before a unit
  kOf,
  kAnd,
  kAt,
  kOn,
  kIn,
  kFor,
  kFrom,
  kTo,
  kPer,
  kEvery,  // "every", "each"
  kFiscal,
  // deictic modifiers
  kThis,
  kLast,
  kNext,
  kPast,    // "past", "previous", "preceding", "prior"
  kComing,  // "coming", "upcoming", "following"
  kCurrent,
  kRecent,
  // edges of a period
  kEarly,
  kMid,
  kLate,
  kBeginning,  // "beginning", "start"
  kMiddle,
  kEnd,  // "end", "close"
  // days and parts of days
  kToday,
  kYesterday,
  kTomorrow,
  kTonight,
  kMorning,
  kAfternoon,
  kEvening,
  kNight,
  kNoon,
  kMidnight,
  // seasons
  kSpring,
  kSummer,
  kFall,
  kWinter,
  // references
  kNow,
  kCurrently,  // PRESENT_REF adverbs: "currently", "presently", "nowadays"
  kRecently,   // PAST_REF adverbs: "recently", "lately"
  kFuture,
  kPresent,
  kAgo,
  kEarlier,
  kLater,
  kHence,
  // quantities and approximations
  kFew,  // "few", "several", "many", "some": an unspecified number
  kCouple,
  kDozen,
  kHalf,
  kApprox,  // "about", "around", "approximately", "roughly", "some"
  kNearly,  // "nearly", "almost"
  kMore,    // "more", "over"
  kLess,    // "less", "fewer", "under"
  kThan,
  kLeast,
  kMost,
  kUp,
  kOnce,  // "once", "twice"
  kTimes,
  kDaily,  // set adverbs: daily, weekly, monthly, annually, yearly, quarterly, hourly
  kAm,     // "am" after a clock time, and "a"/"p" of "a.m."
  kPm,
  kZone,       // a time zone abbreviation in capitals: GMT, EST ...
  kCountNoun,  // nouns counted by a preceding number ("2021 people"), never after a year
  kNoYear,     // words after which a number is not a year: "page", "No", "flight" ...
  kBefore,
  kAfter,
};

enum class Tense : std::int8_t { kUnknown = 0, kPast = -1, kFuture = 1 };

struct WordInfo {
  std::int16_t month = 0;    // 1..12
  std::int16_t weekday = 0;  // 1 (Monday) .. 7 (Sunday)
  std::int16_t number = 0;   // cardinal value: "two" 2, "twenty" 20, "hundred" 100
  std::int16_t ordinal = 0;  // "first" 1 .. "thirty-first" parts, "twentieth" 20
  std::int16_t decade = 0;   // "nineties" 90
  Unit unit = Unit::kNone;
  Cue cue = Cue::kNone;
  Tense tense = Tense::kUnknown;
  bool plural = false;         // "years", "Thursdays"
  bool abbreviation = false;   // "Jan", "Sept", "Mr": a following '.' does not end a sentence
  bool no_tense = false;       // ends in "ed" but is not a past form ("need", "hundred")
  bool temporal_prep = false;  // a word after which a bare month or year is a date
  bool names_day = false;      // may start the name of a holiday ("Christmas", "Human")
};

// The entry for `word` (any case), or nullptr. Words longer than 20 bytes are never found.
// Thread-safe; the table is built on first use.
const WordInfo* lookup_word(std::string_view word);

// The TIMEX3 code of a part of the day ("MO", "AF", "EV", "NI"), or nullptr for other cues.
const char* part_of_day(Cue c);

}  // namespace vigil::entities::date_internal
