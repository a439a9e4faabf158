#include "options.h"

#include <boost/program_options.hpp>
#include <fstream>
#include <sstream>

#include "vigil/errors.h"
#include "vigil/schema.h"

namespace po = boost::program_options;

namespace vigil::searcher {
namespace {

constexpr const char* kUsage =
    "Usage: vigil-search --db DIR [options] QUERY...\n"
    "\n"
    "Searches a Vigil index. Query language: words (all must match), \"exact phrases\",\n"
    "AND, OR, NOT (upper case), +word, -word, (groups), prefix wildcards (detain*), and the\n"
    "fields title:, author:, site:, source:, lang:. Facets: org:UN, place:Xinjiang (also\n"
    "finds places inside it), mentions:2018 (dates the text mentions; 2018-05, 2016..2018).\n"
    "Examples:\n"
    "  vigil-search --db index 'forced labour' cotton -title:sport site:example.org\n"
    "  vigil-search --db index cotton place:xinjiang 'org:\"United Nations\"' mentions:2021\n"
    "Started by a web server (GATEWAY_INTERFACE set), it answers one CGI request instead,\n"
    "configured by the file that VIGIL_CONFIG names (README: \"The site search box\").\n";

constexpr const char* kExitCodes =
    "\nExit codes:\n"
    "  0  success (zero hits included)\n"
    "  1  the results are incomplete: a shard did not answer (named on stderr)\n"
    "  2  usage or configuration error\n"
    "  3  runtime failure: index missing, unreadable or of another schema version\n";

po::options_description search_options() {
  po::options_description options("Search options (also valid in a --config file)");
  options.add_options()  //
      ("db", po::value<std::vector<std::string>>()->value_name("DIR"),
       "index directory, Xapian stub file, or tcp:HOST:PORT (a shard served by xapian-tcpsrv); "
       "replicas of one shard joined by commas; repeat to search several as one (default: "
       "$VIGIL_DB)")  //
      ("format", po::value<std::string>()->default_value("text")->value_name("FORMAT"),
       "text or json")  //
      ("export", po::value<std::string>()->value_name("FORMAT"),
       "write every match (no page, no cap) as csv or jsonl instead of a result page")      //
      ("page", po::value<int>()->default_value(1)->value_name("N"), "result page, from 1")  //
      ("per-page", po::value<int>()->default_value(10)->value_name("N"),
       "results per page, 1 to 100 (larger values are clamped)")  //
      ("sort", po::value<std::string>()->default_value("relevance")->value_name("ORDER"),
       "relevance, date (oldest first) or -date (newest first)")  //
      ("filter", po::value<std::vector<std::string>>()->value_name("NAME=VALUE"),
       "narrow to a facet value; NAME is org, place, year, month, mentions or lang, VALUE a "
       "facet value (place=cn.13, org=un, year=2021, month=2021-05), or date, VALUE a range "
       "(date=2020..2021, date=2021-03..); repeat: values of one name are ORed, names ANDed")  //
      ("no-collapse", po::bool_switch(),
       "list every copy of a story (the same or nearly the same text at several URLs) instead "
       "of one hit with \"N similar\"")  //
      ("recency", po::value<double>()->default_value(0)->value_name("DAYS"),
       "relevance order favours newer articles: a bonus halving every DAYS days before the "
       "newest article (0: off)")  //
      ("exact", po::bool_switch(),
       "match words as written: no stemming and no spelling variants (Uighur misses Uyghur)")  //
      ("time-limit",
       po::value<double>()->default_value(search::Settings{}.time_limit)->value_name("SECONDS"),
       "matching time per query; past it counts become estimates (0: no limit)")  //
      ("remote-timeout",
       po::value<double>()
           ->default_value(search::RemoteTimeouts{}.reply_seconds)
           ->value_name("SECONDS"),
       "how long a remote shard may take to answer (to connect: at most 2 s) before its next "
       "replica is tried or it is reported missing")  //
      ("max-terms", po::value<std::size_t>()->default_value(query::kMaxQueryTerms)->value_name("N"),
       "refuse queries with more distinct terms")  //
      ("max-query-bytes",
       po::value<std::size_t>()->default_value(query::kMaxQueryBytes)->value_name("N"),
       "refuse longer query text")  //
      ("max-wildcard",
       po::value<unsigned>()->default_value(query::kMaxWildcardExpansion)->value_name("N"),
       "a prefix* searches at most its N most frequent words")  //
      ("bm25-k1", po::value<double>()->default_value(search::Settings{}.bm25_k1)->value_name("K1"),
       "BM25 term-frequency saturation (ranking tuning)")  //
      ("bm25-b", po::value<double>()->default_value(search::Settings{}.bm25_b)->value_name("B"),
       "BM25 length normalisation, 0 to 1 (ranking tuning)")  //
      ("color", po::value<std::string>()->default_value("auto")->value_name("WHEN"),
       "highlight matches: auto (on a terminal, unless NO_COLOR is set), always or never")  //
      ("log-level", po::value<std::string>()->default_value("warn")->value_name("LEVEL"),
       "error, warn, info or debug");
  return options;
}

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

template <typename Enum, std::size_t N>
Enum choose(const std::string& option, const std::string& value,
            const std::pair<const char*, Enum> (&choices)[N]) {
  std::string names;
  for (const auto& [name, choice] : choices) {
    if (value == name) return choice;
    names += names.empty() ? name : std::string(", ") + name;
  }
  throw ConfigError("invalid --" + option + " '" + value + "': expected one of " + names);
}

SearcherConfig to_config(const po::variables_map& vm, const char* env_db) {
  SearcherConfig config;
  if (vm.count("db") != 0) {
    config.dbs = vm["db"].as<std::vector<std::string>>();
  } else if (env_db != nullptr && *env_db != '\0') {
    config.dbs.emplace_back(env_db);
  } else {
    throw ConfigError("no index given", "pass --db DIR or set VIGIL_DB");
  }
  static constexpr std::pair<const char*, Format> kFormats[] = {{"text", Format::kText},
                                                                {"json", Format::kJson}};
  static constexpr std::pair<const char*, Color> kColors[] = {
      {"auto", Color::kAuto}, {"always", Color::kAlways}, {"never", Color::kNever}};
  config.format = choose("format", vm["format"].as<std::string>(), kFormats);
  static constexpr std::pair<const char*, search::Sort> kSorts[] = {
      {"relevance", search::Sort::kRelevance},
      {"date", search::Sort::kDateAscending},
      {"-date", search::Sort::kDateDescending}};
  config.request.sort = choose("sort", vm["sort"].as<std::string>(), kSorts);
  if (vm.count("export") != 0) {
    static constexpr std::pair<const char*, Export> kExports[] = {{"csv", Export::kCsv},
                                                                  {"jsonl", Export::kJsonl}};
    config.export_format = choose("export", vm["export"].as<std::string>(), kExports);
  }
  config.request.collapse = !vm["no-collapse"].as<bool>();
  config.color = choose("color", vm["color"].as<std::string>(), kColors);
  const std::string level = vm["log-level"].as<std::string>();
  if (!parse_log_level(level, config.log_level)) {
    throw ConfigError("invalid --log-level '" + level +
                      "': expected one of error, warn, info, debug");
  }
  config.request.page = vm["page"].as<int>();
  config.request.per_page = vm["per-page"].as<int>();
  if (config.request.page < 1) {
    throw ConfigError("invalid --page " + std::to_string(config.request.page) +
                      ": pages start at 1");
  }
  if (config.request.per_page < 1) {
    throw ConfigError("invalid --per-page " + std::to_string(config.request.per_page) +
                      ": expected 1 to 100");
  }
  config.request = search::clamp_request(config.request);
  if (vm.count("query") != 0) {
    for (const std::string& word : vm["query"].as<std::vector<std::string>>()) {
      if (!config.request.query.empty()) config.request.query += ' ';
      config.request.query += word;
    }
  }
  if (vm.count("filter") != 0) {
    for (const std::string& filter : vm["filter"].as<std::vector<std::string>>()) {
      const std::size_t eq = filter.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == filter.size()) {
        throw ConfigError("invalid --filter '" + filter + "': expected NAME=VALUE",
                          "e.g. --filter place=xinjiang --filter year=2021");
      }
      config.request.filters.emplace_back(filter.substr(0, eq), filter.substr(eq + 1));
    }
  }
  config.request.exact = vm["exact"].as<bool>();
  config.request.recency_days = vm["recency"].as<double>();
  if (!(config.request.recency_days >= 0)) {
    throw ConfigError("invalid --recency: expected days, 0 (off) or more");
  }
  search::Settings& settings = config.settings;
  settings.time_limit = vm["time-limit"].as<double>();
  settings.remote = search::remote_timeouts(vm["remote-timeout"].as<double>());
  if (!(vm["remote-timeout"].as<double>() > 0)) {
    throw ConfigError("invalid --remote-timeout: expected seconds, more than 0");
  }
  settings.limits.max_terms = vm["max-terms"].as<std::size_t>();
  settings.limits.max_bytes = vm["max-query-bytes"].as<std::size_t>();
  settings.limits.max_wildcard = vm["max-wildcard"].as<unsigned>();
  settings.bm25_k1 = vm["bm25-k1"].as<double>();
  settings.bm25_b = vm["bm25-b"].as<double>();
  if (!(settings.time_limit >= 0)) {
    throw ConfigError("invalid --time-limit: expected seconds, 0 or more");
  }
  if (settings.limits.max_terms == 0 || settings.limits.max_bytes == 0 ||
      settings.limits.max_wildcard == 0) {
    throw ConfigError(
        "invalid --max-terms, --max-query-bytes or --max-wildcard: expected 1 or more");
  }
  if (!(settings.bm25_k1 >= 0) || !(settings.bm25_b >= 0 && settings.bm25_b <= 1)) {
    throw ConfigError("invalid --bm25-k1 or --bm25-b: k1 is 0 or more, b between 0 and 1");
  }
  config.print_config = vm["print-config"].as<bool>();
  if (config.request.query.empty() && config.request.filters.empty() && !config.print_config) {
    throw ConfigError("no query given", "try: vigil-search --db DIR 'forced labour'");
  }
  return config;
}

}  // namespace

ParsedOptions parse_options(int argc, const char* const argv[], const char* env_db) {
  po::options_description options = search_options();
  po::options_description visible;
  visible.add(general_options()).add(options);
  po::options_description hidden;
  hidden.add_options()("query", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("config") != 0) {
      const std::string path = vm["config"].as<std::string>();
      std::ifstream in(path);
      if (!in) throw ConfigError("cannot read --config file '" + path + "'", "check the path");
      po::store(po::parse_config_file(in, options), vm);
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw ConfigError(std::string(e.what()) + " (see --help)");
  }
  ParsedOptions parsed;
  if (vm.count("help") != 0) {
    std::ostringstream out;
    out << kUsage << "\n" << visible << kExitCodes;
    parsed.text = out.str();
  } else if (vm.count("version") != 0) {
    parsed.text = std::string("vigil-search ") + VIGIL_VERSION + " (schema " +
                  std::to_string(schema::Schema::builtin().version()) + ")\n";
  } else {
    parsed.config = to_config(vm, env_db);
  }
  return parsed;
}

std::string describe(const SearcherConfig& config) {
  std::ostringstream out;
  for (const std::string& db : config.dbs) out << "db = " << db << "\n";
  out << "format = " << (config.format == Format::kJson ? "json" : "text") << "\n";
  if (config.export_format != Export::kNone) {
    out << "export = " << (config.export_format == Export::kCsv ? "csv" : "jsonl") << "\n";
  }
  out << "page = " << config.request.page << "\n";
  out << "per-page = " << config.request.per_page << "\n";
  static constexpr const char* kSortNames[] = {"relevance", "date", "-date"};
  out << "sort = " << kSortNames[static_cast<int>(config.request.sort)] << "\n";
  for (const auto& [name, value] : config.request.filters) {
    out << "filter = " << name << '=' << value << "\n";
  }
  out << "exact = " << (config.request.exact ? "true" : "false") << "\n";
  out << "recency = " << config.request.recency_days << "\n";
  out << "no-collapse = " << (config.request.collapse ? "false" : "true") << "\n";
  out << "time-limit = " << config.settings.time_limit << "\n";
  out << "remote-timeout = " << config.settings.remote.reply_seconds << "\n";
  out << "max-terms = " << config.settings.limits.max_terms << "\n";
  out << "max-query-bytes = " << config.settings.limits.max_bytes << "\n";
  out << "max-wildcard = " << config.settings.limits.max_wildcard << "\n";
  out << "bm25-k1 = " << config.settings.bm25_k1 << "\n";
  out << "bm25-b = " << config.settings.bm25_b << "\n";
  static constexpr const char* kColors[] = {"auto", "always", "never"};
  out << "color = " << kColors[static_cast<int>(config.color)] << "\n";
  static constexpr const char* kLevels[] = {"error", "warn", "info", "debug"};
  out << "log-level = " << kLevels[static_cast<int>(config.log_level)] << "\n";
  return out.str();
}

}  // namespace vigil::searcher
