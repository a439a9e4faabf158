#pragma once
// Facet values typed by users (place:Sinkiang, --filter org=un, --filter year=2021) -> the terms
// the indexer wrote. Shared by the query language and by drill-down filters, so both accept the
// same values.

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "query/catalog.h"
#include "vigil/result.h"
#include "vigil/schema.h"

namespace vigil::query {

// The id of an entity facet value (field kind `facet`): `value` itself when the index's facet
// catalog has it as an id ("cn.13", "un"), else the id its name stands for (the catalog's
// aliases: "Xinjiang", "Sinkiang", "UN"), else, for organisations, the id of a found
// organisation of that name. Nullopt when the index knows no such value.
std::optional<std::string> resolve_facet(const Catalog& catalog, const schema::Field& field,
                                         std::string_view value);

// The filter term of an entity facet value (resolve_facet); a value the index does not know gives
// a term that matches nothing and adds "No place called "Atlantis" is in the index." to
// `notices`.
std::string facet_term(const Catalog& catalog, const schema::Field& field, std::string_view value,
                       std::vector<std::string>& notices);

// "2018" -> "20180000", "2018-05" -> "20180500", "2018-05-12" -> "20180512"; nullopt for
// anything else or an impossible month or day.
std::optional<std::string> sortable_date(std::string_view text);

// Publication dates from `begin` to `end` (each YYYY, YYYY-MM or YYYY-MM-DD, either may be empty
// for an open end) as a query over the sortable date value in `slot`. A range from a month starts
// at its first day, one to a month or a year ends at its last, so 2021..2021 is all of 2021,
// articles dated to the year only included. Nullopt when a bound is no date, when both are empty,
// or when the range is backwards.
std::optional<Xapian::Query> date_range_query(Xapian::valueno slot, std::string_view begin,
                                              std::string_view end);

// A drill-down filter: --filter NAME=VALUE.
struct Filter {
  std::string name;   // org, place, year, month, mentions, lang, date (FROM..TO, date_range_query)
  std::string value;  // a facet value as the JSON output gives it
};

// The names --filter takes, for messages: "org, place, year, month, mentions, lang, date".
std::string filter_names();

// The filters as one query: values of one name are ORed, names ANDed. Fails with code
// "bad_filter" naming the filter for an unknown name or a malformed year, month or date; a
// value the index does not know matches nothing and adds a sentence to `notices`.
Result<Xapian::Query> filter_query(const std::vector<Filter>& filters, const Catalog& catalog,
                                   const schema::Schema& schema, std::vector<std::string>& notices);

}  // namespace vigil::query
