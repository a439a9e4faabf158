#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "options.h"
#include "support/temp_dir.h"
#include "vigil/errors.h"

namespace vigil::indexer {
namespace {

ParsedOptions parse(std::vector<std::string> args) {
  args.insert(args.begin(), "vigil-index");
  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  return parse_options(static_cast<int>(argv.size()), argv.data());
}

TEST(IndexerOptions, AddWithDefaults) {
  const ParsedOptions parsed = parse({"add", "--db", "idx", "a.jsonl", "pages/"});
  ASSERT_TRUE(parsed.config);
  const IndexerConfig& config = *parsed.config;
  EXPECT_EQ(config.db, "idx");
  EXPECT_EQ(config.paths, (std::vector<std::string>{"a.jsonl", "pages/"}));
  EXPECT_EQ(config.batch_size, 2000u);
  EXPECT_EQ(config.log_level, LogLevel::kInfo);
  EXPECT_FALSE(config.print_config);
}

TEST(IndexerOptions, ExtractNeedsNoIndex) {
  const ParsedOptions parsed = parse({"extract", "--url", "https://example.org/a", "a.html"});
  ASSERT_TRUE(parsed.config);
  EXPECT_EQ(parsed.config->command, Command::kExtract);
  EXPECT_EQ(parsed.config->url, "https://example.org/a");
  EXPECT_EQ(parsed.config->paths, std::vector<std::string>{"a.html"});
  EXPECT_TRUE(parsed.config->db.empty());
}

TEST(IndexerOptions, QuietVerboseAndLogLevel) {
  EXPECT_EQ(parse({"add", "--db", "i", "x", "-q"}).config->log_level, LogLevel::kError);
  EXPECT_EQ(parse({"add", "--db", "i", "x", "-v"}).config->log_level, LogLevel::kDebug);
  EXPECT_EQ(parse({"add", "--db", "i", "x", "--log-level", "warn"}).config->log_level,
            LogLevel::kWarn);
}

TEST(IndexerOptions, HelpAndVersionAreText) {
  const ParsedOptions help = parse({"--help"});
  EXPECT_FALSE(help.config);
  EXPECT_NE(help.text.find("--batch-size"), std::string::npos);
  EXPECT_NE(help.text.find("Exit codes:"), std::string::npos);
  EXPECT_NE(parse({"--version"}).text.find("vigil-index"), std::string::npos);
}

TEST(IndexerOptions, ConfigFileFillsWhatTheCommandLineLeaves) {
  test::TempDir dir;
  const std::string file = dir.write("vigil.conf", "db = from-file\nbatch-size = 50\n");
  const ParsedOptions parsed = parse({"add", "--config", file, "--batch-size", "7", "x.jsonl"});
  ASSERT_TRUE(parsed.config);
  EXPECT_EQ(parsed.config->db, "from-file");
  EXPECT_EQ(parsed.config->batch_size, 7u);  // the command line wins
}

struct BadArgs {
  std::vector<std::string> args;
  const char* message;  // expected substring of the ConfigError
};

class IndexerOptionErrors : public testing::TestWithParam<BadArgs> {};

TEST_P(IndexerOptionErrors, NameTheProblem) {
  try {
    parse(GetParam().args);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(GetParam().message), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, IndexerOptionErrors,
    testing::Values(
        BadArgs{{}, "no command given"},
        BadArgs{{"index", "--db", "i", "x"}, "unknown command 'index': expected add or extract"},
        BadArgs{{"extract"}, "extract takes exactly one HTML file, got 0"},
        BadArgs{{"extract", "a.html", "b.html"}, "extract takes exactly one HTML file, got 2"},
        BadArgs{{"add", "x"}, "no index directory given"},
        BadArgs{{"add", "--db", "i"}, "at least one file or directory"},
        BadArgs{{"add", "--db", "i", "x", "--batch-size", "0"}, "invalid --batch-size 0"},
        BadArgs{{"add", "--db", "i", "x", "--batch-size", "ten"}, "batch-size"},
        BadArgs{{"add", "--db", "i", "x", "--log-level", "loud"}, "invalid --log-level 'loud'"},
        BadArgs{{"add", "--frob"}, "unrecognised option '--frob' (see --help)"},
        BadArgs{{"add", "--config", "/nonexistent/vigil.conf", "x"}, "cannot read --config"}));

}  // namespace
}  // namespace vigil::indexer
