#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "options.h"
#include "support/temp_dir.h"
#include "vigil/errors.h"

namespace vigil::indexer {
namespace {

ParsedOptions parse(std::vector<std::string> args, const StoredSettings& stored = {}) {
  args.insert(args.begin(), "vigil-index");
  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  return parse_options(static_cast<int>(argv.size()), argv.data(), stored);
}

TEST(IndexerOptions, AddWithDefaults) {
  const ParsedOptions parsed = parse({"add", "--db", "idx", "a.jsonl", "pages/"});
  ASSERT_TRUE(parsed.config);
  const IndexerConfig& config = *parsed.config;
  EXPECT_EQ(config.db, "idx");
  EXPECT_EQ(config.paths, (std::vector<std::string>{"a.jsonl", "pages/"}));
  EXPECT_EQ(config.batch_size, 500u);
  EXPECT_EQ(config.log_level, LogLevel::kInfo);
  EXPECT_FALSE(config.print_config);
  EXPECT_EQ(config.wait_lock_seconds, 0.0);
}

TEST(IndexerOptions, CompactWithWaitLock) {
  const ParsedOptions parsed = parse({"compact", "--db", "idx", "--wait-lock", "2.5"});
  ASSERT_TRUE(parsed.config);
  EXPECT_EQ(parsed.config->command, Command::kCompact);
  EXPECT_EQ(parsed.config->db, "idx");
  EXPECT_DOUBLE_EQ(parsed.config->wait_lock_seconds, 2.5);
  const std::string described = describe(*parsed.config);
  EXPECT_NE(described.find("# command: compact\n"), std::string::npos) << described;
  EXPECT_NE(described.find("wait-lock = 2.5\n"), std::string::npos) << described;
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

TEST(IndexerOptions, CrawlFromCommandLineAndConfigFile) {
  test::TempDir dir;
  const std::string seeds =
      dir.write("seeds.txt", "# NGO sites\nhttps://a.example/news/\n\n  https://b.example/ # b\n");
  const std::string file = dir.write(
      "crawl.conf",
      "db = idx\ncontact = mailto:archive@example.org\nsitemap = https://a.example/sitemap.xml\n"
      "sitemap = https://b.example/sitemap.xml\nfeed = https://a.example/rss\n"
      "allow-domain = cdn.example\nmax-depth = 1\nmax-pages = 50\nconcurrency = 4\n"
      "delay = 2.5\nmax-retries = 2\ntimeout = 30\n");
  const ParsedOptions parsed = parse({"crawl", "--config", file, "--seeds-file", seeds, "--seed",
                                      "https://c.example/", "--max-pages", "70"});
  ASSERT_TRUE(parsed.config);
  const crawler::CrawlConfig& crawl = parsed.config->crawl;
  EXPECT_EQ(parsed.config->command, Command::kCrawl);
  EXPECT_EQ(parsed.config->db, "idx");
  EXPECT_EQ(crawl.seeds, (std::vector<std::string>{"https://c.example/", "https://a.example/news/",
                                                   "https://b.example/"}));
  EXPECT_EQ(crawl.sitemaps, (std::vector<std::string>{"https://a.example/sitemap.xml",
                                                      "https://b.example/sitemap.xml"}));
  EXPECT_EQ(crawl.feeds, std::vector<std::string>{"https://a.example/rss"});
  EXPECT_EQ(crawl.allow_domains, std::vector<std::string>{"cdn.example"});
  EXPECT_EQ(crawl.max_depth, 1);
  EXPECT_EQ(crawl.max_pages, 70U);  // the command line wins
  EXPECT_EQ(crawl.concurrency, 4U);
  EXPECT_DOUBLE_EQ(crawl.delay_seconds, 2.5);
  EXPECT_EQ(crawl.max_retries, 2);
  EXPECT_EQ(crawl.timeout_seconds, 30);
  EXPECT_EQ(crawl.user_agent, "VigilBot/" VIGIL_VERSION " (+mailto:archive@example.org)");
  const std::string described = describe(*parsed.config);
  EXPECT_NE(described.find("seed = https://a.example/news/\n"), std::string::npos) << described;
  EXPECT_NE(described.find("delay = 2.5\n"), std::string::npos) << described;
}

TEST(IndexerOptions, CrawlDefaults) {
  const ParsedOptions parsed =
      parse({"crawl", "--db", "i", "--contact", "https://me.example/", "--seed", "https://e.org/"});
  ASSERT_TRUE(parsed.config);
  const crawler::CrawlConfig& crawl = parsed.config->crawl;
  EXPECT_EQ(crawl.max_depth, 2);
  EXPECT_EQ(crawl.max_pages, 1000U);
  EXPECT_EQ(crawl.concurrency, 8U);
  EXPECT_EQ(crawl.per_host, 1);
  EXPECT_DOUBLE_EQ(crawl.delay_seconds, 1.0);
  EXPECT_EQ(crawl.max_retries, 3);
  // A whole --user-agent replaces the default one.
  EXPECT_EQ(parse({"crawl", "--db", "i", "--user-agent", "ArchiveBot/2 (+https://x.example)",
                   "--seed", "https://e.org/"})
                .config->crawl.user_agent,
            "ArchiveBot/2 (+https://x.example)");
  EXPECT_EQ(crawler::product_token("ArchiveBot/2 (+https://x.example)"), "ArchiveBot");
  // A dry run writes nothing and needs no index.
  const ParsedOptions dry =
      parse({"crawl", "--dry-run", "--contact", "c", "--seed", "https://e.org/"});
  ASSERT_TRUE(dry.config);
  EXPECT_TRUE(dry.config->dry_run);
  EXPECT_TRUE(dry.config->db.empty());
  EXPECT_FALSE(parse({"crawl", "--db", "i", "--contact", "c", "--seed", "u"}).config->dry_run);
}

TEST(IndexerOptions, ShardIsStoredWithTheCrawlSettingsAndReusedByUpdate) {
  EXPECT_FALSE(parse({"add", "--db", "i", "x"}).config->shard);
  const ParsedOptions add = parse({"add", "--db", "i", "--shard", "1/2", "x"});
  ASSERT_TRUE(add.config);
  EXPECT_EQ(add.config->shard, (Shard{1, 2}));
  EXPECT_NE(describe(*add.config).find("shard = 1/2\n"), std::string::npos);

  const ParsedOptions crawl =
      parse({"crawl", "--db", "i", "--contact", "c", "--seed", "https://e.org/", "--shard", "2/3"});
  ASSERT_TRUE(crawl.config);
  EXPECT_EQ(crawl.config->shard, (Shard{2, 3}));
  EXPECT_EQ(crawl.config->crawl.shard, (Shard{2, 3}));
  std::string settings = crawl_settings_text(*crawl.config);
  EXPECT_NE(settings.find("shard = 2/3\n"), std::string::npos) << settings;
  EXPECT_EQ(
      crawl_settings_text(*parse({"crawl", "--db", "i", "--contact", "c", "--seed", "u"}).config)
          .find("shard"),
      std::string::npos);

  const StoredSettings stored = [&](const std::string&) { return settings; };
  const ParsedOptions update = parse({"update", "--db", "i"}, stored);
  ASSERT_TRUE(update.config);
  EXPECT_EQ(update.config->shard, (Shard{2, 3}));
  EXPECT_EQ(update.config->crawl.shard, (Shard{2, 3}));
  // The command line wins here; the run refuses a shard other than the index's (pipeline.h).
  EXPECT_EQ(parse({"update", "--db", "i", "--shard", "1/3"}, stored).config->shard, (Shard{1, 3}));
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
        BadArgs{{"index", "--db", "i", "x"},
                "unknown command 'index': expected add, compact, crawl, entities, extract, "
                "reindex, stats "
                "or update"},
        BadArgs{{"compact", "--db", "i", "x"}, "compact takes no files ('x')"},
        BadArgs{{"compact"}, "no index directory given"},
        BadArgs{{"add", "--db", "i", "x", "--wait-lock", "-1"}, "invalid --wait-lock"},
        BadArgs{{"add", "--db", "i", "x", "--wait-lock", "nan"}, "invalid --wait-lock"},
        BadArgs{{"extract"}, "extract takes exactly one HTML file or URL, got 0"},
        BadArgs{{"extract", "a.html", "b.html"},
                "extract takes exactly one HTML file or URL, got 2"},
        BadArgs{{"crawl", "--db", "i", "--contact", "c"}, "crawl needs at least one --seed"},
        BadArgs{{"crawl", "--db", "i", "--seed", "https://e.org/"}, "crawl needs --contact"},
        BadArgs{{"crawl", "--db", "i", "--contact", "c", "https://e.org/"},
                "crawl takes URLs as --seed, --sitemap or --feed, not as arguments"},
        BadArgs{{"crawl", "--contact", "c", "--seed", "https://e.org/"}, "no index directory"},
        BadArgs{{"crawl", "--db", "i", "--contact", "c", "--seed", "u", "--max-depth", "-1"},
                "invalid --max-depth"},
        BadArgs{{"crawl", "--db", "i", "--contact", "c", "--seed", "u", "--max-pages", "0"},
                "invalid --max-pages 0"},
        BadArgs{{"crawl", "--db", "i", "--contact", "c", "--seed", "u", "--concurrency", "0"},
                "invalid --concurrency"},
        BadArgs{{"crawl", "--db", "i", "--contact", "c", "--seed", "u", "--per-host", "99"},
                "invalid --per-host"},
        BadArgs{{"crawl", "--db", "i", "--contact", "c", "--seed", "u", "--delay", "-1"},
                "invalid --delay"},
        BadArgs{{"crawl", "--db", "i", "--contact", "c", "--seed", "u", "--delay", "nan"},
                "invalid --delay"},
        BadArgs{{"crawl", "--db", "i", "--contact", "c", "--seed", "u", "--max-retries", "50"},
                "invalid --max-retries"},
        BadArgs{{"crawl", "--db", "i", "--contact", "c", "--seed", "u", "--timeout", "0"},
                "invalid --timeout"},
        BadArgs{{"crawl", "--db", "i", "--user-agent", "Bot\r\nX-Evil: 1", "--seed", "u"},
                "control characters are not allowed"},
        BadArgs{{"crawl", "--db", "i", "--contact", "c", "--seeds-file", "/nonexistent/seeds"},
                "cannot read --seeds-file"},
        BadArgs{{"add", "x"}, "no index directory given"},
        BadArgs{{"add", "--db", "i"}, "at least one file or directory"},
        BadArgs{{"add", "--db", "i", "x", "--batch-size", "0"}, "invalid --batch-size 0"},
        BadArgs{{"add", "--db", "i", "x", "--shard", "4/3"},
                "invalid --shard '4/3': there is no shard 4 of 3"},
        BadArgs{{"crawl", "--db", "i", "--contact", "c", "--seed", "u", "--shard", "3"},
                "invalid --shard '3': expected I/N"},
        BadArgs{{"add", "--db", "i", "x", "--batch-size", "ten"}, "batch-size"},
        BadArgs{{"add", "--db", "i", "x", "--log-level", "loud"}, "invalid --log-level 'loud'"},
        BadArgs{{"add", "--frob"}, "unrecognised option '--frob' (see --help)"},
        BadArgs{{"add", "--config", "/nonexistent/vigil.conf", "x"}, "cannot read --config"}));

}  // namespace
}  // namespace vigil::indexer
