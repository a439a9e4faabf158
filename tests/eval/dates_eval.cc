// vigil-dates-eval: runs the date tagger (vigil::entities::find_time_expressions) over documents
// given as JSON Lines on stdin, for scripts/eval/dates.sh.
//   vigil-dates-eval [--time] < docs.jsonl > timexes.jsonl
// Input lines: {"id": "...", "text": "...", "dct": "1998-01-08" | "1990-08-16T20:41" | null}.
// Output lines: {"id": "...", "timexes": [{"start", "end", "text", "type", "value"}, ...]} with
// start/end in code points (Unicode characters, as Python indexes strings), not bytes.
// --time: also prints on stderr the tagging time (documents, words, ms, ms per 1,000 words).
// Exit codes: 0 success, 2 usage error or a line that is not such an object.
#include <simdjson.h>

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article/article.h"
#include "entities/dates.h"
#include "vigil/json.h"

namespace {

using vigil::entities::DateMention;
using vigil::entities::TimexType;

const char* type_name(TimexType type) {
  switch (type) {
    case TimexType::kDate:
      return "DATE";
    case TimexType::kTime:
      return "TIME";
    case TimexType::kDuration:
      return "DURATION";
    case TimexType::kSet:
      return "SET";
  }
  return "DATE";
}

// Code points before each byte offset we report: bytes that do not continue a UTF-8 sequence.
std::size_t code_points(std::string_view text, std::size_t bytes) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < bytes && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

}  // namespace

int main(int argc, char** argv) {
  bool timing = false;
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--time") {
      timing = true;
    } else {
      std::fprintf(stderr, "usage: vigil-dates-eval [--time] < docs.jsonl\n");
      return 2;
    }
  }
  simdjson::dom::parser parser;
  std::string line;
  std::size_t documents = 0;
  std::size_t words = 0;
  std::chrono::steady_clock::duration tagging{};
  for (std::size_t number = 1; std::getline(std::cin, line); ++number) {
    if (line.empty()) continue;
    simdjson::dom::object object;
    std::string_view id;
    std::string_view text;
    if (parser.parse(line).get(object) != simdjson::SUCCESS ||
        object["id"].get_string().get(id) != simdjson::SUCCESS ||
        object["text"].get_string().get(text) != simdjson::SUCCESS) {
      std::fprintf(stderr,
                   "vigil-dates-eval: error: line %zu: expected {\"id\", \"text\", \"dct\"}\n",
                   number);
      return 2;
    }
    std::string_view dct_text;
    std::optional<vigil::PartialDate> dct;
    if (object["dct"].get_string().get(dct_text) == simdjson::SUCCESS) {
      dct = vigil::parse_iso_date(dct_text);
    }
    const auto start = std::chrono::steady_clock::now();
    const std::vector<DateMention> mentions = vigil::entities::find_time_expressions(text, dct);
    tagging += std::chrono::steady_clock::now() - start;
    ++documents;
    words += count_words(text);
    std::string out = "{\"id\":" + vigil::json_quote(id) + ",\"timexes\":[";
    for (std::size_t m = 0; m < mentions.size(); ++m) {
      const DateMention& mention = mentions[m];
      if (m > 0) out += ',';
      out += "{\"start\":" + std::to_string(code_points(text, mention.start)) +
             ",\"end\":" + std::to_string(code_points(text, mention.end)) +
             ",\"text\":" + vigil::json_quote(mention.text) + ",\"type\":\"" +
             type_name(mention.type) + "\",\"value\":" + vigil::json_quote(mention.value) + "}";
    }
    out += "]}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  if (timing) {
    const double ms = std::chrono::duration<double, std::milli>(tagging).count();
    std::fprintf(stderr, "documents\t%zu\nwords\t%zu\nms\t%.1f\nms_per_1000_words\t%.4f\n",
                 documents, words, ms, words > 0 ? ms * 1000.0 / static_cast<double>(words) : 0.0);
  }
  return 0;
}
