#include <charconv>
#include <cmath>

#include "render/render.h"
#include "vigil/text.h"

namespace vigil::render {
namespace {

void append_cell(std::string_view raw, std::string& out) {
  const std::string text = to_valid_utf8(raw);
  const bool formula = !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' ||
                                         text[0] == '@' || text[0] == '\t' || text[0] == '\r');
  out += '"';
  if (formula) out += '\'';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string labels(const std::vector<search::FacetValue>& values) {
  std::string out;
  for (const search::FacetValue& value : values) {
    if (!out.empty()) out += "; ";
    out += value.label;
  }
  return out;
}

}  // namespace

std::string csv_header() { return "rank,id,url,title,date,source,organisations,places,score\r\n"; }

std::string csv_row(const search::Hit& hit) {
  std::string out;
  out.reserve(128 + hit.title.size() + hit.url.size() + hit.key.size());
  out += std::to_string(hit.rank);
  for (const std::string& cell : {hit.key, hit.url, hit.title, hit.date, hit.source,
                                  labels(hit.organisations), labels(hit.places)}) {
    out += ',';
    append_cell(cell, out);
  }
  out += ',';
  char buffer[32];
  const double score = std::isfinite(hit.score) ? hit.score : 0;
  out.append(
      buffer,
      std::to_chars(buffer, buffer + sizeof buffer, score, std::chars_format::general, 6).ptr);
  out += "\r\n";
  return out;
}

}  // namespace vigil::render
