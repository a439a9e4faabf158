#include "cgi/handler.h"

#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include "cgi/assets.h"
#include "cgi/params.h"
#include "cgi/site_config.h"
#include "render/html.h"
#include "render/render.h"
#include "search/searcher.h"
#include "vigil/damaged_index.h"
#include "vigil/errors.h"
#include "vigil/json.h"
#include "vigil/live_read.h"
#include "vigil/schema.h"
#include "vigil/text.h"

namespace vigil::cgi {
namespace {

constexpr std::size_t kMaxSiteFile = 256U << 10U;  // header, footer, stylesheet
constexpr int kRetryAfterSeconds = 30;

// A damaged index (vigil/damaged_index.h) goes to the error log with how to recover.
void log_damage(const Xapian::Error& e, const SiteConfig& config, const Logger& log) {
  if (config.dbs.size() == 1) {
    log.error("the index '" + config.dbs.front() + "' is damaged: " + e.get_description(),
              damaged_index_hint(config.dbs.front()));
  } else {
    log.error("one of the indexes in 'db' is damaged: " + e.get_description(),
              "run xapian-check on each to find it, then rebuild it");
  }
}

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

// A site file (header, footer, stylesheet), at most kMaxSiteFile bytes; nullopt when unreadable.
std::optional<std::string> read_site_file(const std::string& path, const Logger& log) {
  std::ifstream in(path, std::ios::binary);
  std::string text;
  if (in) {
    text.resize(kMaxSiteFile + 1);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
  }
  if (!in && !in.eof()) {
    log.error("cannot read the site file '" + path + "'",
              "check the path in the search configuration and that the web server's user may "
              "read it");
    return std::nullopt;
  }
  if (text.size() > kMaxSiteFile) {
    log.error("the site file '" + path + "' is over " + std::to_string(kMaxSiteFile) + " bytes",
              "keep headers, footers and stylesheets small");
    return std::nullopt;
  }
  return text;
}

// A token that changes when the file does: its modification time and size.
std::string file_version(const std::string& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return "";
  return hex64(fnv1a64(std::to_string(info.st_mtim.tv_sec) + "." +
                       std::to_string(info.st_mtim.tv_nsec) + "." + std::to_string(info.st_size)))
      .substr(0, 10);
}

// Everything a response needs beyond the request.
class Responder {
 public:
  Responder(const Environment& environment, const SiteConfig& config, const Logger& log)
      : env_(environment), config_(config), log_(log) {
    context_.script = environment.script_name;
    context_.site.title = config.site_title;
    context_.site.stylesheet = !config.stylesheet_file.empty();
    context_.site.assets_version = assets_version();
    if (context_.site.stylesheet) {
      context_.site.stylesheet_version = file_version(config.stylesheet_file);
    }
  }

  Response answer();

 private:
  Response html(int status, std::string body) const {
    Response response;
    response.status = status;
    add_standard_headers(response, "text/html; charset=utf-8");
    response.body = std::move(body);
    return response;
  }

  Response json(int status, std::string body) const {
    Response response;
    response.status = status;
    add_standard_headers(response, "application/json; charset=utf-8");
    const auto allowed = [&](const std::string& origin) {
      return origin == "*" || (!env_.origin.empty() && origin == env_.origin);
    };
    for (const std::string& origin : config_.cors_origins) {
      if (!allowed(origin)) continue;
      response.set("Access-Control-Allow-Origin", origin);
      if (origin != "*") response.set("Vary", "Origin");
      break;
    }
    response.body = std::move(body);
    return response;
  }

  // A failure the visitor can act on (400) or has to wait out (503), in the format asked for.
  Response failure(int status, std::string_view code, std::string_view heading,
                   std::string_view message) {
    Response response;
    if (format_ == Format::kJson) {
      response = json(status, "{\"error\":{\"code\":" + json_quote(code) +
                                  ",\"message\":" + json_quote(message) + "}}\n");
    } else {
      load_site_html();
      response = html(status, render::message_page(context_, heading, message));
    }
    if (status == 503) response.set("Retry-After", std::to_string(kRetryAfterSeconds));
    return response;
  }

  void load_site_html() {
    if (!config_.header_file.empty()) {
      context_.site.header_html = read_site_file(config_.header_file, log_).value_or("");
    }
    if (!config_.footer_file.empty()) {
      context_.site.footer_html = read_site_file(config_.footer_file, log_).value_or("");
    }
  }

  Response asset(const WebRequest& request) const;
  Response opensearch() const;
  Response search(const WebRequest& request);

  const Environment& env_;
  const SiteConfig& config_;
  const Logger& log_;
  render::PageContext context_;
  Format format_ = Format::kHtml;
};

Response Responder::asset(const WebRequest& request) const {
  const std::string& name = request.asset;
  std::string body;
  std::string type;
  std::string version;
  if (const Asset* found = find_asset(name)) {
    body = found->body;
    type = found->content_type;
    version = assets_version();
  } else if (name == "site.css" && !config_.stylesheet_file.empty()) {
    std::optional<std::string> css = read_site_file(config_.stylesheet_file, log_);
    if (!css) return html(404, render::message_page(context_, "Not found", "No such file."));
    body = std::move(*css);
    type = "text/css; charset=utf-8";
    version = context_.site.stylesheet_version;
  } else {
    return html(404, render::message_page(context_, "Not found", "No such file."));
  }
  Response response;
  // A link with the current version token may be cached for good: a new version has a new URL.
  // Without it (an old page, a hand-made link), for an hour.
  const bool versioned = !version.empty() && request.version == version;
  add_standard_headers(response, type,
                       versioned ? "public, max-age=31536000, immutable" : "public, max-age=3600");
  const std::string etag = "\"" + hex64(fnv1a64(body)) + "\"";
  response.set("ETag", etag);
  if (env_.if_none_match == etag) {
    response.status = 304;
    return response;
  }
  response.body = std::move(body);
  return response;
}

// The OpenSearch description document, so browsers can add the search engine.
Response Responder::opensearch() const {
  std::string base = config_.public_url;
  if (base.empty()) {
    const bool https = env_.https == "on" || env_.https == "1";
    base = https ? "https://" : "http://";
    if (env_.server_name.empty()) {
      log_.warn(
          "the web server passed no SERVER_NAME: the OpenSearch document names localhost; "
          "set public-url in the search configuration");
    }
    base += env_.server_name.empty() ? "localhost" : env_.server_name;
    if (!env_.server_port.empty() && env_.server_port != (https ? "443" : "80")) {
      base += ':';
      base += env_.server_port;
    }
    base += env_.script_name;
  }
  const auto escaped = [](std::string_view text) {
    std::string out;
    append_html_escaped(to_valid_utf8(text), out);
    return out;
  };
  // OpenSearch's ShortName is at most 16 characters.
  std::string short_name = config_.site_title.substr(0, 16);
  short_name = to_valid_utf8(short_name);
  std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n"
      "<ShortName>" +
      escaped(short_name) + "</ShortName>\n<Description>Search " + escaped(config_.site_title) +
      "</Description>\n<InputEncoding>UTF-8</InputEncoding>\n"
      "<Url type=\"text/html\" method=\"get\" template=\"" +
      escaped(base + "?q={searchTerms}") +
      "\"/>\n<Url type=\"application/json\" method=\"get\" template=\"" +
      escaped(base + "?q={searchTerms}&format=json") +
      "\"/>\n<Url type=\"application/opensearchdescription+xml\" rel=\"self\" template=\"" +
      escaped(base + "?format=opensearch") + "\"/>\n</OpenSearchDescription>\n";
  Response response;
  add_standard_headers(response, "application/opensearchdescription+xml; charset=utf-8",
                       "public, max-age=86400");
  response.body = std::move(body);
  return response;
}

Response Responder::search(const WebRequest& request) {
  context_.state = request.state;
  const render::PageState& state = request.state;
  const bool empty =
      state.query.empty() && state.filters.empty() && state.from.empty() && state.to.empty();
  if (empty) {
    if (format_ == Format::kJson) {
      return failure(400, "empty_query", "No query",
                     "Nothing to search for: give q=WORDS or a filter such as place=cn.13.");
    }
    load_site_html();
    return html(200, render::home_page(context_));
  }
  search::SearchRequest search_request =
      to_search_request(state, config_.per_page, config_.max_per_page);
  search_request.recency_days = config_.recency_days;
  const auto open = [this] {
    return std::make_unique<search::Searcher>(config_.dbs, schema::Schema::builtin(),
                                              config_.settings);
  };
  // A nightly update may commit while we open or read the index (vigil/live_read.h): open it
  // again and read once more.
  const auto retrying = [this](const Xapian::Error& e) {
    log_.info("the index changed while it was read (" + e.get_msg() + "); reading it again");
  };
  std::unique_ptr<search::Searcher> searcher;
  try {
    searcher = read_live(open, retrying);
  } catch (const VigilError& e) {
    log_.error(std::string("cannot open the index: ") + e.what(), e.hint());
  } catch (const Xapian::Error& e) {
    if (is_damage(e)) {
      log_damage(e, config_, log_);
    } else {
      log_.error("cannot open the index: " + e.get_description(),
                 "check 'db' in the search configuration and that the web server's user may "
                 "read the index");
    }
  }
  if (!searcher) {
    return failure(503, "unavailable", "Search unavailable",
                   "The search is unavailable at the moment. Please try again in a minute.");
  }
  bool reopen = false;  // the first attempt uses the searcher opened above
  const auto attempt = [&] {
    if (reopen) searcher = open();
    reopen = true;
    return searcher->search(search_request);
  };
  std::optional<Result<search::SearchResult>> result;
  try {
    result.emplace(read_live(attempt, retrying));
  } catch (const Xapian::NetworkError& e) {
    // A remote shard stopped answering: its next replica, or on without it (the page says so).
    log_.warn("a shard stopped answering during the search (" + e.get_msg() + "); searching again");
    result.emplace(read_live(attempt, retrying));
  }
  if (!*result) {
    std::string message = result->error().message;
    if (message.rfind("--filter ", 0) == 0) message.replace(0, 9, "the filter ");
    return failure(400, result->error().code, "Cannot search for that", message);
  }
  // Which shard is missing, and why, goes to the error log; visitors see only its number.
  for (search::MissingShard& shard : result->value().missing_shards) {
    log_.error("shard " + std::to_string(shard.number) + " (" + shard.name +
                   ") did not answer; the results served are incomplete: " + shard.why,
               "start its server or list a replica after a comma in 'db'");
    shard.name.clear();
    shard.why.clear();
  }
  if (format_ == Format::kJson) return json(200, render::to_json(result->value()));
  // The page states the per_page it was given, so links keep it.
  load_site_html();
  return html(200, render::results_page(result->value(), context_));
}

Response Responder::answer() {
  if (env_.method != "GET" && env_.method != "HEAD") {
    Response response =
        html(405, render::message_page(context_, "Method not allowed",
                                       "This search answers GET and HEAD requests only."));
    response.set("Allow", "GET, HEAD");
    return response;
  }
  Result<std::vector<std::pair<std::string, std::string>>> pairs =
      parse_query_string(env_.query_string);
  if (!pairs) {
    if (env_.query_string.find("format=json") != std::string::npos) format_ = Format::kJson;
    return failure(400, pairs.error().code, "Invalid request",
                   "This address is malformed (" + pairs.error().message +
                       "). Start a new search from the form.");
  }
  format_ = requested_format(pairs.value());
  Result<WebRequest> request = read_request(pairs.value());
  if (!request) {
    return failure(400, request.error().code, "Invalid request",
                   request.error().message + ". Start a new search from the form.");
  }
  format_ = request.value().format;
  if (!request.value().asset.empty()) return asset(request.value());
  if (format_ == Format::kOpenSearch) return opensearch();
  return search(request.value());
}

// What a request gets when the configuration cannot be used: the details go to the log only.
Response unconfigured() {
  Response response;
  response.status = 500;
  add_standard_headers(response, "text/plain; charset=utf-8");
  response.body =
      "The search is not configured correctly. The site's administrators have been "
      "told in the web server's error log.\n";
  return response;
}

Response checked_size(Response response, const SiteConfig& config, const Logger& log) {
  if (response.body.size() <= config.max_output_bytes) return response;
  log.error("a response of " + std::to_string(response.body.size()) +
                " bytes is over max-output-bytes (" + std::to_string(config.max_output_bytes) +
                "); not sent",
            "raise max-output-bytes in the search configuration, or lower max-per-page");
  Response refused;
  refused.status = 500;
  add_standard_headers(refused, "text/plain; charset=utf-8");
  refused.body = "The result is too large to send. Please ask for fewer results per page.\n";
  return refused;
}

Response answer_guarded(const Environment& environment, const SiteConfig& config,
                        const Logger& log) {
  try {
    Responder responder(environment, config, log);
    return checked_size(responder.answer(), config, log);
  } catch (const VigilError& e) {
    log.error(e.what(), e.hint());
  } catch (const Xapian::Error& e) {
    if (is_damage(e)) {
      // As an index that cannot be opened: the visitor may try again once it is restored.
      log_damage(e, config, log);
      Response response;
      response.status = 503;
      add_standard_headers(response, "text/plain; charset=utf-8");
      response.set("Retry-After", std::to_string(kRetryAfterSeconds));
      response.body = "The search is unavailable at the moment. Please try again later.\n";
      return response;
    }
    log.error("index error: " + e.get_description(), "the index may be damaged; rebuild it");
  } catch (const std::exception& e) {
    log.error(std::string("unexpected failure: ") + e.what());
  }
  Response response;
  response.status = 500;
  add_standard_headers(response, "text/plain; charset=utf-8");
  response.body = "The search failed. Please try again later.\n";
  return response;
}

// SIGALRM past the request's time: the response has not been written yet (it is written in one
// go at the end), so a fixed 503 can be written instead. Only async-signal-safe calls.
constexpr char kTimeoutResponse[] =
    "Status: 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Retry-After: 30\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n"
    "The search took too long. Please try again, or narrow the query.\n";
constexpr char kTimeoutLog[] = "vigil-search: error: a request exceeded request-timeout\n";

extern "C" void on_timeout(int /*signal*/) {
  [[maybe_unused]] ssize_t ignored =
      write(STDOUT_FILENO, kTimeoutResponse, sizeof kTimeoutResponse - 1);
  ignored = write(STDERR_FILENO, kTimeoutLog, sizeof kTimeoutLog - 1);
  _exit(kExitRuntime);
}

}  // namespace

bool is_cgi() { return std::getenv("GATEWAY_INTERFACE") != nullptr; }

Environment read_environment() {
  Environment environment;
  environment.method = env("REQUEST_METHOD");
  environment.query_string = env("QUERY_STRING");
  environment.script_name = env("SCRIPT_NAME");
  environment.config_path = env("VIGIL_CONFIG");
  if (environment.config_path.empty()) environment.config_path = kDefaultConfigPath;
  environment.https = env("HTTPS");
  environment.server_name = env("SERVER_NAME");
  environment.server_port = env("SERVER_PORT");
  environment.origin = env("HTTP_ORIGIN");
  environment.if_none_match = env("HTTP_IF_NONE_MATCH");
  return environment;
}

Response handle(const Environment& environment, const Logger& log) {
  SiteConfig config;
  try {
    config = load_site_config(environment.config_path);
  } catch (const ConfigError& e) {
    log.error(e.what(), e.hint());
    return unconfigured();
  }
  return answer_guarded(environment, config, log);
}

int run_cgi(Logger& log) {
  std::signal(SIGALRM, on_timeout);
  alarm(10);
  const Environment environment = read_environment();
  Response response;
  try {
    const SiteConfig config = load_site_config(environment.config_path);
    log.set_level(config.log_level);
    alarm(static_cast<unsigned>(std::ceil(config.request_timeout)));
    response = answer_guarded(environment, config, log);
  } catch (const ConfigError& e) {
    log.error(e.what(), e.hint());
    response = unconfigured();
  }
  alarm(0);
  const std::string text = serialize(response, environment.method == "HEAD");
  std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
  std::cout.flush();
  return response.status >= 500 ? kExitRuntime : kExitOk;
}

}  // namespace vigil::cgi
