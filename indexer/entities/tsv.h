#pragma once
// Reading the entity data files (tab-separated, '#' comments): shared by the gazetteer and the
// organisation list. Internal to the entities module.

#include <fstream>
#include <optional>
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

// The whole of `path`, or nullopt when it cannot be read.
inline std::optional<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size > 0) {
    text.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(text.data(), size);
    text.resize(static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return std::nullopt;
  return text;
}

// Calls `line(text)` for each line of `text` (without its '\n').
template <typename Line>
void for_each_line(std::string_view text, Line line) {
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    line(text.substr(0, end));
    if (end == std::string_view::npos) return;
    text.remove_prefix(end + 1);
  }
}

// Calls `row(fields, where)` for each data line of `path` (blank lines and '#' comments
// skipped; `where` is "path:line" for messages). Throws RuntimeError with `hint` when the file
// cannot be read.
template <typename Row>
void read_tsv(const std::string& path, const char* hint, Row row) {
  const std::optional<std::string> text = read_whole_file(path);
  if (!text) throw RuntimeError("cannot read the entity data file '" + path + "'", hint);
  std::size_t number = 0;
  for_each_line(*text, [&](std::string_view line) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') return;
    row(split_tabs(line), path + ":" + std::to_string(number));
  });
}

}  // namespace vigil::entities
