#include "options.h"

#include <boost/program_options.hpp>
#include <fstream>
#include <sstream>

#include "vigil/errors.h"
#include "vigil/schema.h"

namespace po = boost::program_options;

namespace vigil::indexer {
namespace {

constexpr const char* kUsage =
    "Usage: vigil-index add --db DIR PATH...\n"
    "       vigil-index crawl --db DIR --contact URL [--seed URL]... [--sitemap URL]...\n"
    "                         [--feed URL]... [options]\n"
    "       vigil-index update --db DIR [--report FILE] [-q] [options]\n"
    "       vigil-index stats --db DIR [--json]\n"
    "       vigil-index extract [--url URL] FILE|URL\n"
    "       vigil-index entities [--published YYYY-MM-DD] FILE|-\n"
    "       vigil-index compact --db DIR\n"
    "       vigil-index reindex --db DIR\n"
    "\n"
    "Builds or updates a Vigil search index.\n"
    "\n"
    "Commands:\n"
    "  add     import HTML files (.html, .htm, optionally .gz), directories of them (recursively)\n"
    "          and JSON Lines files (.jsonl, .jsonl.gz: one article per line with \"title\",\n"
    "          \"body\", a key in \"url\" or \"id\", optional \"date\", \"author\", \"source\",\n"
    "          \"lang\"), and WARC web archives (.warc, .warc.gz, .warc.gz.open: the HTML pages\n"
    "          archived in them). Re-adding a key replaces its document; unchanged ones are left\n"
    "          alone.\n"
    "  crawl   fetch pages from the web, politely (robots.txt, one request at a time per host,\n"
    "          --delay between requests), starting from seed pages (links followed to\n"
    "          --max-depth within the seeds' hosts and --allow-domain), XML sitemaps and\n"
    "          RSS/Atom feeds; index the articles found. The settings are stored in the index\n"
    "          for `update`; crawling an index again resumes or updates it.\n"
    "  update  the nightly job: with the settings of the last crawl, revisit the known pages\n"
    "          that are due (conditional requests; --revisit-min/--revisit-max bound the\n"
    "          adaptive schedule), find new ones from the seeds, sitemaps and feeds, re-index\n"
    "          what changed and remove what is gone (410 at once, 404 when a later run confirms\n"
    "          it, noindex, robots.txt). A killed run resumes where it stopped. -q: quiet unless\n"
    "          something needs attention.\n"
    "  stats   documents, the last run, failing URLs and the next revisits of an index.\n"
    "  extract print what the extractor finds in one HTML file (optionally .gz) or at one URL\n"
    "          as one JSON object: url, canonical_url, title, authors, published, modified,\n"
    "          language, section, description, main_text, links.\n"
    "  entities print the organisations, places and dates recognised in a plain UTF-8 text\n"
    "          (a file, or - for stdin) as one JSON object; relative dates (\"last March\") are\n"
    "          resolved against --published.\n"
    "          Exit code 1 when the page holds no article. Does not touch any index.\n"
    "  compact rewrite the index compactly beside the live one and switch to it (searches\n"
    "          keep working throughout); prints sizes before and after.\n"
    "  reindex rebuild every document without fetching (after the gazetteers, the schema or\n"
    "          the extractor improved): crawled pages from their WARC records (crawls with\n"
    "          --warc), imported files from the files; then switch to it like compact.\n"
    "\n"
    "The index directory DIR holds generations (DIR/gen-000001/, ...) and a stub file\n"
    "DIR/XAPIANDB naming the live one; searchers open DIR. One vigil-index at a time writes to\n"
    "DIR (add, crawl, update, reindex, compact); another one fails at once (exit code 3)\n"
    "unless --wait-lock.\n";

constexpr const char* kExitCodes =
    "\nExit codes:\n"
    "  0  success\n"
    "  1  finished, but some inputs were skipped (each is named on stderr); crawl, update:\n"
    "     some pages could not be fetched after retries (nothing was removed for them);\n"
    "     extract: the page is unreadable or holds no article\n"
    "  2  usage or configuration error\n"
    "  3  runtime failure: index unopenable, locked or of another schema; I/O error, disk\n"
    "     full; interrupted (the index is as of its last commit; run again to resume)\n";

po::options_description general_options() {
  po::options_description general("Options");
  general.add_options()                                                                  //
      ("help,h", "show this help and exit")                                              //
      ("version", "show the version and the schema version and exit")                    //
      ("print-config", po::bool_switch(), "print the effective configuration and exit")  //
      ("config", po::value<std::string>()->value_name("FILE"),
       "read options from FILE (name = value lines)");
  return general;
}

po::options_description index_options() {
  po::options_description index("Index options (also valid in a --config file)");
  index.add_options()                                                                             //
      ("db", po::value<std::string>()->value_name("DIR"), "index directory (created if absent)")  //
      ("wait-lock", po::value<double>()->default_value(0)->value_name("SECONDS"),
       "when another vigil-index is writing to the index, wait up to SECONDS for it to finish "
       "(0: fail at once)")  //
      ("published", po::value<std::string>()->value_name("YYYY-MM-DD"),
       "entities: the text's publication date")  //
      ("jsonl", po::bool_switch(),
       "entities: read JSON Lines ({\"id\", \"text\", \"published\"}) and print one result "
       "per line")  //
      ("url", po::value<std::string>()->value_name("URL"),
       "extract: the address the page was fetched from (default: its file:// URL)")  //
      ("batch-size", po::value<std::size_t>()->default_value(500)->value_name("N"),
       "documents per commit")  //
      ("shard", po::value<std::string>()->value_name("I/N"),
       "add, crawl, update: build shard I of a collection split over N indexes (1 <= I <= N "
       "<= 4096): crawl only the hosts (host:port) that hash to I, add only the documents whose "
       "key does. Stored in the index; update reuses it, and another value is refused")  //
      ("no-entities", po::bool_switch(),
       "add, crawl: skip entity recognition, so documents get no org, place or mentions "
       "facets (a quick text-only import, or measuring what recognition costs)")  //
      ("log-level", po::value<std::string>()->default_value("info")->value_name("LEVEL"),
       "error, warn, info or debug")  //
      ("quiet,q", po::bool_switch(),
       "only errors and the summary line; update: only warnings and errors, and the summary "
       "only when something failed")                    //
      ("json", po::bool_switch(), "stats: print JSON")  //
      ("verbose,v", po::bool_switch(), "debug messages");
  return index;
}

po::options_description crawl_options() {
  po::options_description crawl("Crawl options (also valid in a --config file)");
  crawl.add_options()  //
      ("seed", po::value<std::vector<std::string>>()->composing()->value_name("URL"),
       "a page to start from (repeatable)")  //
      ("seeds-file", po::value<std::string>()->value_name("FILE"),
       "seed URLs, one per line ('#' starts a comment)")  //
      ("sitemap", po::value<std::vector<std::string>>()->composing()->value_name("URL"),
       "an XML sitemap or sitemap index, optionally gzipped (repeatable)")  //
      ("feed", po::value<std::vector<std::string>>()->composing()->value_name("URL"),
       "an RSS or Atom feed (repeatable)")  //
      ("allow-domain", po::value<std::vector<std::string>>()->composing()->value_name("D"),
       "also crawl domain D and its subdomains (default: only the hosts of the seeds, "
       "sitemaps and feeds)")  //
      ("max-depth", po::value<int>()->default_value(2)->value_name("N"),
       "links followed from a seed, sitemap or feed page")  //
      ("max-pages", po::value<std::size_t>()->default_value(1000)->value_name("N"),
       "pages fetched at most")  //
      ("concurrency", po::value<std::size_t>()->default_value(8)->value_name("N"),
       "transfers in flight over all hosts")  //
      ("per-host", po::value<int>()->default_value(1)->value_name("N"),
       "transfers in flight per host")  //
      ("delay", po::value<double>()->default_value(1.0)->value_name("SECONDS"),
       "least time between requests to one host (robots.txt Crawl-delay can raise it)")  //
      ("contact", po::value<std::string>()->value_name("URL"),
       "where site owners can reach you (a URL or e-mail address), put in the User-Agent")  //
      ("user-agent", po::value<std::string>()->value_name("TEXT"),
       "the whole User-Agent (default: VigilBot/VERSION (+CONTACT)); robots.txt rules are "
       "matched on its first word")  //
      ("max-retries", po::value<int>()->default_value(3)->value_name("N"),
       "further attempts after a 5xx, 429, timeout or network error")  //
      ("timeout", po::value<long>()->default_value(60)->value_name("SECONDS"),
       "longest time for one transfer")  //
      ("max-page-bytes", po::value<std::size_t>()->default_value(16u << 20)->value_name("N"),
       "largest page (after decompression) read; larger ones are abandoned")  //
      ("dry-run", po::bool_switch(),
       "fetch and extract as usual, but write nothing: to try a configuration, or to measure "
       "the crawl alone")  //
      ("report", po::value<std::string>()->value_name("FILE"),
       "also write the run's report to FILE as JSON")  //
      ("warc", po::bool_switch(),
       "archive every response (headers and body) in WARC files in DIR/warc, from which "
       "`reindex` can rebuild the index without fetching")  //
      ("warc-file-mb", po::value<std::uint64_t>()->default_value(1024)->value_name("MB"),
       "start a new WARC file when the current one reaches this size")  //
      ("revisit-min", po::value<double>()->default_value(1)->value_name("DAYS"),
       "update: a page is revisited at most this often (0: every run)")  //
      ("revisit-max", po::value<double>()->default_value(30)->value_name("DAYS"),
       "update: ... and at least this often, however long it has not changed")  //
      ("revisit-all", po::bool_switch(),
       "update: revisit every known page in this run, whatever its schedule (conditional "
       "requests still spare unchanged pages)");
  return crawl;
}

std::vector<std::string> read_seeds_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError("cannot read --seeds-file '" + path + "'", "check the path");
  std::vector<std::string> seeds;
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    const std::size_t last = line.find_last_not_of(" \t\r");
    seeds.push_back(line.substr(first, last - first + 1));
  }
  return seeds;
}

template <typename T>
std::vector<T> list(const po::variables_map& vm, const char* name) {
  return vm.count(name) != 0 ? vm[name].as<std::vector<T>>() : std::vector<T>{};
}

void to_crawl_config(const po::variables_map& vm, IndexerConfig& config) {
  crawler::CrawlConfig& crawl = config.crawl;
  crawl.seeds = list<std::string>(vm, "seed");
  if (vm.count("seeds-file") != 0) {
    for (std::string& seed : read_seeds_file(vm["seeds-file"].as<std::string>())) {
      crawl.seeds.push_back(std::move(seed));
    }
  }
  crawl.sitemaps = list<std::string>(vm, "sitemap");
  crawl.feeds = list<std::string>(vm, "feed");
  crawl.allow_domains = list<std::string>(vm, "allow-domain");
  if (crawl.seeds.empty() && crawl.sitemaps.empty() && crawl.feeds.empty() &&
      !config.print_config && config.command == Command::kCrawl) {
    throw ConfigError("crawl needs at least one --seed, --seeds-file, --sitemap or --feed",
                      "try 'vigil-index crawl --db DIR --contact URL --seed https://example.org/'");
  }
  crawl.max_depth = vm["max-depth"].as<int>();
  crawl.max_pages = vm["max-pages"].as<std::size_t>();
  crawl.concurrency = vm["concurrency"].as<std::size_t>();
  crawl.per_host = vm["per-host"].as<int>();
  crawl.delay_seconds = vm["delay"].as<double>();
  crawl.max_retries = vm["max-retries"].as<int>();
  crawl.timeout_seconds = vm["timeout"].as<long>();
  crawl.max_page_bytes = vm["max-page-bytes"].as<std::size_t>();
  if (crawl.max_page_bytes < 1024) {
    throw ConfigError("invalid --max-page-bytes: expected 1024 or more");
  }
  if (crawl.max_depth < 0) throw ConfigError("invalid --max-depth: expected 0 or more");
  if (crawl.max_pages == 0) throw ConfigError("invalid --max-pages 0: expected at least 1");
  if (crawl.concurrency == 0 || crawl.concurrency > 1000) {
    throw ConfigError("invalid --concurrency: expected 1 to 1000");
  }
  if (crawl.per_host < 1 || crawl.per_host > 16) {
    throw ConfigError("invalid --per-host: expected 1 to 16");
  }
  if (!(crawl.delay_seconds >= 0 && crawl.delay_seconds <= 3600)) {
    throw ConfigError("invalid --delay: expected 0 to 3600 seconds");
  }
  if (crawl.max_retries < 0 || crawl.max_retries > 10) {
    throw ConfigError("invalid --max-retries: expected 0 to 10");
  }
  if (crawl.timeout_seconds < 1) throw ConfigError("invalid --timeout: expected at least 1 second");
  config.warc = vm["warc"].as<bool>();
  config.revisit_all = vm["revisit-all"].as<bool>();
  const std::uint64_t warc_mb = vm["warc-file-mb"].as<std::uint64_t>();
  if (warc_mb == 0 || warc_mb > (std::uint64_t{1} << 20)) {
    throw ConfigError("invalid --warc-file-mb: expected 1 to 1048576");
  }
  config.warc_file_bytes = warc_mb << 20;
  config.revisit_min_days = vm["revisit-min"].as<double>();
  config.revisit_max_days = vm["revisit-max"].as<double>();
  if (!(config.revisit_min_days >= 0 && config.revisit_min_days <= 3650)) {
    throw ConfigError("invalid --revisit-min: expected 0 to 3650 days");
  }
  if (!(config.revisit_max_days >= config.revisit_min_days && config.revisit_max_days <= 3650)) {
    throw ConfigError("invalid --revisit-max: expected --revisit-min to 3650 days");
  }
  if (vm.count("contact") != 0) config.contact = vm["contact"].as<std::string>();
  if (vm.count("report") != 0) config.report = vm["report"].as<std::string>();
  if (vm.count("user-agent") != 0) {
    crawl.user_agent = vm["user-agent"].as<std::string>();
  } else if (!config.contact.empty()) {
    crawl.user_agent = std::string("VigilBot/") + VIGIL_VERSION + " (+" + config.contact + ")";
  } else if (!config.print_config) {
    throw ConfigError(
        "crawl needs --contact: site owners must be able to reach whoever crawls them",
        "pass --contact https://your-site/about-crawler (or an e-mail address), or a "
        "whole --user-agent");
  }
  for (const char c : crawl.user_agent) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      throw ConfigError("invalid --user-agent or --contact: control characters are not allowed");
    }
  }
}

// Adds the crawl settings stored in the index to `vm` (after the command line and --config, which
// win).
void read_stored_settings(const std::string& db, const StoredSettings& stored,
                          const po::options_description& options, po::variables_map& vm) {
  if (db.empty()) {
    throw ConfigError("no index directory given", "pass --db DIR (or db = DIR in a --config file)");
  }
  const std::string text = stored ? stored(db) : std::string();
  if (text.empty()) {
    throw ConfigError("'" + db + "' holds no crawl settings: update revisits what a crawl found",
                      "run 'vigil-index crawl --db " + db +
                          " --contact URL --seed URL' first (it stores its settings for update)");
  }
  std::istringstream in(text);
  try {
    po::store(po::parse_config_file(in, options), vm);
  } catch (const po::error& e) {
    throw ConfigError("the crawl settings stored in '" + db + "' are unreadable: " + e.what(),
                      "run vigil-index crawl again with the settings you want");
  }
}

std::string help_text(const po::options_description& visible) {
  std::ostringstream out;
  out << kUsage << "\n" << visible << kExitCodes;
  return out.str();
}

LogLevel log_level_from(const po::variables_map& vm, bool update) {
  if (vm["quiet"].as<bool>()) return update ? LogLevel::kWarn : LogLevel::kError;
  if (vm["verbose"].as<bool>()) return LogLevel::kDebug;
  LogLevel level = LogLevel::kInfo;
  const std::string text = vm["log-level"].as<std::string>();
  if (!parse_log_level(text, level)) {
    throw ConfigError("invalid --log-level '" + text +
                      "': expected one of error, warn, info, debug");
  }
  return level;
}

void read_config_file(const std::string& path, const po::options_description& options,
                      po::variables_map& vm) {
  std::ifstream in(path);
  if (!in) throw ConfigError("cannot read --config file '" + path + "'", "check the path");
  try {
    po::store(po::parse_config_file(in, options), vm);
  } catch (const po::error& e) {
    throw ConfigError("in --config file '" + path + "': " + e.what());
  }
}

std::string command_of(const po::variables_map& vm) {
  std::string command = vm.count("command") != 0 ? vm["command"].as<std::string>() : "";
  if (command.empty()) {
    throw ConfigError("no command given", "try 'vigil-index add --db DIR PATH...'");
  }
  if (command != "add" && command != "extract" && command != "crawl" && command != "entities" &&
      command != "update" && command != "stats" && command != "compact" && command != "reindex") {
    throw ConfigError("unknown command '" + command +
                          "': expected add, compact, crawl, entities, extract, reindex, stats or "
                          "update",
                      "see vigil-index --help");
  }
  return command;
}

std::string db_of(const po::variables_map& vm) {
  return vm.count("db") != 0 ? vm["db"].as<std::string>() : std::string();
}

IndexerConfig to_config(const po::variables_map& vm) {
  IndexerConfig config;
  const std::string command = command_of(vm);
  config.log_level = log_level_from(vm, command == "update");
  config.quiet = vm["quiet"].as<bool>();
  config.print_config = vm["print-config"].as<bool>();
  if (vm.count("paths") != 0) config.paths = vm["paths"].as<std::vector<std::string>>();
  if (command == "entities") {
    config.command = Command::kEntities;
    config.jsonl = vm["jsonl"].as<bool>();
    if (config.paths.size() != 1) {
      throw ConfigError(
          "entities takes exactly one text file (or -), got " + std::to_string(config.paths.size()),
          "try 'vigil-index entities --published 2021-06-03 article.txt'");
    }
    if (vm.count("published") != 0) {
      const std::string text = vm["published"].as<std::string>();
      config.published = parse_iso_date(text);
      if (!config.published) {
        throw ConfigError("invalid --published '" + text +
                          "': expected YYYY, YYYY-MM or YYYY-MM-DD");
      }
    }
    return config;
  }
  if (command == "extract") {
    config.command = Command::kExtract;
    if (vm.count("url") != 0) config.url = vm["url"].as<std::string>();
    if (config.paths.size() != 1) {
      throw ConfigError(
          "extract takes exactly one HTML file or URL, got " + std::to_string(config.paths.size()),
          "try 'vigil-index extract --url https://example.org/a page.html'");
    }
    if (vm.count("contact") != 0) config.contact = vm["contact"].as<std::string>();
    return config;
  }
  config.command = command == "crawl"     ? Command::kCrawl
                   : command == "update"  ? Command::kUpdate
                   : command == "stats"   ? Command::kStats
                   : command == "compact" ? Command::kCompact
                   : command == "reindex" ? Command::kReindex
                                          : Command::kAdd;
  if (config.command == Command::kCrawl) config.dry_run = vm["dry-run"].as<bool>();
  if (config.command == Command::kUpdate && vm["dry-run"].as<bool>()) {
    throw ConfigError("update does not take --dry-run",
                      "try 'vigil-index crawl --dry-run' with the same settings");
  }
  if ((vm.count("db") == 0 || vm["db"].as<std::string>().empty()) && !config.dry_run) {
    throw ConfigError("no index directory given", "pass --db DIR (or db = DIR in a --config file)");
  }
  if (vm.count("db") != 0) config.db = vm["db"].as<std::string>();
  config.wait_lock_seconds = vm["wait-lock"].as<double>();
  if (!(config.wait_lock_seconds >= 0 && config.wait_lock_seconds <= 86400)) {
    throw ConfigError("invalid --wait-lock: expected 0 to 86400 seconds");
  }
  if (config.command == Command::kCompact) {
    if (!config.paths.empty()) {
      throw ConfigError("compact takes no files ('" + config.paths.front() + "')",
                        "try 'vigil-index compact --db DIR'");
    }
    return config;
  }
  config.batch_size = vm["batch-size"].as<std::size_t>();
  config.no_entities = vm["no-entities"].as<bool>();
  if (vm.count("shard") != 0) {
    config.shard = parse_shard(vm["shard"].as<std::string>());
    config.crawl.shard = *config.shard;
  }
  if (config.batch_size == 0) throw ConfigError("invalid --batch-size 0: expected at least 1");
  if (config.command == Command::kReindex) {
    if (!config.paths.empty()) {
      throw ConfigError("reindex takes no files ('" + config.paths.front() + "')",
                        "try 'vigil-index reindex --db DIR'");
    }
    return config;
  }
  if (config.command == Command::kStats) {
    config.json = vm["json"].as<bool>();
    return config;
  }
  if (config.command == Command::kCrawl || config.command == Command::kUpdate) {
    if (!config.paths.empty()) {
      throw ConfigError(
          "crawl takes URLs as --seed, --sitemap or --feed, not as arguments ('" +
              config.paths.front() + "')",
          "try 'vigil-index crawl --db DIR --contact URL --seed " + config.paths.front() + "'");
    }
    to_crawl_config(vm, config);
    return config;
  }
  if (config.paths.empty() && !config.print_config) {
    throw ConfigError("add needs at least one file or directory to import",
                      "try 'vigil-index add --db DIR corpus.jsonl.gz pages/'");
  }
  return config;
}

}  // namespace

ParsedOptions parse_options(int argc, const char* const argv[], const StoredSettings& stored) {
  po::options_description index = index_options();
  po::options_description hidden;
  hidden.add_options()                       //
      ("command", po::value<std::string>())  //
      ("paths", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("command", 1).add("paths", -1);

  po::options_description crawl = crawl_options();
  index.add(crawl);
  po::options_description visible;
  visible.add(general_options()).add(index);
  po::options_description all;
  all.add(visible).add(hidden);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("config") != 0) read_config_file(vm["config"].as<std::string>(), index, vm);
    if (vm.count("help") == 0 && vm.count("version") == 0 && vm.count("command") != 0 &&
        vm["command"].as<std::string>() == "update") {
      read_stored_settings(db_of(vm), stored, index, vm);
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw ConfigError(std::string(e.what()) + " (see --help)");
  }
  ParsedOptions parsed;
  if (vm.count("help") != 0) {
    parsed.text = help_text(visible);
    return parsed;
  }
  if (vm.count("version") != 0) {
    parsed.text = std::string("vigil-index ") + VIGIL_VERSION + " (schema " +
                  std::to_string(schema::Schema::builtin().version()) + ")\n";
    return parsed;
  }
  parsed.config = to_config(vm);
  return parsed;
}

std::string describe(const IndexerConfig& config) {
  std::ostringstream out;
  static constexpr const char* kCommands[] = {"add",    "extract", "crawl",   "entities",
                                              "update", "stats",   "compact", "reindex"};
  out << "# command: " << kCommands[static_cast<int>(config.command)] << "\n";
  if (!config.db.empty()) out << "db = " << config.db << "\n";
  if (config.wait_lock_seconds > 0) out << "wait-lock = " << config.wait_lock_seconds << "\n";
  if (!config.url.empty()) out << "url = " << config.url << "\n";
  for (const std::string& path : config.paths) out << "# path: " << path << "\n";
  out << "batch-size = " << config.batch_size << "\n";
  if (config.command == Command::kCrawl || config.command == Command::kUpdate) {
    out << crawl_settings_text(config);
  } else {
    if (config.shard) out << "shard = " << format_shard(*config.shard) << "\n";
    if (config.no_entities) out << "no-entities = true\n";
  }
  static constexpr const char* kLevels[] = {"error", "warn", "info", "debug"};
  out << "log-level = " << kLevels[static_cast<int>(config.log_level)] << "\n";
  return out.str();
}

std::string crawl_settings_text(const IndexerConfig& config) {
  std::ostringstream out;
  {
    const crawler::CrawlConfig& crawl = config.crawl;
    for (const std::string& seed : crawl.seeds) out << "seed = " << seed << "\n";
    for (const std::string& sitemap : crawl.sitemaps) out << "sitemap = " << sitemap << "\n";
    for (const std::string& feed : crawl.feeds) out << "feed = " << feed << "\n";
    for (const std::string& domain : crawl.allow_domains) {
      out << "allow-domain = " << domain << "\n";
    }
    out << "max-depth = " << crawl.max_depth << "\nmax-pages = " << crawl.max_pages
        << "\nconcurrency = " << crawl.concurrency << "\nper-host = " << crawl.per_host
        << "\ndelay = " << crawl.delay_seconds << "\nmax-retries = " << crawl.max_retries
        << "\ntimeout = " << crawl.timeout_seconds << "\nmax-page-bytes = " << crawl.max_page_bytes
        << "\nuser-agent = " << crawl.user_agent << "\nrevisit-min = " << config.revisit_min_days
        << "\nrevisit-max = " << config.revisit_max_days << "\n";
    if (config.warc) {
      out << "warc = true\nwarc-file-mb = " << (config.warc_file_bytes >> 20) << "\n";
    }
    if (config.no_entities) out << "no-entities = true\n";
    if (config.shard) out << "shard = " << format_shard(*config.shard) << "\n";
  }
  return out.str();
}

}  // namespace vigil::indexer
