// The HTML reader on real pages from the shared data (skipped without ../shared, failing under
// CI): the Readability test pages against measured floors, and real pages re-encoded in legacy
// charsets without a declaration.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extract/html_reader.h"
#include "html_test_support.h"
#include "support/shared_data.h"
#include "vigil/text.h"

namespace vigil::extract {
namespace {

// ---------------------------------------------------------------------------------------------
// Real pages: Mozilla Readability's test pages with their expected metadata and text

std::string read_gz(const std::string& path) {
  std::string out;
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return out;
  char buffer[1 << 16];
  int got = 0;
  while ((got = gzread(file, buffer, sizeof buffer)) > 0) out.append(buffer, got);
  gzclose(file);
  return out;
}

// The regular files of a ustar archive, by name.
std::map<std::string, std::string> untar(std::string_view tar) {
  std::map<std::string, std::string> files;
  for (std::size_t at = 0; at + 512 <= tar.size();) {
    const std::string_view header = tar.substr(at, 512);
    if (header[0] == '\0') break;
    const std::string name(header.data(), header.substr(0, 100).find('\0'));
    const std::size_t size = std::stoul(std::string(header.substr(124, 12)), nullptr, 8);
    if (header[156] == '0' || header[156] == '\0') files[name] = tar.substr(at + 512, size);
    at += 512 + (size + 511) / 512 * 512;
  }
  return files;
}

// Whitespace (with U+00A0) collapsed, so that only the words are compared.
std::string words(std::string_view text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool nbsp = text.substr(i, 2) == "\xC2\xA0";
    if (nbsp || text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r') {
      space = !out.empty();
      i += nbsp ? 1 : 0;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += text[i];
  }
  return out;
}

std::string primary(std::string_view tag) {
  return ascii_lower(tag.substr(0, tag.find_first_of("-_")));
}

// Words as the extraction benchmark counts them: runs of letters and digits (any non-ASCII byte
// counts as a letter, which keeps UTF-8 words whole).
std::vector<std::string_view> tokens(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const auto byte = i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
    const bool word = byte >= 0x80 || std::isalnum(byte) != 0 || byte == '_';
    if (word && start == std::string_view::npos) start = i;
    if (!word && start != std::string_view::npos) {
      out.push_back(text.substr(start, i - start));
      start = std::string_view::npos;
    }
  }
  return out;
}

// The benchmark's per-page comparison: multisets of 4-token shingles (a shorter text is one
// shingle); returns {true positives, predicted, expected}.
std::array<std::size_t, 3> shingle_overlap(std::string_view predicted, std::string_view expected) {
  const auto shingles = [](std::string_view text) {
    const std::vector<std::string_view> words = tokens(text);
    std::map<std::string, std::size_t> out;
    if (words.empty()) return out;
    const std::size_t n = std::min<std::size_t>(4, words.size());
    for (std::size_t i = 0; i + n <= words.size(); ++i) {
      std::string key;
      for (std::size_t k = i; k < i + n; ++k) key.append(words[k]).push_back(' ');
      ++out[key];
    }
    return out;
  };
  const auto ours = shingles(predicted);
  const auto gold = shingles(expected);
  std::size_t tp = 0, pred = 0, exp = 0;
  for (const auto& [key, count] : ours) {
    pred += count;
    const auto it = gold.find(key);
    if (it != gold.end()) tp += std::min(count, it->second);
  }
  for (const auto& [key, count] : gold) exp += count;
  return {tp, pred, exp};
}

struct Score {
  int pages = 0;
  int failed = 0;
  int title_match = 0;
  double precision_sum = 0;  // over pages where we extracted text
  int precision_pages = 0;
  double recall_sum = 0;  // over pages with expected text
  int recall_pages = 0;
  int lang_known = 0;
  int lang_match = 0;
  int dated = 0;
  int date_match = 0;
};

std::string_view text_field(simdjson::dom::element object, const char* key) {
  std::string_view value;
  return object[key].get_string().get(value) == simdjson::SUCCESS ? value : std::string_view();
}

void score_page(simdjson::dom::element expected, const Article& a, Score& score) {
  const simdjson::dom::element meta = expected["expected_metadata"];
  score.title_match += words(text_field(meta, "title")) == a.title;
  const std::string_view lang = text_field(meta, "lang");
  score.lang_known += !lang.empty();
  score.lang_match += !lang.empty() && primary(lang) == a.language;
  if (const auto date = parse_iso_date(text_field(meta, "publishedTime"))) {
    ++score.dated;
    score.date_match += a.published == date;
  }
  const auto [tp, predicted, expected_count] =
      shingle_overlap(a.main_text, text_field(expected, "expected_text"));
  if (predicted != 0) {
    score.precision_sum += static_cast<double>(tp) / static_cast<double>(predicted);
    ++score.precision_pages;
  }
  if (expected_count != 0) {
    score.recall_sum += static_cast<double>(tp) / static_cast<double>(expected_count);
    ++score.recall_pages;
  }
}

double share(int part, int whole) { return whole == 0 ? 0.0 : static_cast<double>(part) / whole; }

TEST(HtmlReader, ReadabilityPagesMeetMeasuredFloors) {
  VIGIL_REQUIRE_SHARED();
  const std::string dir = test::shared_path("data/article_extraction/readability_test_pages/");
  const std::map<std::string, std::string> files = untar(read_gz(dir + "test-pages.dev.tar.gz"));
  const simdjson::padded_string expected(read_gz(dir + "expected.dev.jsonl.gz"));
  simdjson::dom::parser parser;
  Score score;
  for (const simdjson::dom::element page_expected : parser.parse_many(expected)) {
    const std::string id(text_field(page_expected, "id"));
    const auto source = files.find("test-pages/" + id + "/source.html");
    ASSERT_NE(source, files.end()) << id;
    ++score.pages;
    const Result<Article> result = read(source->second, "file:///" + id);
    if (!result.ok()) {
      ++score.failed;
      ADD_FAILURE() << id << ": " << result.error().describe();
      continue;
    }
    EXPECT_TRUE(is_valid_utf8(result.value().main_text)) << id;
    score_page(page_expected, result.value(), score);
  }
  const double precision = score.precision_sum / std::max(1, score.precision_pages);
  const double recall = score.recall_sum / std::max(1, score.recall_pages);
  std::printf(
      "readability pages: %d read, titles %d/%d, main text precision %.3f recall %.3f, "
      "language %d/%d, dates %d/%d\n",
      score.pages - score.failed, score.title_match, score.pages, precision, recall,
      score.lang_match, score.lang_known, score.date_match, score.dated);
  EXPECT_EQ(score.pages, 91);
  EXPECT_EQ(score.failed, 0);
  // Main text is scored as the extraction benchmark does (4-token shingles, per-page precision and
  // recall averaged; scripts/eval/extraction.sh has the full evaluation). Keeping every visible
  // paragraph would pass a recall floor alone, so both are held. Measured: titles 76/91 (the
  // expected titles keep some site names, " | eHow", which we remove as issue 4 asks; 79/91
  // before that), precision 0.937, recall 0.900 (the whole visible text: 0.700 and 0.953),
  // language 51/51, dates 20/20. Floors sit a little below so that small deliberate changes do not
  // fail.
  EXPECT_GE(share(score.title_match, score.pages), 0.82);
  EXPECT_GE(precision, 0.91);
  EXPECT_GE(recall, 0.88);
  EXPECT_GE(share(score.lang_match, score.lang_known), 0.95);
  EXPECT_GE(share(score.date_match, score.dated), 0.90);
}

// `utf8` in `charset`, unmappable characters substituted, through ICU.
std::string from_utf8(const std::string& utf8, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<UConverter, decltype(&ucnv_close)> converter(ucnv_open(charset, &status),
                                                                     &ucnv_close);
  EXPECT_TRUE(U_SUCCESS(status)) << charset << ": " << u_errorName(status);
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  const int32_t size = text.extract(nullptr, 0, converter.get(), status);
  status = U_ZERO_ERROR;
  std::string out(static_cast<std::size_t>(size), '\0');
  text.extract(out.data(), size, converter.get(), status);
  EXPECT_TRUE(U_SUCCESS(status)) << charset << ": " << u_errorName(status);
  return out;
}

// Removes every charset declaration ("charset" becomes "charsex"), as on pages that declare none.
std::string without_declaration(std::string html) {
  std::string lower = ascii_lower(html);
  for (std::size_t pos = lower.find("charset"); pos != std::string::npos;
       pos = lower.find("charset", pos + 7)) {
    html[pos + 6] = 'x';
  }
  return html;
}

// Real pages in other scripts, saved in a legacy charset without declaring it: the detector must
// find the charset, or the text is garbage to the index. Each page's text read that way must match
// the text read from the original UTF-8 page (4-token shingles, as in the evaluation).
TEST(HtmlReader, UndeclaredLegacyCharsetsOfRealPagesAreDetected) {
  VIGIL_REQUIRE_SHARED();
  const std::string dir = test::shared_path("data/article_extraction/readability_test_pages/");
  const std::map<std::string, std::string> files = untar(read_gz(dir + "test-pages.dev.tar.gz"));
  struct LegacyCase {
    const char* page;
    const char* charset;
  };
  for (const LegacyCase& c :
       {LegacyCase{"aktualne", "windows-1250"}, LegacyCase{"aktualne", "ISO-8859-2"},
        LegacyCase{"gmw", "GB18030"}, LegacyCase{"qq", "GB18030"}, LegacyCase{"pixnet", "Big5"},
        LegacyCase{"hukumusume", "Shift_JIS"}, LegacyCase{"yahoo-4", "EUC-JP"},
        LegacyCase{"heise", "windows-1252"}, LegacyCase{"lemonde-1", "windows-1252"}}) {
    const auto source = files.find(std::string("test-pages/") + c.page + "/source.html");
    ASSERT_NE(source, files.end()) << c.page;
    const Article original = article(source->second);
    const Article legacy = article(from_utf8(without_declaration(source->second), c.charset));
    const auto [tp, predicted, expected] = shingle_overlap(legacy.main_text, original.main_text);
    ASSERT_GT(expected, 0U) << c.page;
    EXPECT_GE(static_cast<double>(tp) / static_cast<double>(expected), 0.97)
        << c.page << " in " << c.charset << ": " << legacy.main_text.substr(0, 200);
    EXPECT_EQ(legacy.title.empty(), original.title.empty()) << c.page;
  }
}

}  // namespace
}  // namespace vigil::extract
