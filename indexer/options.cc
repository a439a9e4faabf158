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
    "       vigil-index extract [--url URL] FILE\n"
    "\n"
    "Builds or updates a Vigil search index.\n"
    "\n"
    "Commands:\n"
    "  add     import HTML files (.html, .htm, optionally .gz), directories of them (recursively)\n"
    "          and JSON Lines files (.jsonl, .jsonl.gz: one article per line with \"title\",\n"
    "          \"body\", a key in \"url\" or \"id\", optional \"date\", \"author\", \"source\",\n"
    "          \"lang\"). Re-adding a key replaces its document; unchanged ones are left alone.\n"
    "  extract print what the extractor finds in one HTML file (optionally .gz) as one JSON\n"
    "          object: url, canonical_url, title, authors, published, modified, language,\n"
    "          section, description, main_text.\n"
    "          Exit code 1 when the page holds no article. Does not touch any index.\n";

constexpr const char* kExitCodes =
    "\nExit codes:\n"
    "  0  success\n"
    "  1  finished, but some inputs were skipped (each is named on stderr);\n"
    "     extract: the page is unreadable or holds no article\n"
    "  2  usage or configuration error\n"
    "  3  runtime failure: index unopenable, locked or of another schema; I/O error\n";

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
      ("url", po::value<std::string>()->value_name("URL"),
       "extract: the address the page was fetched from (default: its file:// URL)")  //
      ("batch-size", po::value<std::size_t>()->default_value(2000)->value_name("N"),
       "documents per commit")  //
      ("log-level", po::value<std::string>()->default_value("info")->value_name("LEVEL"),
       "error, warn, info or debug")                                      //
      ("quiet,q", po::bool_switch(), "only errors and the summary line")  //
      ("verbose,v", po::bool_switch(), "debug messages");
  return index;
}

std::string help_text(const po::options_description& visible) {
  std::ostringstream out;
  out << kUsage << "\n" << visible << kExitCodes;
  return out.str();
}

LogLevel log_level_from(const po::variables_map& vm) {
  if (vm["quiet"].as<bool>()) return LogLevel::kError;
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

IndexerConfig to_config(const po::variables_map& vm) {
  IndexerConfig config;
  const std::string command = vm.count("command") != 0 ? vm["command"].as<std::string>() : "";
  if (command.empty()) {
    throw ConfigError("no command given", "try 'vigil-index add --db DIR PATH...'");
  }
  if (command != "add" && command != "extract") {
    throw ConfigError("unknown command '" + command + "': expected add or extract",
                      "see vigil-index --help");
  }
  config.log_level = log_level_from(vm);
  config.print_config = vm["print-config"].as<bool>();
  if (vm.count("paths") != 0) config.paths = vm["paths"].as<std::vector<std::string>>();
  if (command == "extract") {
    config.command = Command::kExtract;
    if (vm.count("url") != 0) config.url = vm["url"].as<std::string>();
    if (config.paths.size() != 1) {
      throw ConfigError(
          "extract takes exactly one HTML file, got " + std::to_string(config.paths.size()),
          "try 'vigil-index extract --url https://example.org/a page.html'");
    }
    return config;
  }
  config.command = Command::kAdd;
  if (vm.count("db") == 0 || vm["db"].as<std::string>().empty()) {
    throw ConfigError("no index directory given", "pass --db DIR (or db = DIR in a --config file)");
  }
  config.db = vm["db"].as<std::string>();
  config.batch_size = vm["batch-size"].as<std::size_t>();
  if (config.batch_size == 0) throw ConfigError("invalid --batch-size 0: expected at least 1");
  if (config.paths.empty() && !config.print_config) {
    throw ConfigError("add needs at least one file or directory to import",
                      "try 'vigil-index add --db DIR corpus.jsonl.gz pages/'");
  }
  return config;
}

}  // namespace

ParsedOptions parse_options(int argc, const char* const argv[]) {
  po::options_description index = index_options();
  po::options_description hidden;
  hidden.add_options()                       //
      ("command", po::value<std::string>())  //
      ("paths", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("command", 1).add("paths", -1);

  po::options_description visible;
  visible.add(general_options()).add(index);
  po::options_description all;
  all.add(visible).add(hidden);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("config") != 0) read_config_file(vm["config"].as<std::string>(), index, vm);
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
  out << "# command: " << (config.command == Command::kAdd ? "add" : "extract") << "\n";
  if (!config.db.empty()) out << "db = " << config.db << "\n";
  if (!config.url.empty()) out << "url = " << config.url << "\n";
  for (const std::string& path : config.paths) out << "# path: " << path << "\n";
  out << "batch-size = " << config.batch_size << "\n";
  static constexpr const char* kLevels[] = {"error", "warn", "info", "debug"};
  out << "log-level = " << kLevels[static_cast<int>(config.log_level)] << "\n";
  return out.str();
}

}  // namespace vigil::indexer
