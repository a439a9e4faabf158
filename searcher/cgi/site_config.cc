#include "cgi/site_config.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include "vigil/errors.h"

namespace vigil::cgi {
namespace {

// The keys a configuration file may set; only `db` may be given more than once.
constexpr std::array<std::string_view, 20> kKeys{"db",
                                                 "per-page",
                                                 "max-per-page",
                                                 "time-limit",
                                                 "remote-timeout",
                                                 "request-timeout",
                                                 "max-output-bytes",
                                                 "max-terms",
                                                 "max-query-bytes",
                                                 "max-wildcard",
                                                 "bm25-k1",
                                                 "bm25-b",
                                                 "recency",
                                                 "site-title",
                                                 "header-file",
                                                 "footer-file",
                                                 "stylesheet-file",
                                                 "cors-origin",
                                                 "public-url",
                                                 "log-level"};

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r";
  const std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

// The file's `name = value` lines, by name, values in file order. It is read by every request,
// so by hand: Boost.Program_options took half a millisecond of each one (scripts/bench/).
class ConfigFile {
 public:
  ConfigFile(std::string_view text, std::string path) : path_(std::move(path)) {
    std::size_t number = 0;
    while (!text.empty()) {
      const std::size_t end = std::min(text.find('\n'), text.size());
      std::string_view line = text.substr(0, end);
      text.remove_prefix(std::min(end + 1, text.size()));
      ++number;
      line = trim(line.substr(0, line.find('#')));  // '#' starts a comment
      if (line.empty()) continue;
      const std::size_t equals = line.find('=');
      const std::string_view name = trim(line.substr(0, equals));
      if (equals == std::string_view::npos || name.empty()) {
        throw bad("line " + std::to_string(number) + " is not 'name = value'");
      }
      if (std::find(kKeys.begin(), kKeys.end(), name) == kKeys.end()) {
        throw bad("line " + std::to_string(number) + ": unknown key '" + std::string(name) + "'");
      }
      std::vector<std::string>& values = values_[std::string(name)];
      if (!values.empty() && name != "db") {
        throw bad("line " + std::to_string(number) + ": '" + std::string(name) + "' is set twice");
      }
      values.emplace_back(trim(line.substr(equals + 1)));
    }
  }

  ConfigError bad(const std::string& what) const {
    return ConfigError("in the search configuration '" + path_ + "': " + what,
                       "keys are listed in the README, section \"The site search box\"");
  }
  bool has(const std::string& name) const { return values_.contains(name); }
  const std::vector<std::string>& all(const std::string& name) const {
    static const std::vector<std::string> kNone;
    const auto it = values_.find(name);
    return it == values_.end() ? kNone : it->second;
  }
  std::string text(const std::string& name, const std::string& fallback) const {
    return has(name) ? all(name).front() : fallback;
  }
  // The value of `name` as a T (a whole number or a decimal), or `fallback` when it is not set.
  template <typename T>
  T number(const std::string& name, T fallback) const {
    if (!has(name)) return fallback;
    const std::string& value = all(name).front();
    T parsed{};
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (error != std::errc() || end != value.data() + value.size()) {
      throw bad(name + " = '" + value + "' is not " +
                (std::is_integral_v<T> ? "a whole number" : "a number") + " in range");
    }
    return parsed;
  }

 private:
  std::string path_;
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
};

}  // namespace

SiteConfig load_site_config(const std::string& path) {
  const SiteConfig defaults;
  std::ifstream in(path);
  if (!in) {
    throw ConfigError("cannot read the search configuration '" + path + "'",
                      "set VIGIL_CONFIG in the web server's configuration to a readable file "
                      "with a line 'db = /path/to/index'");
  }
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const ConfigFile file(text, path);
  const auto bad = [&](const std::string& what) { return file.bad(what); };
  SiteConfig config;
  if (!file.has("db")) throw bad("no 'db = DIR' line: which index should be searched?");
  config.dbs = file.all("db");
  config.per_page = file.number("per-page", defaults.per_page);
  config.max_per_page = file.number("max-per-page", defaults.max_per_page);
  if (config.max_per_page < 1 || config.max_per_page > search::kMaxPerPage) {
    throw bad("max-per-page must be 1 to " + std::to_string(search::kMaxPerPage));
  }
  if (config.per_page < 1 || config.per_page > config.max_per_page) {
    throw bad("per-page must be 1 to max-per-page (" + std::to_string(config.max_per_page) + ")");
  }
  search::Settings& settings = config.settings;
  settings.time_limit = file.number("time-limit", 2.0);
  settings.limits.max_terms = file.number<std::size_t>("max-terms", query::kMaxQueryTerms);
  settings.limits.max_bytes = file.number<std::size_t>("max-query-bytes", query::kMaxQueryBytes);
  settings.limits.max_wildcard =
      file.number<unsigned>("max-wildcard", query::kMaxWildcardExpansion);
  settings.bm25_k1 = file.number("bm25-k1", defaults.settings.bm25_k1);
  settings.bm25_b = file.number("bm25-b", defaults.settings.bm25_b);
  if (!(settings.time_limit > 0)) throw bad("time-limit must be more than 0 seconds");
  const double remote_timeout = file.number("remote-timeout", 3.0);
  if (!(remote_timeout > 0)) throw bad("remote-timeout must be more than 0 seconds");
  settings.remote = search::remote_timeouts(remote_timeout);
  if (settings.limits.max_terms == 0 || settings.limits.max_bytes == 0 ||
      settings.limits.max_wildcard == 0) {
    throw bad("max-terms, max-query-bytes and max-wildcard must be 1 or more");
  }
  if (!(settings.bm25_k1 >= 0) || !(settings.bm25_b >= 0 && settings.bm25_b <= 1)) {
    throw bad("bm25-k1 is 0 or more, bm25-b between 0 and 1");
  }
  config.recency_days = file.number("recency", 0.0);
  if (!(config.recency_days >= 0)) throw bad("recency must be 0 (off) or more days");
  config.request_timeout = file.number("request-timeout", defaults.request_timeout);
  if (!(config.request_timeout >= 1)) throw bad("request-timeout must be 1 second or more");
  config.max_output_bytes = file.number("max-output-bytes", defaults.max_output_bytes);
  if (config.max_output_bytes < 65536) throw bad("max-output-bytes must be 65536 or more");
  config.site_title = file.text("site-title", defaults.site_title);
  config.header_file = file.text("header-file", "");
  config.footer_file = file.text("footer-file", "");
  config.stylesheet_file = file.text("stylesheet-file", "");
  {
    std::istringstream origins(file.text("cors-origin", ""));
    for (std::string origin; origins >> origin;) config.cors_origins.push_back(origin);
  }
  config.public_url = file.text("public-url", "");
  const std::string level = file.text("log-level", "warn");
  if (!parse_log_level(level, config.log_level)) {
    throw bad("log-level '" + level + "': expected one of error, warn, info, debug");
  }
  return config;
}

}  // namespace vigil::cgi
