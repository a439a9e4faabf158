#pragma once
// vigil-search as a CGI program: one request (the CGI environment) -> one response. The index, the
// limits and the page settings come from the server's configuration file (cgi/site_config.h),
// never from the request.
//
// Statuses: 200; 304 for an unchanged asset; 400 for invalid parameters or a query that cannot be
// run (the page says what is wrong and keeps the query); 404 for an unknown asset; 405 for methods
// other than GET and HEAD; 500 when the configuration is unusable or the response would be too
// large; 503 with Retry-After when the index cannot be opened. Visitors never see internal paths
// or exception texts: those go to the web server's error log (stderr).

#include <string>

#include "cgi/response.h"
#include "vigil/log.h"

namespace vigil::cgi {

// The CGI meta-variables (RFC 3875) the handler reads, and VIGIL_CONFIG.
struct Environment {
  std::string method;         // REQUEST_METHOD
  std::string query_string;   // QUERY_STRING
  std::string script_name;    // SCRIPT_NAME: the search's URL path, for links
  std::string config_path;    // VIGIL_CONFIG, else kDefaultConfigPath
  std::string https;          // HTTPS ("on" behind TLS)
  std::string server_name;    // SERVER_NAME
  std::string server_port;    // SERVER_PORT
  std::string origin;         // HTTP_ORIGIN (CORS)
  std::string if_none_match;  // HTTP_IF_NONE_MATCH (asset revalidation)
};

// True when the process was started as a CGI program (GATEWAY_INTERFACE is set).
bool is_cgi();

// The environment of this process.
Environment read_environment();

// Answers one request. Does not throw: every failure becomes a response, its cause logged.
Response handle(const Environment& environment, const Logger& log);

// The whole CGI run: reads the environment, answers within the configured request-timeout (past
// it, or past a default of 10 s while the configuration is read, the process answers 503 and
// ends), writes the response to standard output. Returns the process exit code: 0, or 3 when the
// response was a 5xx.
int run_cgi(Logger& log);

}  // namespace vigil::cgi
