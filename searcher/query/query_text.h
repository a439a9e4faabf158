#pragma once
// The query text as the QueryParser is given it: normalised like the indexed text
// (analysis::normalise) except in the values of filter and facet fields, which are matched as the
// indexer wrote them (site:, url:, place:São Paulo resolved by the catalog), and with every run
// of Chinese, Japanese or Korean characters outside quotes put in parentheses: Xapian 1.4's
// QueryParser fails to parse a CJK run between two other words ("human 中国 rights" is a parse
// error, "human (中国) rights" is not).

#include <string>
#include <string_view>
#include <vector>

namespace vigil::query {

// `text` (valid UTF-8) prepared; `verbatim_fields` are the field names ("site", "place") whose
// values are left as typed: a bare value up to the next space or parenthesis, or a quoted one.
std::string prepare_query_text(std::string_view text,
                               const std::vector<std::string>& verbatim_fields);

}  // namespace vigil::query
