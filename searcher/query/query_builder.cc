#include "query/query_builder.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "query/facet_values.h"
#include "query/prefix_terms.h"
#include "query/query_text.h"
#include "query/query_tree.h"
#include "query/stems.h"
#include "query/variants.h"
#include "vigil/analysis.h"
#include "vigil/names.h"
#include "vigil/text.h"

namespace vigil::query {
namespace {

// A filter field: the typed value becomes the term the indexer wrote, through the same
// normalisation (schema::boolean_term: "www." and case for site:, "en" for lang:en-GB).
class FilterProcessor : public Xapian::FieldProcessor {
 public:
  explicit FilterProcessor(schema::Field field) : field_(std::move(field)) {}

  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(schema::boolean_term(field_, value));
  }

 private:
  schema::Field field_;
};

// An entity facet (org:, place:): the typed value is a facet id ("cn.13", as the JSON output
// gives it) or a name the index's facet catalog knows ("Xinjiang", "Sinkiang", "UN"), resolved
// to the id the indexer wrote; place terms include enclosing places, so place:Xinjiang also finds
// articles that name only Aksu. An unknown name matches nothing and leaves a notice.
class FacetProcessor : public Xapian::FieldProcessor {
 public:
  FacetProcessor(schema::Field field, Catalog catalog, std::vector<std::string>& notices)
      : field_(std::move(field)), catalog_(std::move(catalog)), notices_(notices) {}

  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(facet_term(catalog_, field_, value, notices_));
  }

 private:
  schema::Field field_;
  Catalog catalog_;
  std::vector<std::string>& notices_;
};

// date:2021, date:2021-05, date:2021-05-12: articles published then (Omega's Y, M and D terms,
// which the indexer writes only at the precision the source gave). Anything else leaves a notice
// and matches nothing; ranges are DateRangeProcessor's.
class DateProcessor : public Xapian::FieldProcessor {
 public:
  DateProcessor(schema::Field field, std::vector<std::string>& notices)
      : field_(std::move(field)), notices_(notices) {}

  Xapian::Query operator()(const std::string& value) override {
    if (const std::optional<std::string> date = sortable_date(value)) {
      std::string term;
      if (value.size() == 4) {
        term = "Y";
        term.append(*date, 0, 4);
      } else if (value.size() == 7) {
        term = "M";
        term.append(*date, 0, 6);
      } else {
        term = field_.prefix;
        term += *date;
      }
      return Xapian::Query(term);
    }
    notices_.push_back(
        "date: takes a year, month or day (2021, 2021-05, 2021-05-12) or a range (2020..2021, "
        "2021-03..2021-06, ..2019); \"" +
        value + "\" was not understood.");
    return Xapian::Query(field_.prefix + "#");
  }

 private:
  schema::Field field_;
  std::vector<std::string>& notices_;
};

// date:2020..2021, date:2021-03..2021-06, date:..2019, date:2020..: a range of publication dates
// at year, month or day precision, over the sortable date value (YYYYMMDD, "00" for an unknown
// month or day). A range from a month starts at its first day, one to a month or year ends at its
// last, so date:2021..2021 is all of 2021, including articles dated to the year only. Xapian's
// own DateRangeProcessor reads only whole dates. A bound that is no date declines the range
// (the date: field then says so).
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  explicit DateRangeProcessor(Xapian::valueno value_slot)
      : Xapian::RangeProcessor(value_slot, "date:") {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    return date_range_query(slot, begin, end).value_or(Xapian::Query(Xapian::Query::OP_INVALID));
  }
};

// mentions:2018, mentions:2018-05, mentions:2018-05-12: articles whose text mentions that year,
// month or day (a mentioned day counts for its month and year); mentions:2016..2018 for a range
// of years. Anything else leaves a notice and matches nothing.
class MentionsProcessor : public Xapian::FieldProcessor {
 public:
  MentionsProcessor(schema::Field field, std::vector<std::string>& notices)
      : field_(std::move(field)), notices_(notices) {}

  Xapian::Query operator()(const std::string& value) override {
    const std::size_t dots = value.find("..");
    if (dots != std::string::npos) {
      const auto from = year_of(value.substr(0, dots));
      const auto to = year_of(value.substr(dots + 2));
      if (from && to && *from <= *to && *to - *from < kMaxYears) {
        std::vector<Xapian::Query> years;
        for (int year = *from; year <= *to; ++year) {
          years.emplace_back(field_.prefix + std::to_string(year));
        }
        return Xapian::Query(Xapian::Query::OP_OR, years.begin(), years.end());
      }
    } else if (const auto sortable = sortable_date(value)) {
      return Xapian::Query(schema::mentioned_terms(field_, *sortable).back());
    }
    notices_.push_back(
        "mentions: takes a year, month or day (2018, 2018-05, 2018-05-12) or a "
        "range of years (2016..2018); \"" +
        value + "\" was not understood.");
    return Xapian::Query(field_.prefix + "#");
  }

 private:
  static constexpr int kMaxYears = 500;
  static std::optional<int> year_of(std::string_view text) {
    const std::optional<std::string> date = sortable_date(text);
    if (!date || text.size() != 4) return std::nullopt;
    return std::stoi(date->substr(0, 4));
  }

  schema::Field field_;
  std::vector<std::string>& notices_;
};

constexpr unsigned kFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
    Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_CJK_NGRAM;

void configure(Xapian::QueryParser& parser, const Xapian::Database& db, const Catalog& catalog,
               const schema::Schema& schema, const Limits& limits, Matching matching,
               std::vector<std::string>& notices) {
  parser.set_database(db);
  // Stemmed terms carry the word as typed; Stems::expand turns them into every language's stems.
  parser.set_stemmer(identity_stemmer());
  parser.set_stemming_strategy(matching == Matching::kExact ? Xapian::QueryParser::STEM_NONE
                                                            : Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  parser.set_max_expansion(limits.max_wildcard, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                           Xapian::QueryParser::FLAG_WILDCARD);
  for (const schema::Field& field : schema.fields()) {
    if (field.name == "body" || field.name == "id") continue;
    switch (field.kind) {
      case schema::FieldKind::kText:
        if (!field.prefix.empty()) parser.add_prefix(field.name, field.prefix);
        break;
      case schema::FieldKind::kBoolean:
      case schema::FieldKind::kExact:
        parser.add_boolean_prefix(field.name, (new FilterProcessor(field))->release());
        break;
      case schema::FieldKind::kFacet:
        parser.add_boolean_prefix(field.name,
                                  (new FacetProcessor(field, catalog, notices))->release());
        break;
      case schema::FieldKind::kMentioned:
        parser.add_boolean_prefix(field.name, (new MentionsProcessor(field, notices))->release());
        break;
      case schema::FieldKind::kDate:
        parser.add_boolean_prefix(field.name, (new DateProcessor(field, notices))->release());
        parser.add_rangeprocessor(
            (new DateRangeProcessor(static_cast<Xapian::valueno>(field.slot)))->release());
        break;
      case schema::FieldKind::kValue:
      case schema::FieldKind::kSimhash:
        break;
    }
  }
}

// Unprefixed trailing wildcards (detain*) whose expansion the limit (`max_words` each) cuts short
// get a notice, one per prefix. Field wildcards (title:detain*) are bounded the same way, without a
// notice.
void note_wide_wildcards(std::string_view text, const Xapian::Database& db,
                         Xapian::termcount max_words, std::vector<std::string>& notices) {
  std::set<std::string> seen;
  std::size_t star = 0;
  while ((star = text.find('*', star)) != std::string_view::npos) {
    std::size_t start = star;
    while (start > 0 && (std::isalnum(static_cast<unsigned char>(text[start - 1])) != 0 ||
                         static_cast<unsigned char>(text[start - 1]) >= 0x80)) {
      --start;
    }
    const bool field = start > 0 && text[start - 1] == ':';
    const std::string prefix = fold(text.substr(start, star - start));
    ++star;
    if (field || prefix.empty() || !seen.insert(prefix).second) continue;
    if (prefix_terms(db, prefix, std::size_t{max_words} + 1).size() > max_words) {
      notices.push_back(prefix + "* matches more than " + std::to_string(max_words) +
                        " words; only the " + std::to_string(max_words) +
                        " most frequent were searched (type more letters to narrow it).");
    }
  }
}

// The fields whose values are matched as typed (not normalised like text): every field but the
// free-text ones.
std::vector<std::string> verbatim_fields(const schema::Schema& schema) {
  std::vector<std::string> names;
  for (const schema::Field& field : schema.fields()) {
    if (field.kind != schema::FieldKind::kText) names.push_back(field.name);
  }
  return names;
}

// The stems a query word is searched by: those of the languages its lang: filters name, or else
// of every language of the index.
Stems stems_for(const Xapian::Query& query, const Xapian::Database& db,
                const schema::Schema& schema) {
  const std::string& lang = schema.require("lang").prefix;
  std::vector<std::string> named;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string term = *it;
    if (term.size() > lang.size() && term.compare(0, lang.size(), lang) == 0 &&
        !std::isupper(static_cast<unsigned char>(term[lang.size()]))) {
      named.push_back(term.substr(lang.size()));
    }
  }
  std::vector<std::string> prefixes;
  for (const schema::Field& field : schema.fields()) {
    if (field.kind == schema::FieldKind::kText) prefixes.push_back(field.prefix);
  }
  return Stems(named.empty() ? Stems::languages_of(db, lang) : named, std::move(prefixes));
}

// The language a query is written in when its script tells (analysis::is_cjk): kana is Japanese,
// Hangul Korean, other Han characters Chinese; empty for every other query (three words are too
// few to tell Spanish from Galician, or Russian from Ukrainian).
std::string script_language(std::string_view text) {
  bool han = false;
  for (std::size_t at = 0, length = 0; at < text.size(); at += length) {
    const char32_t c = analysis::code_point_at(text, at, length);
    if (c >= 0x3040 && c <= 0x30FF) return "ja";  // hiragana, katakana
    if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) ||
        (c >= 0x3130 && c <= 0x318F)) {
      return "ko";
    }
    han = han || analysis::is_cjk(c);
  }
  return han ? "zh" : "";
}

// `query` with a small bonus for the articles in the language its script tells (script_language):
// among Chinese texts near-equal in relevance (the same declaration in Mandarin, Gan and Hakka),
// a query in Chinese characters puts the Mandarin one first. No bonus with a lang: filter.
Xapian::Query with_language_bonus(const Xapian::Query& query, const schema::Schema& schema) {
  const schema::Field& lang = schema.require("lang");
  std::string words;  // the query's words, as the terms have them (facet values are ids)
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string term = *it;
    if (term.compare(0, lang.prefix.size(), lang.prefix) == 0) return query;
    std::size_t word = 0;
    while (word < term.size() && term[word] >= 'A' && term[word] <= 'Z') ++word;
    words.append(term, word);
    words += ' ';
  }
  const std::string language = script_language(words);
  if (language.empty()) return query;
  const Xapian::Query bonus(
      Xapian::Query::OP_FILTER,
      Xapian::Query((new Xapian::FixedWeightPostingSource(kLanguageBonus))->release()),
      Xapian::Query(schema::boolean_term(lang, language)));
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, bonus);
}

// The pattern of a wildcard leaf: Xapian 1.4 describes it as "Query(WILDCARD SYNONYM bank)" and
// has no accessor for it. Empty when the description is not of that form.
std::string wildcard_pattern(const Xapian::Query& query) {
  const std::string description = query.get_description();
  constexpr std::string_view kHead = "Query(WILDCARD SYNONYM ";
  if (description.rfind(kHead, 0) != 0 || description.back() != ')') return {};
  std::string pattern = description.substr(kHead.size(), description.size() - kHead.size() - 1);
  return pattern.find(' ') == std::string::npos ? pattern : std::string();
}

// Wildcards expanded here, over the whole index, instead of by Xapian at match time: Xapian 1.4
// expands a wildcard in each shard on its own (each picking its own most frequent words), so
// shards searched as one would rank wildcard queries unlike one index holding every document.
// The `max` most frequent words of the prefix (ties by word), as Xapian's
// WILDCARD_LIMIT_MOST_FREQUENT picks them, ORed: each word weighs by its own frequency in the whole
// index. (Xapian's default, one synonym of them all, weighs them by an estimate of how many
// documents hold any of them that it combines shard by shard: a hundred words gave scores 0.02%
// apart between one index and three shards.) Each pattern is looked up once per query.
class WildcardExpander {
 public:
  WildcardExpander(const Xapian::Database& db, Xapian::termcount max) : db_(db), max_(max) {}

  Xapian::Query operator()(const Xapian::Query& query) {
    if (query.get_type() == Xapian::Query::OP_WILDCARD) {
      const std::string pattern = wildcard_pattern(query);
      if (pattern.empty()) return query;
      const auto [known, added] = expanded_.try_emplace(pattern);
      if (added) known->second = expand(pattern);
      return known->second;
    }
    if (!plain_composite(query.get_type())) return query;
    std::vector<Xapian::Query> children;
    children.reserve(query.get_num_subqueries());
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
      children.push_back((*this)(query.get_subquery(i)));
    }
    return Xapian::Query(query.get_type(), children.begin(), children.end());
  }

 private:
  Xapian::Query expand(const std::string& pattern) const {
    std::vector<std::pair<Xapian::doccount, std::string>> words;  // (frequency, word)
    // From term to term, past each one's posting list (as query::prefix_terms).
    for (auto it = db_.allterms_begin(pattern); it != db_.allterms_end(pattern);
         it.skip_to(words.back().second + std::string(1, '\0'))) {
      words.emplace_back(it.get_termfreq(), *it);
    }
    const auto more_frequent = [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    const std::size_t kept = std::min<std::size_t>(words.size(), max_);
    std::partial_sort(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(kept), words.end(),
                      more_frequent);
    words.resize(kept);
    if (words.empty()) return Xapian::Query::MatchNothing;
    std::vector<Xapian::Query> terms;
    terms.reserve(words.size());
    for (const auto& word : words) terms.emplace_back(word.second);
    if (terms.size() == 1) return terms.front();
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

  const Xapian::Database& db_;
  Xapian::termcount max_;
  std::map<std::string, Xapian::Query> expanded_;
};

// The wildcards of the query, every occurrence (a* OR a* is two) and their distinct patterns.
void count_wildcards(const Xapian::Query& query, std::size_t& occurrences,
                     std::set<std::string>& patterns) {
  if (query.get_type() == Xapian::Query::OP_WILDCARD) {
    ++occurrences;
    patterns.insert(query.get_description());
    return;
  }
  for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
    count_wildcards(query.get_subquery(i), occurrences, patterns);
  }
}

std::size_t distinct_terms(const Xapian::Query& query) {
  std::size_t count = 0;
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    ++count;
  }
  return count;
}

}  // namespace

Result<ParsedQuery> build_query(std::string_view text, const Xapian::Database& db,
                                const Catalog& catalog, const schema::Schema& schema,
                                const Limits& limits, Matching matching) {
  if (text.size() > limits.max_bytes) {
    return Error{"query_too_long",
                 "the query is " + std::to_string(text.size()) + " bytes; the limit is " +
                     std::to_string(limits.max_bytes),
                 "query"};
  }
  const std::string query_text = to_valid_utf8(text);
  const std::string parsed_text = prepare_query_text(query_text, verbatim_fields(schema));
  Xapian::QueryParser parser;
  std::vector<std::string> notices;
  configure(parser, db, catalog, schema, limits, matching, notices);
  ParsedQuery parsed;
  try {
    parsed.query = parser.parse_query(parsed_text, kFlags);
  } catch (const Xapian::QueryParserError& e) {
    // Do not fail the user: search the words as written, and say so.
    try {
      parsed.query = parser.parse_query(parsed_text, Xapian::QueryParser::FLAG_CJK_NGRAM);
    } catch (const Xapian::QueryParserError& again) {
      return Error{"bad_query", "the query could not be read: " + again.get_msg(), "query"};
    }
    parsed.notice = "The query could not be read as written (" + e.get_msg() +
                    "), so its words were searched instead.";
  }
  if (parsed.query.empty()) {
    return Error{"empty_query", "the query has no words to search for", "query"};
  }
  // A wildcard is a term as typed. Its words are not: the wildcards of a query share one budget
  // of max_wildcard words (at least one each), since the matcher's cost grows with their total
  // (800 copies of a* once took minutes and 1.3 GB).
  std::size_t wildcards = 0;
  std::set<std::string> patterns;
  count_wildcards(parsed.query, wildcards, patterns);
  const std::size_t terms = distinct_terms(parsed.query) + patterns.size();
  if (terms > limits.max_terms) {
    return Error{"too_many_terms",
                 "the query has " + std::to_string(terms) + " distinct terms; the limit is " +
                     std::to_string(limits.max_terms),
                 "query"};
  }
  const Xapian::termcount per_wildcard =
      wildcards == 0 ? limits.max_wildcard
                     : std::max<Xapian::termcount>(
                           1, static_cast<Xapian::termcount>(limits.max_wildcard / wildcards));
  if (wildcards != 0) parsed.query = WildcardExpander(db, per_wildcard)(parsed.query);
  // Counted as typed: stems widen each word by at most one term per stemmed language, variants
  // by a bounded amount (kMaxPhraseForms).
  if (matching == Matching::kVariants) {
    parsed.query = Variants::builtin().expand(parsed.query);
    parsed.query = stems_for(parsed.query, db, schema).expand(parsed.query);
    parsed.query = with_language_bonus(parsed.query, schema);
  }
  note_wide_wildcards(query_text, db, per_wildcard, notices);
  for (const std::string& notice : notices) {
    if (!parsed.notice.empty()) parsed.notice += ' ';
    parsed.notice += notice;
  }
  return parsed;
}

}  // namespace vigil::query
