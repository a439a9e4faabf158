// vigil-search: parses options, runs one search, renders it, maps the outcome to an exit code.
#include <unistd.h>
#include <xapian.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cgi/handler.h"
#include "options.h"
#include "render/render.h"
#include "search/searcher.h"
#include "vigil/damaged_index.h"
#include "vigil/errors.h"
#include "vigil/live_read.h"
#include "vigil/log.h"
#include "vigil/main_guard.h"
#include "vigil/schema.h"

namespace {

bool use_color(vigil::searcher::Color color) {
  if (color != vigil::searcher::Color::kAuto) return color == vigil::searcher::Color::kAlways;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0') &&
         (term == nullptr || std::string(term) != "dumb");
}

// The query as messages quote it: whole when short, else its start (never splitting a UTF-8
// character) and its size, so that a hostile megabyte is not written back to the terminal or log.
std::string quoted_query(const std::string& query) {
  constexpr std::size_t kShown = 60;
  if (query.size() <= kShown + 20) return "'" + query + "'";
  std::size_t cut = kShown;
  while (cut > 0 && (static_cast<unsigned char>(query[cut]) & 0xC0U) == 0x80U) --cut;
  return "'" + query.substr(0, cut) + "...' (" + std::to_string(query.size()) + " bytes)";
}

// What to do about a refused query: the limit it broke, or the query language.
std::string query_hint(const vigil::Error& error) {
  if (error.code == "query_too_long") return "shorten the query, or raise --max-query-bytes";
  if (error.code == "too_many_terms") return "use fewer words, or raise --max-terms";
  return "see vigil-search --help for the query language";
}

// Names each shard that did not answer; the exit code: 1 when some did (incomplete results).
int report_missing(const std::vector<vigil::search::MissingShard>& missing,
                   const vigil::Logger& log) {
  for (const vigil::search::MissingShard& shard : missing) {
    log.error("shard " + std::to_string(shard.number) + " (" + shard.name +
                  ") did not answer, so the results and counts are incomplete: " + shard.why,
              "start its server (scripts/shard-server.sh) or list a replica after a comma");
  }
  return missing.empty() ? vigil::kExitOk : vigil::kExitSkipped;
}

int search(const vigil::searcher::SearcherConfig& config, vigil::Logger& log) {
  const auto open = [&config] {
    return std::make_unique<const vigil::search::Searcher>(
        config.dbs, vigil::schema::Schema::builtin(), config.settings);
  };
  // An update committing while we open or read the index can overwrite what we read
  // (vigil/live_read.h): open it again by its path (which also follows the stub to a newly
  // published generation) and read once more.
  const auto retrying = [&log](const Xapian::Error& e) {
    log.info("the index changed while it was read (" + e.get_msg() + "); reading it again");
  };
  std::unique_ptr<const vigil::search::Searcher> searcher;
  if (config.export_format != vigil::searcher::Export::kNone) {
    const bool csv = config.export_format == vigil::searcher::Export::kCsv;
    if (csv) std::cout << vigil::render::csv_header();
    // Once rows are out, a retry would repeat them: only the opening is retried.
    searcher = vigil::read_live(open, retrying);
    const vigil::Result<std::uint64_t> exported =
        searcher->export_hits(config.request, [&](const vigil::search::Hit& hit) {
          std::cout << (csv ? vigil::render::csv_row(hit) : vigil::render::jsonl_row(hit));
        });
    if (!exported) {
      log.error(
          "cannot export " + quoted_query(config.request.query) + ": " + exported.error().message,
          query_hint(exported.error()));
      return vigil::kExitUsage;
    }
    log.info("exported " + std::to_string(exported.value()) + " articles");
    std::cout.flush();
    return report_missing(searcher->missing_shards(), log);
  }
  const auto open_and_search = [&] {
    searcher = open();
    return searcher->search(config.request);
  };
  // A remote shard that stops answering mid-search: open the shards again (its next replica, or
  // the search goes on without it, saying so) and search once more.
  std::optional<vigil::Result<vigil::search::SearchResult>> searched;
  try {
    searched.emplace(vigil::read_live(open_and_search, retrying));
  } catch (const Xapian::NetworkError& e) {
    log.warn("a shard stopped answering during the search (" + e.get_msg() + "); searching again");
    searched.emplace(vigil::read_live(open_and_search, retrying));
  }
  const vigil::Result<vigil::search::SearchResult>& result = *searched;
  if (!result) {
    log.error(
        "cannot search for " + quoted_query(config.request.query) + ": " + result.error().message,
        query_hint(result.error()));
    return vigil::kExitUsage;
  }
  if (config.format == vigil::searcher::Format::kJson) {
    std::cout << vigil::render::to_json(result.value());
  } else {
    std::cout << vigil::render::to_text(result.value(), {use_color(config.color)});
  }
  std::cout.flush();  // a closed pipe (EPIPE) is not an error: the reader had enough
  return report_missing(result.value().missing_shards, log);
}

int run(int argc, char** argv, vigil::Logger& log) {
  const auto parsed = vigil::searcher::parse_options(argc, argv, std::getenv("VIGIL_DB"));
  if (!parsed.config) {
    std::cout << parsed.text;
    return vigil::kExitOk;
  }
  const vigil::searcher::SearcherConfig& config = *parsed.config;
  log.set_level(config.log_level);
  if (config.print_config) {
    std::cout << vigil::searcher::describe(config);
    return vigil::kExitOk;
  }
  try {
    return search(config, log);
  } catch (const Xapian::Error& e) {
    // After read_live's retries: not a commit racing us, but damaged files.
    if (!vigil::is_damage(e)) throw;
    if (config.dbs.size() == 1) {
      throw vigil::RuntimeError(
          "the index '" + config.dbs.front() + "' is damaged: " + e.get_description(),
          vigil::damaged_index_hint(config.dbs.front()));
    }
    throw vigil::RuntimeError("one of the indexes searched is damaged: " + e.get_description(),
                              "run xapian-check on each --db index to find it, then rebuild it");
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);
  vigil::Logger log("vigil-search", vigil::LogLevel::kWarn);
  // Started by a web server (GATEWAY_INTERFACE set): answer one request, never from argv. Then
  // the process ends at once: the response is written and flushed and the index was only read,
  // so the destructors of what the search built (index handles, ICU's and the C++ library's
  // state) would only cost each request about 0.25 ms (scripts/bench/compare.sh).
  if (vigil::cgi::is_cgi()) {
    const int code = vigil::cgi::run_cgi(log);
    std::fflush(nullptr);
    _exit(code);
  }
  return vigil::run_guarded(log, "the index may be damaged; rebuild it",
                            [&] { return run(argc, argv, log); });
}
