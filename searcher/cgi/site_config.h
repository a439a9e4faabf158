#pragma once
// The server-side configuration of the CGI: which index, limits, page size and the site's look.
// Read only from the file named by the VIGIL_CONFIG environment variable (set in the web server's
// configuration), never from the request. `name = value` lines (spaces around `=` optional), `#`
// starts a comment; an unknown key, a key set twice (other than db) or a malformed value is an
// error. Keys (README, "The site search box"):
//   db = DIR                 index directory, stub file or tcp:HOST:PORT, replicas of one shard
//                            joined by commas; repeat to search several as one (required)
//   per-page = 10            results per page unless the request says (per_page)
//   max-per-page = 50        the most a request may ask for (at most 100)
//   time-limit = 2           matching seconds per query; past it counts become estimates
//   remote-timeout = 3       seconds a remote shard may take to answer (to connect: at most 2)
//                            before its next replica is tried or it is reported missing
//   request-timeout = 10     seconds a request may take in all; then 503 and the process ends
//   max-output-bytes = 4194304   a larger response is refused (500) instead of sent
//   max-terms, max-query-bytes, max-wildcard, bm25-k1, bm25-b, recency: as for vigil-search
//   site-title = Vigil       page titles, the default header, the OpenSearch name
//   header-file, footer-file = FILE   HTML put in place of the default header and footer
//   stylesheet-file = FILE   CSS served as ?asset=site.css and linked after the built-in one
//   cors-origin = ORIGIN...  origins allowed to read format=json (space-separated, or *)
//   public-url = URL         the search's absolute URL, for the OpenSearch document
//   log-level = warn         error, warn, info or debug (to the web server's error log)

#include <cstddef>
#include <string>
#include <vector>

#include "search/searcher.h"
#include "vigil/log.h"

namespace vigil::cgi {

// Where the configuration is read from when VIGIL_CONFIG is not set.
inline constexpr const char* kDefaultConfigPath = "/etc/vigil/search.conf";

struct SiteConfig {
  std::vector<std::string> dbs;
  search::Settings settings;
  int per_page = 10;
  int max_per_page = 50;
  double recency_days = 0;
  double request_timeout = 10;
  std::size_t max_output_bytes = 4U << 20U;
  std::string site_title = "Vigil";
  std::string header_file;
  std::string footer_file;
  std::string stylesheet_file;
  std::vector<std::string> cors_origins;
  std::string public_url;
  LogLevel log_level = LogLevel::kWarn;
};

// Reads and checks the file. Throws ConfigError naming the file and the bad key or value.
SiteConfig load_site_config(const std::string& path);

}  // namespace vigil::cgi
