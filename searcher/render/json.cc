#include "render/render.h"

// The document is appended to one reserved string: the shape is fixed, so a JSON library would
// only add a dependency and a copy.
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "render/escape.h"

namespace vigil::render {
namespace {

// Numbers go through std::to_chars: locale-independent, unlike printf and streams, so a German or
// French locale can never turn 1.5 into "1,5" and break the JSON. 32 bytes hold any 64-bit integer
// and any double at 6 significant digits, so the conversions cannot fail.
constexpr std::size_t kNumberBuffer = 32;

template <typename Integer>
void append_number(Integer value, std::string& out) {
  char buffer[kNumberBuffer];
  out.append(buffer, std::to_chars(buffer, buffer + kNumberBuffer, value).ptr);
}

void append_score(double score, std::string& out) {
  // JSON has no NaN or Infinity; a broken weight must not make the whole document unparsable.
  if (!std::isfinite(score)) {
    score = 0;
  }
  char buffer[kNumberBuffer];
  out.append(
      buffer,
      std::to_chars(buffer, buffer + kNumberBuffer, score, std::chars_format::general, 6).ptr);
}

void append_string(std::string_view text, std::string& out) {
  out += '"';
  out += json_escape(text);
  out += '"';
}

// Missing metadata is null rather than "", so consumers can tell "unknown" from a value.
void append_string_or_null(std::string_view text, std::string& out) {
  if (text.empty()) {
    out += "null";
  } else {
    append_string(text, out);
  }
}

// `{"value":…,"label":…` without the closing brace, so that callers can add fields.
void open_value_label(std::string_view value, std::string_view label, std::string& out) {
  out += "{\"value\":";
  append_string(value, out);
  out += ",\"label\":";
  append_string(label, out);
}

void append_facets(const std::vector<search::FacetValue>& values, std::string& out) {
  out += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += ',';
    open_value_label(values[i].value, values[i].label, out);
    out += '}';
  }
  out += ']';
}

void append_hit(const search::Hit& hit, std::string& out, bool html = true) {
  out += "{\"rank\":";
  append_number(hit.rank, out);
  out += ",\"id\":";
  append_string(hit.key, out);
  out += ",\"url\":";
  append_string_or_null(hit.url, out);
  out += ",\"title\":";
  append_string(hit.title, out);
  if (html) {
    out += ",\"title_html\":";
    append_string(hit.title_html, out);
  }
  out += ",\"date\":";
  append_string_or_null(hit.date, out);
  out += ",\"source\":";
  append_string_or_null(hit.source, out);
  if (html) {
    out += ",\"snippet_html\":";
    append_string(hit.snippet_html, out);
  }
  out += ",\"organisations\":";
  append_facets(hit.organisations, out);
  out += ",\"places\":";
  append_facets(hit.places, out);
  out += ",\"score\":";
  append_score(hit.score, out);
  out += ",\"similar\":";
  append_number(hit.similar, out);
  out += '}';
}

std::size_t estimated_size(const search::SearchResult& result) {
  std::size_t size = 128 + result.query.size() + result.notice.size();
  for (const search::Hit& hit : result.hits) {
    size += 128 + hit.url.size() + hit.title.size() + hit.date.size() + hit.source.size() +
            hit.snippet_html.size() + 48 * (hit.organisations.size() + hit.places.size());
  }
  return size + size / 16;  // some room for escapes
}

}  // namespace

std::string jsonl_row(const search::Hit& hit) {
  std::string out;
  out.reserve(256 + hit.title.size() + hit.url.size());
  append_hit(hit, out, false);
  out += '\n';
  return out;
}

std::string to_json(const search::SearchResult& result) {
  std::string out;
  out.reserve(estimated_size(result));
  out += "{\"query\":";
  append_string(result.query, out);
  out += ",\"filters\":[";
  for (std::size_t i = 0; i < result.filters.size(); ++i) {
    if (i > 0) out += ',';
    out += "{\"name\":";
    append_string(result.filters[i].first, out);
    out += ",\"value\":";
    append_string(result.filters[i].second, out);
    out += '}';
  }
  out += "],\"total\":";
  append_number(result.total, out);
  out += ",\"collapsed\":";
  append_number(result.collapsed, out);
  out += ",\"exact\":";
  out += result.exact ? "true" : "false";
  out += ",\"page\":";
  append_number(result.page, out);
  out += ",\"per_page\":";
  append_number(result.per_page, out);
  if (!result.notice.empty()) {
    out += ",\"notice\":";
    append_string(result.notice, out);
  }
  if (!result.missing_shards.empty()) {
    out += ",\"missing_shards\":[";
    for (const search::MissingShard& shard : result.missing_shards) {
      if (out.back() != '[') out += ',';
      out += "{\"shard\":";
      append_number(shard.number, out);
      if (!shard.name.empty()) {
        out += ",\"name\":";
        append_string(shard.name, out);
      }
      if (!shard.why.empty()) {
        out += ",\"error\":";
        append_string(shard.why, out);
      }
      out += '}';
    }
    out += ']';
  }
  out += ",\"did_you_mean\":";
  append_string_or_null(result.did_you_mean, out);
  out += ",\"took_ms\":";
  append_score(result.took_ms, out);
  if (!result.facets.empty()) {
    out += ",\"facets\":{";
    std::string more;
    for (std::size_t i = 0; i < result.facets.size(); ++i) {
      const search::FacetList& list = result.facets[i];
      if (i > 0) out += ',';
      append_string(list.name, out);
      out += ":[";
      for (std::size_t j = 0; j < list.values.size(); ++j) {
        const search::FacetCount& value = list.values[j];
        if (j > 0) out += ',';
        open_value_label(value.value, value.label, out);
        out += ",\"count\":";
        append_number(value.count, out);
        out += ",\"selected\":";
        out += value.selected ? "true" : "false";
        out += '}';
      }
      out += ']';
      if (!more.empty()) more += ',';
      append_string(list.name, more);
      more += ':';
      append_number(list.more, more);
    }
    out += "},\"facets_more\":{";
    out += more;
    out += '}';
  }
  if (!result.timeline.unit.empty()) {
    out += ",\"timeline\":{\"unit\":";
    append_string(result.timeline.unit, out);
    out += ",\"periods\":[";
    for (std::size_t i = 0; i < result.timeline.periods.size(); ++i) {
      if (i > 0) out += ',';
      out += "{\"value\":";
      append_string(result.timeline.periods[i].value, out);
      out += ",\"count\":";
      append_number(result.timeline.periods[i].count, out);
      out += '}';
    }
    out += "]}";
  }
  out += ",\"results\":[";
  for (std::size_t i = 0; i < result.hits.size(); ++i) {
    if (i > 0) {
      out += ',';
    }
    append_hit(result.hits[i], out);
  }
  out += "]}\n";
  return out;
}

}  // namespace vigil::render
