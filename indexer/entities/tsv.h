#pragma once
// Reading the entity data files (tab-separated, '#' comments): shared by the gazetteer and the
// organisation list. Internal to the entities module.

#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "vigil/errors.h"

namespace vigil::entities {

// The tab-separated fields of one line.
inline std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  fields.reserve(8);
  for (std::size_t pos = 0;;) {
    const std::size_t tab = line.find('\t', pos);
    fields.push_back(line.substr(pos, tab == std::string_view::npos ? tab : tab - pos));
    if (tab == std::string_view::npos) return fields;
    pos = tab + 1;
  }
}

// Calls `row(fields, where)` for each data line of `path` (blank lines and '#' comments
// skipped; `where` is "path:line" for messages). Throws RuntimeError with `hint` when the file
// cannot be read.
template <typename Row>
void read_tsv(const std::string& path, const char* hint, Row row) {
  std::ifstream in(path);
  if (!in) throw RuntimeError("cannot read the entity data file '" + path + "'", hint);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    row(split_tabs(line), path + ":" + std::to_string(number));
  }
}

}  // namespace vigil::entities
