#include "vigil/record.h"

#include <algorithm>
#include <utility>

namespace vigil {
namespace {

void append_field(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out.append(name);
  out.push_back('=');
  for (const char c : value) {
    if (c == '\\') {
      out.append("\\\\");
    } else if (c == '\n') {
      out.append("\\n");
    } else {
      out.push_back(c);
    }
  }
  out.push_back('\n');
}

std::string unescape(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  // Whole runs between backslashes at once: a search decodes the text of every hit it shows.
  while (!value.empty()) {
    const std::size_t slash = std::min(value.find('\\'), value.size());
    out.append(value.substr(0, slash));
    if (slash + 1 >= value.size()) {  // no backslash, or a last one, kept as it is
      out.append(value.substr(slash));
      break;
    }
    out.push_back(value[slash + 1] == 'n' ? '\n' : value[slash + 1]);
    value.remove_prefix(slash + 2);
  }
  return out;
}

void append_facets(std::string& out, std::string_view name,
                   const std::vector<StoredFacet>& facets) {
  for (const StoredFacet& facet : facets) {
    std::string value = facet.id;
    // Tabs separate the parts, so none may be inside one.
    const auto append_part = [&value](std::string_view part) {
      value += '\t';
      for (const char c : part) value += c == '\t' ? ' ' : c;
    };
    append_part(facet.label);
    for (const std::string& written : facet.names) append_part(written);
    append_field(out, name, value);
  }
}

StoredFacet parse_facet(std::string_view value) {
  std::vector<std::string> fields;
  while (true) {
    const std::size_t tab = value.find('\t');
    fields.emplace_back(value.substr(0, tab));
    if (tab == std::string_view::npos) break;
    value.remove_prefix(tab + 1);
  }
  StoredFacet facet{fields[0], fields.size() > 1 ? fields[1] : fields[0], {}};
  if (fields.size() > 2) facet.names.assign(fields.begin() + 2, fields.end());
  return facet;
}

}  // namespace

std::string encode_record(const StoredRecord& record) {
  std::string out;
  out.reserve(record.text.size() + record.title.size() + record.url.size() + 128);
  append_field(out, "key", record.key);
  append_field(out, "url", record.url);
  append_field(out, "caption", record.title);
  append_field(out, "date", record.date);
  append_field(out, "source", record.source);
  append_field(out, "author", record.author);
  append_field(out, "lang", record.lang);
  append_facets(out, "org", record.orgs);
  append_facets(out, "place", record.places);
  append_field(out, "text", record.text);
  return out;
}

StoredRecord decode_record(std::string_view data) {
  StoredRecord record;
  while (!data.empty()) {
    const std::size_t end = data.find('\n');
    const std::string_view line = data.substr(0, end);
    data = end == std::string_view::npos ? std::string_view() : data.substr(end + 1);
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view name = line.substr(0, eq);
    std::string value = unescape(line.substr(eq + 1));
    if (name == "key") {
      record.key = std::move(value);
    } else if (name == "url") {
      record.url = std::move(value);
    } else if (name == "caption") {
      record.title = std::move(value);
    } else if (name == "date") {
      record.date = std::move(value);
    } else if (name == "source") {
      record.source = std::move(value);
    } else if (name == "author") {
      record.author = std::move(value);
    } else if (name == "lang") {
      record.lang = std::move(value);
    } else if (name == "org") {
      record.orgs.push_back(parse_facet(value));
    } else if (name == "place") {
      record.places.push_back(parse_facet(value));
    } else if (name == "text") {
      record.text = std::move(value);
    }
  }
  return record;
}

}  // namespace vigil
