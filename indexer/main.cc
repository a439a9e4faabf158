// vigil-index: parses options, runs the pipeline, maps the outcome to an exit code.
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>

#include "compact_command.h"
#include "entities_command.h"
#include "extract_command.h"
#include "options.h"
#include "pipeline.h"
#include "reindex.h"
#include "stats_command.h"
#include "update.h"
#include "vigil/damaged_index.h"
#include "vigil/errors.h"
#include "vigil/log.h"
#include "vigil/main_guard.h"

namespace {

std::atomic<bool> g_stop{false};  // set by SIGINT/SIGTERM; the pipeline commits and returns

extern "C" void request_stop(int /*signal*/) { g_stop.store(true); }

// The index being written, for on_terminate (which takes no arguments).
std::string g_index;  // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)

// Xapian 1.4.22 can throw from a destructor while it unwinds a failed commit (a full disk, a file
// size limit), which ends the process through std::terminate before main's catch sees anything.
// Say what failed, as main would: the commit did not happen, so the index is as of the last one
// (glass writes the new revision's version file last).
[[noreturn]] void on_terminate() {
  std::string message = "vigil-index: error: unexpected failure\n";
  try {
    if (const std::exception_ptr failure = std::current_exception()) {
      std::rethrow_exception(failure);
    }
  } catch (const Xapian::DatabaseError& e) {
    message = "vigil-index: error: cannot write to index '" + g_index + "': " + e.get_msg();
    if (e.get_error_string() != nullptr) message += std::string(" (") + e.get_error_string() + ")";
    message +=
        "\nhint: free disk space (or fix what the error names) and run the same command again: "
        "the index holds what its last commit held, and the run resumes from there\n";
  } catch (const Xapian::Error& e) {
    message = "vigil-index: error: index error: " + e.get_description() + "\n";
  } catch (const std::exception& e) {
    message = std::string("vigil-index: error: unexpected failure: ") + e.what() + "\n";
  } catch (...) {  // NOLINT(bugprone-empty-catch): the message says "unexpected failure"
  }
  [[maybe_unused]] const ssize_t ignored = write(STDERR_FILENO, message.data(), message.size());
  _exit(vigil::kExitRuntime);
}

int run_command(const vigil::indexer::IndexerConfig& config, vigil::Logger& log) {
  if (config.command == vigil::indexer::Command::kExtract) {
    return vigil::indexer::run_extract(config, log);
  }
  if (config.command == vigil::indexer::Command::kEntities) {
    return vigil::indexer::run_entities(config, log);
  }
  if (config.command == vigil::indexer::Command::kCompact) {
    return vigil::indexer::run_compact(config, log);
  }
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  if (config.command == vigil::indexer::Command::kStats) {
    return vigil::indexer::run_stats(config, std::cout);
  }
  if (config.command == vigil::indexer::Command::kReindex) {
    const vigil::indexer::ReindexReport report = vigil::indexer::run_reindex(config, log, g_stop);
    if (report.interrupted) {
      log.error("interrupted; the live index was left as it was", "run vigil-index reindex again");
      return vigil::kExitRuntime;
    }
    std::fprintf(stderr, "vigil-index: %s\n", vigil::indexer::reindex_summary_line(report).c_str());
    return report.bad_records == 0 ? vigil::kExitOk : vigil::kExitSkipped;
  }
  if (config.command == vigil::indexer::Command::kCrawl ||
      config.command == vigil::indexer::Command::kUpdate) {
    vigil::indexer::IndexerConfig crawl_config = config;
    crawl_config.crawl.progress = isatty(STDERR_FILENO) != 0 && log.enabled(vigil::LogLevel::kInfo);
    const vigil::indexer::UpdateReport report =
        vigil::indexer::run_update(crawl_config, log, g_stop);
    const int code = vigil::indexer::update_exit_code(report);
    if (!config.report.empty()) {
      std::ofstream out(config.report);
      out << vigil::indexer::update_report_json(report);
      if (!out) {
        log.error("cannot write --report file '" + config.report + "'", "check the path");
        return vigil::kExitRuntime;
      }
    }
    // A quiet update (the nightly job under cron): the summary only when something needs
    // attention. A quiet crawl, like a quiet add, still prints it.
    const bool quiet = config.quiet && config.command == vigil::indexer::Command::kUpdate;
    if (!quiet || code != vigil::kExitOk) {
      std::fprintf(stderr, "vigil-index: %s\n",
                   vigil::indexer::update_summary_line(report).c_str());
    }
    if (report.crawl.interrupted) {
      log.error("interrupted; everything fetched before the signal is committed",
                "run vigil-index update (or the same crawl) again: it resumes where this run "
                "stopped");
    }
    return code;
  }
  const vigil::indexer::AddReport report = vigil::indexer::run_add(config, log, g_stop);
  // The summary is the product of a run: always printed, whatever the log level.
  std::fprintf(stderr, "vigil-index: %s\n", vigil::indexer::summary_line(report).c_str());
  if (report.interrupted) {
    log.error("interrupted; everything imported before the signal is committed",
              "run the same command again: unchanged documents are skipped quickly");
    return vigil::kExitRuntime;
  }
  return report.skipped == 0 ? vigil::kExitOk : vigil::kExitSkipped;
}

int run(int argc, char** argv, vigil::Logger& log) {
  const vigil::indexer::ParsedOptions parsed =
      vigil::indexer::parse_options(argc, argv, vigil::indexer::stored_crawl_settings);
  if (!parsed.config) {
    std::cout << parsed.text;
    return vigil::kExitOk;
  }
  const vigil::indexer::IndexerConfig& config = *parsed.config;
  log.set_level(config.log_level);
  if (config.print_config) {
    std::cout << vigil::indexer::describe(config);
    return vigil::kExitOk;
  }
  g_index = config.db;
  std::set_terminate(on_terminate);
  try {
    return run_command(config, log);
  } catch (const Xapian::Error& e) {
    if (!vigil::is_damage(e) || config.db.empty()) throw;
    throw vigil::RuntimeError("the index '" + config.db + "' is damaged: " + e.get_description(),
                              vigil::damaged_index_hint(config.db));
  }
}

}  // namespace

int main(int argc, char** argv) {
  vigil::Logger log("vigil-index");
  log.set_timestamps(true);  // when stderr is a log file (cron), not on a terminal
  return vigil::run_guarded(log,
                            "check free disk space and permissions; the index is as of its last "
                            "commit, and the next run resumes from there",
                            [&] { return run(argc, argv, log); });
}
