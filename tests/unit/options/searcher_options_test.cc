#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "options.h"
#include "support/temp_dir.h"
#include "vigil/errors.h"

namespace vigil::searcher {
namespace {

ParsedOptions parse(std::vector<std::string> args, const char* env_db = nullptr) {
  args.insert(args.begin(), "vigil-search");
  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  return parse_options(static_cast<int>(argv.size()), argv.data(), env_db);
}

TEST(SearcherOptions, JoinsQueryWordsAndKeepsDefaults) {
  const ParsedOptions parsed = parse({"--db", "idx", "forced", "labour", "\"cotton fields\""});
  ASSERT_TRUE(parsed.config);
  const SearcherConfig& config = *parsed.config;
  EXPECT_EQ(config.dbs, std::vector<std::string>{"idx"});
  EXPECT_EQ(config.request.query, "forced labour \"cotton fields\"");
  EXPECT_EQ(config.request.page, 1);
  EXPECT_EQ(config.request.per_page, 10);
  EXPECT_EQ(config.format, Format::kText);
  EXPECT_EQ(config.color, Color::kAuto);
}

TEST(SearcherOptions, SeveralDatabasesAndEnvironment) {
  EXPECT_EQ(parse({"--db", "a", "--db", "b", "q"}).config->dbs,
            (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(parse({"q"}, "/srv/index").config->dbs, std::vector<std::string>{"/srv/index"});
  EXPECT_EQ(parse({"--db", "flag", "q"}, "/srv/index").config->dbs,
            std::vector<std::string>{"flag"});
}

TEST(SearcherOptions, PerPageIsClamped) {
  EXPECT_EQ(parse({"--db", "i", "--per-page", "5000", "q"}).config->request.per_page, 100);
  EXPECT_EQ(parse({"--db", "i", "--page", "99999", "q"}).config->request.page, 1000);
}

TEST(SearcherOptions, FormatsAndColours) {
  EXPECT_EQ(parse({"--db", "i", "--format", "json", "q"}).config->format, Format::kJson);
  EXPECT_EQ(parse({"--db", "i", "--color", "never", "q"}).config->color, Color::kNever);
  EXPECT_EQ(parse({"--db", "i", "--color", "always", "q"}).config->color, Color::kAlways);
}

TEST(SearcherOptions, ExportExactRankingAndLimits) {
  const ParsedOptions parsed = parse({"--db", "i", "--export", "csv", "--exact", "--bm25-k1", "0.9",
                                      "--bm25-b", "0.4", "--time-limit", "2.5", "--max-terms", "20",
                                      "--max-query-bytes", "500", "--max-wildcard", "50", "q"});
  ASSERT_TRUE(parsed.config);
  const SearcherConfig& config = *parsed.config;
  EXPECT_EQ(config.export_format, Export::kCsv);
  EXPECT_TRUE(config.request.exact);
  EXPECT_DOUBLE_EQ(config.settings.bm25_k1, 0.9);
  EXPECT_DOUBLE_EQ(config.settings.bm25_b, 0.4);
  EXPECT_DOUBLE_EQ(config.settings.time_limit, 2.5);
  EXPECT_EQ(config.settings.limits.max_terms, 20u);
  EXPECT_EQ(config.settings.limits.max_bytes, 500u);
  EXPECT_EQ(config.settings.limits.max_wildcard, 50u);
  EXPECT_EQ(parse({"--db", "i", "--export", "jsonl", "q"}).config->export_format, Export::kJsonl);
  const ParsedOptions defaults = parse({"--db", "i", "q"});
  EXPECT_EQ(defaults.config->export_format, Export::kNone);
  EXPECT_FALSE(defaults.config->request.exact);
  EXPECT_TRUE(defaults.config->request.facets);
}

TEST(SearcherOptions, CopiesCollapseUnlessNoCollapse) {
  EXPECT_TRUE(parse({"--db", "i", "q"}).config->request.collapse);
  EXPECT_FALSE(parse({"--db", "i", "--no-collapse", "q"}).config->request.collapse);
  test::TempDir dir;
  const std::string file = dir.write("search.conf", "db = /srv/index\nno-collapse = true\n");
  const ParsedOptions parsed = parse({"--config", file, "q"});
  ASSERT_TRUE(parsed.config);
  EXPECT_FALSE(parsed.config->request.collapse);
  EXPECT_NE(describe(*parsed.config).find("no-collapse = true\n"), std::string::npos);
}

TEST(SearcherOptions, ConfigFileAndPrintConfig) {
  test::TempDir dir;
  const std::string file = dir.write("search.conf", "db = /srv/index\nformat = json\n");
  const ParsedOptions parsed = parse({"--config", file, "--print-config"});
  ASSERT_TRUE(parsed.config);
  EXPECT_TRUE(parsed.config->print_config);
  const std::string described = describe(*parsed.config);
  EXPECT_NE(described.find("db = /srv/index\n"), std::string::npos) << described;
  EXPECT_NE(described.find("format = json\n"), std::string::npos) << described;
}

struct BadArgs {
  std::vector<std::string> args;
  const char* message;
};

class SearcherOptionErrors : public testing::TestWithParam<BadArgs> {};

TEST_P(SearcherOptionErrors, NameTheValueAndTheChoices) {
  try {
    parse(GetParam().args);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(GetParam().message), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, SearcherOptionErrors,
    testing::Values(BadArgs{{"q"}, "no index given"}, BadArgs{{"--db", "i"}, "no query given"},
                    BadArgs{{"--db", "i", "--format", "xml", "q"},
                            "invalid --format 'xml': expected one of text, json"},
                    BadArgs{{"--db", "i", "--color", "sometimes", "q"},
                            "invalid --color 'sometimes': expected one of auto, always, never"},
                    BadArgs{{"--db", "i", "--page", "0", "q"}, "invalid --page 0"},
                    BadArgs{{"--db", "i", "--per-page", "-3", "q"}, "invalid --per-page -3"},
                    BadArgs{{"--db", "i", "--page", "two", "q"}, "page"},
                    BadArgs{{"--db", "i", "--sort", "newest", "q"},
                            "invalid --sort 'newest': expected one of relevance, date, -date"},
                    BadArgs{{"--db", "i", "--filter", "year", "q"},
                            "invalid --filter 'year': expected NAME=VALUE"},
                    BadArgs{{"--db", "i", "--export", "xlsx", "q"},
                            "invalid --export 'xlsx': expected one of csv, jsonl"},
                    BadArgs{{"--db", "i", "--bm25-b", "1.5", "q"}, "invalid --bm25-k1 or --bm25-b"},
                    BadArgs{{"--db", "i", "--time-limit", "-1", "q"}, "invalid --time-limit"},
                    BadArgs{{"--db", "i", "--max-terms", "0", "q"}, "invalid --max-terms"},
                    BadArgs{{"--db", "i", "--order", "date", "q"},
                            "unrecognised option '--order'"}));

}  // namespace
}  // namespace vigil::searcher
