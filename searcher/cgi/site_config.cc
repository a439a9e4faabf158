#include "cgi/site_config.h"

#include <boost/program_options.hpp>
#include <fstream>
#include <sstream>

#include "vigil/errors.h"

namespace po = boost::program_options;

namespace vigil::cgi {

SiteConfig load_site_config(const std::string& path) {
  const SiteConfig defaults;
  po::options_description keys;
  keys.add_options()                                                                            //
      ("db", po::value<std::vector<std::string>>())                                             //
      ("per-page", po::value<int>()->default_value(defaults.per_page))                          //
      ("max-per-page", po::value<int>()->default_value(defaults.max_per_page))                  //
      ("time-limit", po::value<double>()->default_value(2.0))                                   //
      ("remote-timeout", po::value<double>()->default_value(3.0))                               //
      ("request-timeout", po::value<double>()->default_value(defaults.request_timeout))         //
      ("max-output-bytes", po::value<std::size_t>()->default_value(defaults.max_output_bytes))  //
      ("max-terms", po::value<std::size_t>()->default_value(query::kMaxQueryTerms))             //
      ("max-query-bytes", po::value<std::size_t>()->default_value(query::kMaxQueryBytes))       //
      ("max-wildcard", po::value<unsigned>()->default_value(query::kMaxWildcardExpansion))      //
      ("bm25-k1", po::value<double>()->default_value(defaults.settings.bm25_k1))                //
      ("bm25-b", po::value<double>()->default_value(defaults.settings.bm25_b))                  //
      ("recency", po::value<double>()->default_value(0))                                        //
      ("site-title", po::value<std::string>()->default_value(defaults.site_title))              //
      ("header-file", po::value<std::string>())                                                 //
      ("footer-file", po::value<std::string>())                                                 //
      ("stylesheet-file", po::value<std::string>())                                             //
      ("cors-origin", po::value<std::string>())                                                 //
      ("public-url", po::value<std::string>())                                                  //
      ("log-level", po::value<std::string>()->default_value("warn"));
  std::ifstream in(path);
  if (!in) {
    throw ConfigError("cannot read the search configuration '" + path + "'",
                      "set VIGIL_CONFIG in the web server's configuration to a readable file "
                      "with a line 'db = /path/to/index'");
  }
  po::variables_map vm;
  try {
    po::store(po::parse_config_file(in, keys), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw ConfigError("in the search configuration '" + path + "': " + e.what(),
                      "keys are listed in the README, section \"The site search box\"");
  }
  const auto bad = [&](const std::string& what) {
    return ConfigError("in the search configuration '" + path + "': " + what);
  };
  SiteConfig config;
  if (vm.count("db") == 0) throw bad("no 'db = DIR' line: which index should be searched?");
  config.dbs = vm["db"].as<std::vector<std::string>>();
  config.per_page = vm["per-page"].as<int>();
  config.max_per_page = vm["max-per-page"].as<int>();
  if (config.max_per_page < 1 || config.max_per_page > search::kMaxPerPage) {
    throw bad("max-per-page must be 1 to " + std::to_string(search::kMaxPerPage));
  }
  if (config.per_page < 1 || config.per_page > config.max_per_page) {
    throw bad("per-page must be 1 to max-per-page (" + std::to_string(config.max_per_page) + ")");
  }
  search::Settings& settings = config.settings;
  settings.time_limit = vm["time-limit"].as<double>();
  settings.limits.max_terms = vm["max-terms"].as<std::size_t>();
  settings.limits.max_bytes = vm["max-query-bytes"].as<std::size_t>();
  settings.limits.max_wildcard = vm["max-wildcard"].as<unsigned>();
  settings.bm25_k1 = vm["bm25-k1"].as<double>();
  settings.bm25_b = vm["bm25-b"].as<double>();
  if (!(settings.time_limit > 0)) throw bad("time-limit must be more than 0 seconds");
  const double remote_timeout = vm["remote-timeout"].as<double>();
  if (!(remote_timeout > 0)) throw bad("remote-timeout must be more than 0 seconds");
  settings.remote = search::remote_timeouts(remote_timeout);
  if (settings.limits.max_terms == 0 || settings.limits.max_bytes == 0 ||
      settings.limits.max_wildcard == 0) {
    throw bad("max-terms, max-query-bytes and max-wildcard must be 1 or more");
  }
  if (!(settings.bm25_k1 >= 0) || !(settings.bm25_b >= 0 && settings.bm25_b <= 1)) {
    throw bad("bm25-k1 is 0 or more, bm25-b between 0 and 1");
  }
  config.recency_days = vm["recency"].as<double>();
  if (!(config.recency_days >= 0)) throw bad("recency must be 0 (off) or more days");
  config.request_timeout = vm["request-timeout"].as<double>();
  if (!(config.request_timeout >= 1)) throw bad("request-timeout must be 1 second or more");
  config.max_output_bytes = vm["max-output-bytes"].as<std::size_t>();
  if (config.max_output_bytes < 65536) throw bad("max-output-bytes must be 65536 or more");
  config.site_title = vm["site-title"].as<std::string>();
  if (vm.count("header-file") != 0) config.header_file = vm["header-file"].as<std::string>();
  if (vm.count("footer-file") != 0) config.footer_file = vm["footer-file"].as<std::string>();
  if (vm.count("stylesheet-file") != 0) {
    config.stylesheet_file = vm["stylesheet-file"].as<std::string>();
  }
  if (vm.count("cors-origin") != 0) {
    std::istringstream origins(vm["cors-origin"].as<std::string>());
    for (std::string origin; origins >> origin;) config.cors_origins.push_back(origin);
  }
  if (vm.count("public-url") != 0) config.public_url = vm["public-url"].as<std::string>();
  const std::string level = vm["log-level"].as<std::string>();
  if (!parse_log_level(level, config.log_level)) {
    throw bad("log-level '" + level + "': expected one of error, warn, info, debug");
  }
  return config;
}

}  // namespace vigil::cgi
