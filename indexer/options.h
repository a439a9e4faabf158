#pragma once
// vigil-index command-line and config-file options, converted and validated once into a plain
// IndexerConfig. Precedence: command line > --config FILE > defaults.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "article/article.h"
#include "crawler/crawler.h"
#include "vigil/log.h"
#include "vigil/shard.h"

namespace vigil::indexer {

enum class Command { kAdd, kExtract, kCrawl, kEntities, kUpdate, kStats, kCompact, kReindex };

struct IndexerConfig {
  Command command = Command::kAdd;
  std::string db;                  // index directory (add, crawl, compact)
  double wait_lock_seconds = 0;    // how long to wait for another run's lock on db (0: fail)
  std::vector<std::string> paths;  // files and directories to import (add), the page (extract)
  std::string url;                 // extract: the page's address, for canonical and relative URLs
  std::size_t batch_size = 500;    // documents per commit
  crawler::CrawlConfig crawl;      // crawl: sources, scope, politeness, limits
  std::string contact;             // crawl: URL or e-mail address put in the User-Agent
  std::string report;              // crawl: write the summary as JSON to this file
  bool dry_run = false;            // crawl: fetch and extract, but write nothing (no --db needed)
  bool no_entities = false;        // add, crawl: skip entity recognition (no entity facets)
  // add, crawl, update: build this shard of the collection (--shard I/N); nullopt: not given,
  // the whole collection (1/1). crawl.shard holds its value for the crawler.
  std::optional<Shard> shard;
  std::optional<PartialDate> published;  // entities: the text's publication date
  bool jsonl = false;  // entities: JSON Lines in ({"id","text","published"}) and out
  // crawl, update: the revisit schedule's bounds (revisit.h) and whether to archive every
  // response in WARC files (DIR/warc)
  double revisit_min_days = 1;
  double revisit_max_days = 30;
  bool revisit_all = false;  // update: every known URL is due in this run
  bool warc = false;
  std::uint64_t warc_file_bytes = std::uint64_t{1} << 30;  // a new WARC file beyond this size
  bool json = false;                                       // stats: JSON instead of text
  bool quiet = false;  // -q: update prints warnings and errors only, and no summary on success
  LogLevel log_level = LogLevel::kInfo;
  bool print_config = false;  // print the effective configuration and exit
};

// What main should do: run `config`, or print `text` to stdout and exit with code 0 (--help,
// --version).
struct ParsedOptions {
  std::optional<IndexerConfig> config;
  std::string text;
};

// The crawl settings stored in the index at `db` by `crawl` (config-file text; "" when none).
using StoredSettings = std::function<std::string(const std::string& db)>;

// Parses argv. `update` takes its crawl settings from `stored` (options on its command line win
// for that run). Throws ConfigError (exit code 2) naming the bad option or value, with a hint.
ParsedOptions parse_options(int argc, const char* const argv[], const StoredSettings& stored = {});

// The crawl settings of `config` in config-file syntax, as `crawl` stores them for `update`.
std::string crawl_settings_text(const IndexerConfig& config);

// The effective configuration in config-file syntax (for --print-config).
std::string describe(const IndexerConfig& config);

}  // namespace vigil::indexer
