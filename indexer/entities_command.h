#pragma once
// `vigil-index entities`: the organisations, places and dates recognised in one plain UTF-8
// text, as one JSON object, for users checking the gazetteers and for the evaluation scripts
// (scripts/eval/entities.sh).

#include <optional>
#include <string>
#include <string_view>

#include "article/article.h"
#include "entities/gazetteer.h"
#include "entities/organisations.h"
#include "options.h"
#include "vigil/log.h"

namespace vigil::indexer {

// {"organisations": [...], "places": [...], "dates": [...]}: each a list of {"id", "label",
// "mentions": [{"start", "end", "text"}]} (byte offsets into `text`); organisations add "kind";
// places add "kind" and "within" (the enclosing places' ids, innermost first); dates add "value"
// (TIMEX3) and "granularity" ("day", "month", "year" ...), one entry per value.
std::string entities_json(std::string_view text, std::optional<PartialDate> published,
                          const entities::Gazetteer& gazetteer,
                          const entities::OrganisationList& organisations);

// Reads config.paths[0] ("-" for stdin), prints entities_json() and returns 0; 1 after a message
// naming the input when it cannot be read or is not valid UTF-8.
int run_entities(const IndexerConfig& config, const Logger& log);

}  // namespace vigil::indexer
