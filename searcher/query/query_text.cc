#include "query/query_text.h"

#include <algorithm>
#include <cctype>

#include "vigil/analysis.h"

namespace vigil::query {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// `text` (no verbatim values in it) with CJK runs outside quotes in parentheses. `quoted` carries
// whether a phrase is open across calls.
void wrap_cjk(std::string_view text, bool& quoted, std::string& out) {
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t length = 1;
    const char32_t c = analysis::code_point_at(text, at, length);
    if (c == '"' || c == 0x201C || c == 0x201D) quoted = !quoted;
    if (quoted || !analysis::is_cjk(c)) {
      out.append(text.substr(at, length));
      at += length;
      continue;
    }
    const std::size_t start = at;
    while (at < text.size()) {
      const char32_t next = analysis::code_point_at(text, at, length);
      if (!analysis::is_cjk(next)) break;
      at += length;
    }
    out += '(';
    out.append(text.substr(start, at - start));
    out += ')';
  }
}

}  // namespace

std::string prepare_query_text(std::string_view text,
                               const std::vector<std::string>& verbatim_fields) {
  std::string out;
  out.reserve(text.size() + 8);
  bool quoted = false;
  std::size_t at = 0;
  while (at < text.size()) {
    // The next verbatim field value: NAME: at the start of a word, outside quotes.
    std::size_t value = std::string_view::npos;
    std::size_t from = at;
    bool in_quotes = quoted;
    for (std::size_t i = at; i < text.size() && value == std::string_view::npos; ++i) {
      if (text[i] == '"') in_quotes = !in_quotes;
      if (in_quotes || text[i] != ':') continue;
      std::size_t name = i;
      while (name > at && std::isalpha(static_cast<unsigned char>(text[name - 1])) != 0) --name;
      const bool word_start = name == 0 || is_space(text[name - 1]) || text[name - 1] == '(' ||
                              text[name - 1] == '+' || text[name - 1] == '-';
      if (!word_start || name == i) continue;
      const std::string_view field = text.substr(name, i - name);
      if (std::find(verbatim_fields.begin(), verbatim_fields.end(), field) !=
          verbatim_fields.end()) {
        value = i + 1;
        from = name;
      }
    }
    if (value == std::string_view::npos) {
      wrap_cjk(analysis::normalise(text.substr(at)), quoted, out);
      break;
    }
    wrap_cjk(analysis::normalise(text.substr(at, from - at)), quoted, out);
    std::size_t end = value;
    if (end < text.size() && text[end] == '"') {
      end = text.find('"', end + 1);
      end = end == std::string_view::npos ? text.size() : end + 1;
    } else {
      while (end < text.size() && !is_space(text[end]) && text[end] != ')') ++end;
    }
    out.append(text.substr(from, end - from));
    at = end;
  }
  return out;
}

}  // namespace vigil::query
