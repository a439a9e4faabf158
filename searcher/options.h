#pragma once
// vigil-search command-line and config-file options, converted and validated once into a plain
// SearcherConfig. Precedence: command line > --config FILE > VIGIL_DB environment > defaults.

#include <optional>
#include <string>
#include <vector>

#include "search/search_result.h"
#include "search/searcher.h"
#include "vigil/log.h"

namespace vigil::searcher {

enum class Format { kText, kJson };
enum class Export { kNone, kCsv, kJsonl };
enum class Color { kAuto, kAlways, kNever };

struct SearcherConfig {
  std::vector<std::string> dbs;  // searched as one index
  search::SearchRequest request;
  search::Settings settings;  // ranking and limits
  Format format = Format::kText;
  Export export_format = Export::kNone;  // --export: every match, no page
  Color color = Color::kAuto;
  LogLevel log_level = LogLevel::kWarn;
  bool print_config = false;
};

// What main should do: run `config`, or print `text` and exit 0 (--help, --version).
struct ParsedOptions {
  std::optional<SearcherConfig> config;
  std::string text;
};

// Parses argv; `env_db` is the VIGIL_DB environment variable (or null). Throws ConfigError
// (exit code 2) naming the bad option or value and the valid choices.
ParsedOptions parse_options(int argc, const char* const argv[], const char* env_db);

// The effective configuration in config-file syntax (for --print-config).
std::string describe(const SearcherConfig& config);

}  // namespace vigil::searcher
