#include "entities_command.h"

#include <simdjson.h>

#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>

#include "entities/dates.h"
#include "entities/places.h"
#include "vigil/errors.h"
#include "vigil/json.h"
#include "vigil/text.h"

namespace vigil::indexer {
namespace {

void append_mentions(std::string& out, const std::vector<entities::Mention>& mentions) {
  out += "\"mentions\":[";
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    if (i != 0) out += ',';
    out += "{\"start\":" + std::to_string(mentions[i].start) +
           ",\"end\":" + std::to_string(mentions[i].end) +
           ",\"text\":" + json_quote(mentions[i].text);
    if (mentions[i].demonym) out += ",\"demonym\":true";
    out += "}";
  }
  out += "]";
}

const char* kind_name(entities::PlaceKind kind) {
  switch (kind) {
    case entities::PlaceKind::kCountry:
      return "country";
    case entities::PlaceKind::kRegion:
      return "region";
    case entities::PlaceKind::kCity:
      return "city";
  }
  return "";
}

const char* granularity_name(entities::Granularity g) {
  switch (g) {
    case entities::Granularity::kDay:
      return "day";
    case entities::Granularity::kWeek:
      return "week";
    case entities::Granularity::kMonth:
      return "month";
    case entities::Granularity::kSeason:
      return "season";
    case entities::Granularity::kQuarter:
      return "quarter";
    case entities::Granularity::kYear:
      return "year";
    case entities::Granularity::kDecade:
      return "decade";
    case entities::Granularity::kCentury:
      return "century";
    case entities::Granularity::kNone:
      return "none";
  }
  return "";
}

}  // namespace

std::string entities_json(std::string_view text, std::optional<PartialDate> published,
                          const entities::Gazetteer& gazetteer,
                          const entities::OrganisationList& organisations) {
  std::string out = "{\"organisations\":[";
  const auto orgs = entities::find_organisations(text, organisations, gazetteer);
  for (std::size_t i = 0; i < orgs.size(); ++i) {
    if (i != 0) out += ',';
    out += "{\"id\":" + json_quote(orgs[i].org.id) + ",\"label\":" + json_quote(orgs[i].org.label) +
           ",\"kind\":" + json_quote(orgs[i].org.kind) + ",";
    append_mentions(out, orgs[i].mentions);
    out += "}";
  }
  out += "],\"places\":[";
  const auto places = entities::find_places(text, gazetteer);
  for (std::size_t i = 0; i < places.size(); ++i) {
    const entities::Place& place = gazetteer.place(places[i].place);
    if (i != 0) out += ',';
    out += "{\"id\":" + json_quote(place.id) + ",\"label\":" + json_quote(place.label) +
           ",\"kind\":\"" + kind_name(place.kind) + "\",\"within\":[";
    const std::vector<std::int32_t> chain = entities::with_ancestors(gazetteer, places[i].place);
    for (std::size_t j = 1; j < chain.size(); ++j) {
      if (j != 1) out += ',';
      out += json_quote(gazetteer.place(chain[j]).id);
    }
    out += "],";
    append_mentions(out, places[i].mentions);
    out += "}";
  }
  out += "],\"dates\":[";
  std::map<std::string, std::pair<entities::Granularity, std::vector<entities::Mention>>> dates;
  std::vector<std::string> order;
  for (const entities::DateMention& d : entities::find_dates(text, published)) {
    auto [it, inserted] = dates.try_emplace(d.value);
    if (inserted) {
      order.push_back(d.value);
      it->second.first = d.granularity;
    }
    it->second.second.push_back({d.start, d.end, d.text});
  }
  for (std::size_t i = 0; i < order.size(); ++i) {
    const auto& [granularity, mentions] = dates.at(order[i]);
    if (i != 0) out += ',';
    out += "{\"id\":" + json_quote(order[i]) + ",\"label\":" + json_quote(order[i]) +
           ",\"value\":" + json_quote(order[i]) + ",\"granularity\":\"" +
           granularity_name(granularity) + "\",";
    append_mentions(out, mentions);
    out += "}";
  }
  out += "]}\n";
  return out;
}

namespace {

// --jsonl: one {"id", "text", "published"} object per input line, one result per output line
// ({"id", ...entities_json}). Bad lines are reported and skipped.
int run_entities_jsonl(std::istream& in, const std::string& input, const Logger& log,
                       const entities::Gazetteer& gazetteer,
                       const entities::OrganisationList& organisations) {
  simdjson::dom::parser parser;
  std::string line;
  std::size_t number = 0;
  int status = kExitOk;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    const std::string where = input + ":" + std::to_string(number);
    simdjson::dom::element doc;
    std::string_view id;
    std::string_view text;
    if (parser.parse(line).get(doc) != simdjson::SUCCESS ||
        doc["text"].get_string().get(text) != simdjson::SUCCESS) {
      log.warn(where + ": not a JSON object with a \"text\" string, skipped");
      status = kExitSkipped;
      continue;
    }
    if (doc["id"].get_string().get(id) != simdjson::SUCCESS) id = {};
    std::optional<PartialDate> published;
    std::string_view date;
    if (doc["published"].get_string().get(date) == simdjson::SUCCESS) {
      published = parse_iso_date(date);
    }
    std::string result = entities_json(text, published, gazetteer, organisations);
    std::cout << "{\"id\":" << json_quote(id) << "," << std::string_view(result).substr(1);
  }
  return status;
}

}  // namespace

int run_entities(const IndexerConfig& config, const Logger& log) {
  const std::string& input = config.paths.front();
  if (config.jsonl) {
    const std::string dir = entities::Gazetteer::default_dir();
    const entities::Gazetteer gazetteer = entities::Gazetteer::load(dir);
    const entities::OrganisationList organisations = entities::OrganisationList::load(dir);
    if (input == "-") return run_entities_jsonl(std::cin, "stdin", log, gazetteer, organisations);
    std::ifstream in(input);
    if (!in) {
      log.error("cannot read '" + input + "'", "check the path, or pass - to read stdin");
      return kExitSkipped;
    }
    return run_entities_jsonl(in, input, log, gazetteer, organisations);
  }
  std::string text;
  if (input == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(input, std::ios::binary);
    if (!in) {
      log.error("cannot read '" + input + "'", "check the path, or pass - to read stdin");
      return kExitSkipped;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (!is_valid_utf8(text)) {
    log.error(input + ": not valid UTF-8 text", "convert it first, e.g. with iconv -t UTF-8");
    return kExitSkipped;
  }
  const std::string dir = entities::Gazetteer::default_dir();
  const entities::Gazetteer gazetteer = entities::Gazetteer::load(dir);
  const entities::OrganisationList organisations = entities::OrganisationList::load(dir);
  std::cout << entities_json(text, config.published, gazetteer, organisations);
  return kExitOk;
}

}  // namespace vigil::indexer
