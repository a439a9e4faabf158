#include "render/render.h"

// Everything that reaches the terminal goes through terminal_safe() or snippet_for_terminal():
// titles, URLs and snippets come from crawled pages and must not be able to emit escape sequences.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "render/escape.h"

namespace vigil::render {
namespace {

constexpr std::string_view kIndent = "   ";
constexpr std::size_t kLineWidth = 100;  // columns, indent included
constexpr std::size_t kTextWidth = kLineWidth - kIndent.size();
constexpr std::string_view kSeparator = " \u00B7 ";  // middle dot
constexpr std::string_view kUntitled = "(untitled)";

// Marks are first rendered as these two bytes. snippet_for_terminal() removes every C0 control
// from the document text, so they can only come from marks, and the wrapper can tell marks from
// text without parsing ANSI sequences.
constexpr char kMarkOn = '\x01';
constexpr char kMarkOff = '\x02';

struct Palette {
  std::string_view title_on;
  std::string_view title_off;
  std::string_view mark_on;
  std::string_view mark_off;
};

Palette palette_for(const TextStyle& style) {
  if (!style.color) {
    return {};  // plain text: every code empty
  }
  return {"\x1b[1m", "\x1b[0m", "\x1b[1;33m", "\x1b[0m"};
}

// A field shown on one line: terminal_safe() keeps \n and \t, which would break the layout here.
std::string one_line(std::string_view text) {
  std::string out = terminal_safe(text);
  for (char& c : out) {
    if (c == '\n' || c == '\t') {
      c = ' ';
    }
  }
  return out;
}

std::uint64_t page_count(const search::SearchResult& result) {
  if (result.per_page <= 0) {
    return 1;
  }
  const auto per_page = static_cast<std::uint64_t>(result.per_page);
  const std::uint64_t listed = result.total - std::min(result.collapsed, result.total);
  return listed / per_page + (listed % per_page != 0 ? 1 : 0);
}

void append_header(const search::SearchResult& result, std::string& out) {
  const std::string query = one_line(result.query);
  if (result.total == 0) {
    out += "No results";
  } else {
    if (!result.exact) {
      out += "About ";
    }
    out += std::to_string(result.total);
    out += result.total == 1 ? " result" : " results";
    if (result.collapsed != 0) {
      out += " (" + std::to_string(result.collapsed) + " similar collapsed)";
    }
  }
  if (!query.empty()) out += " for \"" + query + '"';
  for (std::size_t i = 0; i < result.filters.size(); ++i) {
    out += i == 0 ? (query.empty() ? " with " : ", with ") : ", ";
    out += one_line(result.filters[i].first);
    out += '=';
    out += one_line(result.filters[i].second);
  }
  if (const std::uint64_t pages = page_count(result); pages > 1) {
    out += " (page " + std::to_string(result.page) + " of " + std::to_string(pages) + ')';
  }
  out += '\n';
  if (!result.notice.empty()) {
    out += one_line(result.notice) + '\n';
  }
  for (const search::MissingShard& shard : result.missing_shards) {
    out += "Incomplete: shard ";
    out += std::to_string(shard.number);
    out += " (";
    out += one_line(shard.name);
    out += ") did not answer; its articles are missing from these results and counts.\n";
  }
  if (!result.did_you_mean.empty()) {
    out += "Did you mean: " + one_line(result.did_you_mean) + '\n';
  }
}

// After the hits: per facet its top values with counts, "Places: China 120 · Xinjiang 40 …"
// ([x] marks a value chosen with --filter), so a terminal user sees where to drill down.
void append_facet_counts(const search::SearchResult& result, std::string& out) {
  constexpr std::size_t kShown = 5;
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"organisations", "Organisations"},
      {"places", "Places"},
      {"years", "Years"},
      {"months", "Months"},
      {"mentioned_years", "Years mentioned"},
      {"languages", "Languages"}};
  bool any = false;
  for (const search::FacetList& list : result.facets) {
    if (list.values.empty()) continue;
    std::string_view title = list.name;
    for (const auto& [name, shown] : kNames) {
      if (name == list.name) title = shown;
    }
    if (!any) out += '\n';
    any = true;
    out += title;
    out += ':';
    for (std::size_t i = 0; i < list.values.size() && i < kShown; ++i) {
      const search::FacetCount& value = list.values[i];
      out += i == 0 ? " " : " \u00b7 ";
      if (value.selected) out += "[x] ";
      out += one_line(value.label);
      out += ' ';
      out += std::to_string(value.count);
    }
    const std::uint64_t more =
        list.more + (list.values.size() > kShown ? list.values.size() - kShown : 0);
    if (more > 0) out += " (+" + std::to_string(more) + " more)";
    out += '\n';
  }
  if (any) out += "Narrow with --filter NAME=VALUE (values: --format json).\n";
}

// The URL (or the key when there is none), date and source, skipping the parts that are empty.
std::string meta_line(const search::Hit& hit) {
  const std::string_view parts[] = {hit.url.empty() ? hit.key : hit.url, hit.date, hit.source};
  std::string line;
  for (const std::string_view part : parts) {
    const std::string clean = one_line(part);
    if (clean.empty()) {
      continue;
    }
    if (!line.empty()) {
      line += kSeparator;
    }
    line += clean;
  }
  return line;
}

// Columns a word takes: code points, not bytes (continuation bytes are skipped), and not marks.
// The text is valid UTF-8 here, as snippet_for_terminal() repairs it.
std::size_t visible_width(std::string_view word) {
  std::size_t width = 0;
  for (const char c : word) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte & 0xC0) != 0x80 && c != kMarkOn && c != kMarkOff) {
      ++width;
    }
  }
  return width;
}

// Writes the words of a snippet (with mark bytes) as indented lines of at most kLineWidth
// columns, breaking at spaces; a longer word gets a line of its own. A mark open at a line break is
// closed before the newline and reopened after the indent, so colour never spills into the indent
// or past the end of the output.
class SnippetWriter {
 public:
  SnippetWriter(const Palette& palette, std::string& out) : palette_(palette), out_(out) {}

  void add_word(std::string_view word) {
    const std::size_t width = visible_width(word);
    if (!line_open_) {
      open_line();
    } else if (width > 0) {  // a word of marks only (from "<mark> x") joins its neighbour
      if (column_ + 1 + width > kTextWidth) {
        close_line();
        open_line();
      } else {
        out_ += ' ';
        ++column_;
      }
    }
    for (const char c : word) {
      if (c == kMarkOn || c == kMarkOff) {
        marked_ = c == kMarkOn;
        out_ += marked_ ? palette_.mark_on : palette_.mark_off;
      } else {
        out_ += c;
      }
    }
    column_ += width;
  }

  void finish() {
    if (line_open_) {
      close_line();
    }
  }

 private:
  void open_line() {
    out_ += kIndent;
    if (marked_) {
      out_ += palette_.mark_on;
    }
    line_open_ = true;
    column_ = 0;
  }

  void close_line() {
    if (marked_) {
      out_ += palette_.mark_off;
    }
    out_ += '\n';
    line_open_ = false;
  }

  Palette palette_;
  std::string& out_;
  bool line_open_ = false;
  bool marked_ = false;
  std::size_t column_ = 0;
};

void append_snippet(std::string_view snippet_html, const Palette& palette, std::string& out) {
  const std::string text = snippet_for_terminal(snippet_html, std::string_view(&kMarkOn, 1),
                                                std::string_view(&kMarkOff, 1));
  SnippetWriter writer(palette, out);
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find_first_of(" \n\t", start);
    const std::size_t stop = end == std::string::npos ? text.size() : end;
    if (stop > start) {
      writer.add_word(std::string_view(text).substr(start, stop - start));
    }
    start = stop + 1;
  }
  writer.finish();
}

// "Places: Aksu, Xinjiang" with at most kFacetsShown labels and "+N" for the rest; empty when none.
std::string facet_list(std::string_view name, const std::vector<search::FacetValue>& values) {
  constexpr std::size_t kFacetsShown = 5;
  std::string list;
  for (std::size_t i = 0; i < values.size() && i < kFacetsShown; ++i) {
    list += list.empty() ? std::string(name) + ": " : ", ";
    list += one_line(values[i].label);
  }
  if (values.size() > kFacetsShown) list += " +" + std::to_string(values.size() - kFacetsShown);
  return list;
}

void append_hit(const search::Hit& hit, const Palette& palette, std::string& out) {
  const std::string title = one_line(hit.title);
  out += '\n';
  out += std::to_string(hit.rank);
  out += ". ";
  out += palette.title_on;
  out += title.empty() ? kUntitled : title;
  out += palette.title_off;
  if (hit.similar != 0) out += " (" + std::to_string(hit.similar) + " similar)";
  out += '\n';
  if (const std::string meta = meta_line(hit); !meta.empty()) {
    out += kIndent;
    out += meta;
    out += '\n';
  }
  append_snippet(hit.snippet_html, palette, out);
  std::string facets = facet_list("Organisations", hit.organisations);
  const std::string places = facet_list("Places", hit.places);
  if (!facets.empty() && !places.empty()) facets += " \u00b7 ";
  facets += places;
  if (!facets.empty()) {
    out += kIndent;
    out += facets;
    out += '\n';
  }
}

}  // namespace

std::string to_text(const search::SearchResult& result, const TextStyle& style) {
  const Palette palette = palette_for(style);
  std::size_t size = 128 + result.query.size() + result.notice.size();
  for (const search::Hit& hit : result.hits) {
    size += 64 + hit.title.size() + hit.url.size() + hit.key.size() + hit.snippet_html.size();
  }
  std::string out;
  out.reserve(size);
  append_header(result, out);
  for (const search::Hit& hit : result.hits) {
    append_hit(hit, palette, out);
  }
  append_facet_counts(result, out);
  return out;
}

}  // namespace vigil::render
