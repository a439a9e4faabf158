#include "update.h"

#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>

#include "entities/recognise.h"
#include "index/fetch_log.h"
#include "index/index_writer.h"
#include "index/store.h"
#include "pipeline.h"
#include "revisit.h"
#include "vigil/errors.h"
#include "vigil/live_read.h"
#include "vigil/schema.h"
#include "warc/writer.h"

namespace vigil::indexer {
namespace {

using Clock = std::chrono::steady_clock;

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// This run: the killed or interrupted one it resumes, else the next number, starting now.
RunState this_run(const Xapian::Database& db, std::int64_t now, bool& resumed) {
  RunState state = parse_run_state(db.get_metadata(kMetaRunState));
  resumed = state.phase == "running" && state.run > 0;
  if (resumed) return state;
  return RunState{"running", state.run + 1, now, 0};
}

// The fetch log as the crawler's known URLs, and how many documents each key is the document
// of (two addresses of one article share it: it is removed only when neither yields it).
struct KnownState {
  std::unordered_map<std::string, index::FetchRecord> records;
  crawler::KnownUrls known;
  std::unordered_map<std::string, int> key_refs;
  std::size_t due = 0;
};

KnownState load_known(const Xapian::Database& db, std::int64_t start, std::int64_t resumed_run,
                      const RevisitPolicy& policy) {
  KnownState state;
  index::for_each_fetch_record(db, [&](index::FetchRecord&& record) {
    const bool due = is_due(record, start, resumed_run, policy);
    state.due += due ? 1 : 0;
    state.known.emplace(record.url, known_url(record, due, settled_by(record, resumed_run)));
    if (!record.key.empty()) ++state.key_refs[record.key];
    std::string url = record.url;
    state.records.emplace(std::move(url), std::move(record));
  });
  return state;
}

// Applies the crawler's outcomes to the index: records, removals, counts.
class Applier {
 public:
  Applier(index::IndexWriter& writer, KnownState& state, const RevisitPolicy& policy,
          UpdateReport& report, const Logger& log)
      : writer_(writer), state_(state), policy_(policy), report_(report), log_(log) {}

  void visited(const crawler::Fetched& fetched) {
    if (fetched.outcome != "disallowed") ++report_.checked;
    const auto it = state_.records.find(fetched.url);
    const index::FetchRecord* before = it == state_.records.end() ? nullptr : &it->second;
    Visit visit = settle_visit(before, fetched, unix_now(), report_.run, policy_);
    if (fetched.outcome == "unchanged") ++report_.unchanged;
    if (visit.gone_pending) {
      ++report_.gone_pending;
      log_.info(fetched.url + ": HTTP " + std::to_string(fetched.status) +
                "; its document is kept until a later run confirms it is gone");
    }
    if (before != nullptr && !before->key.empty()) --state_.key_refs[before->key];
    if (!visit.record.key.empty()) ++state_.key_refs[visit.record.key];
    if (!visit.remove_key.empty() && state_.key_refs[visit.remove_key] <= 0) {
      if (writer_.remove(visit.remove_key)) {
        ++report_.deleted;
        log_.info("removed " + visit.remove_key + " (" + fetched.url + ": " +
                  (fetched.reason.empty() ? fetched.outcome : fetched.reason) + ")");
      }
    }
    writer_.record_fetch(visit.record);
    state_.records.insert_or_assign(fetched.url, std::move(visit.record));
  }

  void queued(const std::string& url, crawler::Purpose purpose, int depth) {
    if (state_.records.contains(url)) return;
    index::FetchRecord record = queued_record(url, purpose, depth);
    writer_.record_fetch(record);
    state_.records.emplace(url, std::move(record));
  }

 private:
  index::IndexWriter& writer_;
  KnownState& state_;
  const RevisitPolicy& policy_;
  UpdateReport& report_;
  const Logger& log_;
};

void count_write(index::WriteOutcome outcome, UpdateReport& report) {
  switch (outcome) {
    case index::WriteOutcome::kAdded:
      ++report.added;
      break;
    case index::WriteOutcome::kReplaced:
      ++report.replaced;
      break;
    case index::WriteOutcome::kUnchanged:
      ++report.unchanged;
      break;
  }
}

warc::WriterOptions warc_options(const IndexerConfig& config) {
  warc::WriterOptions options;
  options.dir = config.db + "/" + index::kArchiveDirName;
  options.max_file_bytes = config.warc_file_bytes;
  options.software = std::string("vigil-index/") + VIGIL_VERSION;
  return options;
}

warc::Capture capture_of(const fetch::FetchResponse& response) {
  warc::Capture capture;
  capture.target_uri = response.url;
  capture.fetched_at = unix_now();
  capture.ip_address = response.ip_address;
  capture.request_head = response.request_head;
  capture.response_head = response.raw_head;
  capture.body = response.body;  // decoded by libcurl: the writer's head says so
  capture.body_decoded = true;
  return capture;
}

std::string megabytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

}  // namespace

RunState parse_run_state(const std::string& text) {
  RunState state;
  std::istringstream in(text);
  in >> state.phase >> state.run >> state.started;
  if (!in || (state.phase != "running" && state.phase != "done")) return {};
  if (state.phase == "done") in >> state.ended;
  return state;
}

std::string format_run_state(const RunState& state) {
  std::string text = state.phase;
  for (const std::int64_t number : {state.run, state.started}) {
    text += ' ';
    text += std::to_string(number);
  }
  if (state.phase == "done") {
    text += ' ';
    text += std::to_string(state.ended);
  }
  return text;
}

std::string stored_crawl_settings(const std::string& db) {
  try {
    // Read before the lock is taken, so another update may be committing (vigil/live_read.h).
    return read_live([&db] { return Xapian::Database(db).get_metadata(kMetaCrawlSettings); },
                     [](const Xapian::Error&) {});
  } catch (const Xapian::Error&) {
    return {};
  }
}

UpdateReport run_update(const IndexerConfig& config, const Logger& log,
                        const std::atomic<bool>& stop) {
  UpdateReport report;
  report.dry_run = config.dry_run;
  report.shard = config.crawl.shard;
  const RevisitPolicy policy{static_cast<std::int64_t>(config.revisit_min_days * 86400),
                             static_cast<std::int64_t>(config.revisit_max_days * 86400),
                             config.revisit_all};
  if (config.dry_run) {
    report.started_at = unix_now();
    report.crawl = crawler::crawl(
        config.crawl, log, stop, [](Article&&) {}, crawler::CrawlHooks{});
    report.checked = report.crawl.fetched;
    return report;
  }
  const index::IndexLock lock = index::IndexLock::acquire(config.db, config.wait_lock_seconds);
  // Declared before the writer: its last commit (in its destructor) syncs the archive first.
  std::optional<warc::Writer> archive;
  std::optional<entities::Recogniser> recogniser;
  index::WriterOptions options = writer_options(config, recogniser);
  options.before_commit = [&archive] {
    if (archive) archive->sync();  // what a commit makes visible is preserved first
  };
  index::IndexWriter writer(config.db, schema::Schema::builtin(), std::move(options));
  claim_shard(writer, config.shard, config.db);
  if (config.warc) archive.emplace(warc_options(config));  // DIR/warc, once DIR is an index

  RunState run = this_run(writer.database(), unix_now(), report.resumed);
  report.run = run.run;
  report.started_at = run.started;
  if (report.resumed) {
    log.info("resuming run " + std::to_string(run.run) + ", started at Unix time " +
             std::to_string(run.started) + ": what it committed is not fetched again");
  }
  if (config.command == Command::kCrawl) {
    writer.set_metadata(kMetaCrawlSettings, crawl_settings_text(config));
  }
  writer.set_metadata(kMetaRunState, format_run_state(run));
  writer.commit();  // first: from now on a killed run is resumed by `update`
  recogniser = load_recogniser(config);

  KnownState state =
      load_known(writer.database(), report.started_at, report.resumed ? run.run : 0, policy);
  report.due = state.due;
  Applier applier(writer, state, policy, report, log);
  crawler::CrawlHooks hooks;
  hooks.known = &state.known;
  hooks.fetched = [&](const crawler::Fetched& fetched) { applier.visited(fetched); };
  hooks.queued = [&](const std::string& url, crawler::Purpose purpose, int depth) {
    applier.queued(url, purpose, depth);
  };
  if (archive) {
    hooks.response = [&archive](const fetch::FetchResponse& response) {
      archive->write(capture_of(response));
    };
  }
  const auto write = [&](Article&& article) {
    if (const std::optional<std::string> cut = cap_main_text(article)) log.warn(*cut);
    if (recogniser) article.entities = recogniser->recognise(article);
    count_write(writer.write(article), report);
  };
  report.crawl = crawler::crawl(config.crawl, log, stop, write, hooks);
  writer.commit();
  report.documents = writer.doc_count();
  if (!report.crawl.interrupted) {
    run.phase = "done";
    run.ended = unix_now();
    writer.set_metadata(kMetaRunState, format_run_state(run));
  }
  writer.set_metadata(kMetaLastRun, update_report_json(report));
  writer.commit();
  return report;
}

std::string update_summary_line(const UpdateReport& report) {
  const crawler::CrawlReport& c = report.crawl;
  std::string others;
  if (!report.shard.whole()) {
    others = ", other shard ";
    others += std::to_string(c.other_shard);
  }
  char line[700];
  std::snprintf(
      line, sizeof line,
      "checked %zu: new %zu, updated %zu, unchanged %zu, deleted %zu, failed %zu, "
      "disallowed %zu (articles %zu, not articles %zu, noindex %zu, not HTML %zu, HTTP errors %zu, "
      "404 pending %zu, retries %zu, out of scope %zu%s); %zu requests, %s; %s; %.1f s",
      report.checked, report.added, report.replaced, report.unchanged, report.deleted, c.failed,
      c.disallowed, c.articles, c.not_articles, c.noindex, c.not_html, c.not_found,
      report.gone_pending, c.retries, c.out_of_scope, others.c_str(), c.fetched,
      megabytes(c.bytes).c_str(),
      report.dry_run ? "dry run, nothing written"
                     : (std::to_string(report.documents) + " documents in index").c_str(),
      c.seconds);
  return line;
}

std::string update_report_json(const UpdateReport& report) {
  const crawler::CrawlReport& c = report.crawl;
  std::string out = "{";
  const auto field = [&](std::string_view name, std::uint64_t value) {
    out += '"';
    out += name;
    out += "\": ";
    out += std::to_string(value);
    out += ", ";
  };
  field("checked", report.checked);
  field("new", report.added);
  field("updated", report.replaced);
  field("unchanged", report.unchanged);
  field("deleted", report.deleted);
  field("failed", c.failed);
  field("disallowed", c.disallowed);
  field("gone_pending", report.gone_pending);
  field("articles", c.articles);
  field("not_articles", c.not_articles);
  field("noindex", c.noindex);
  field("not_html", c.not_html);
  field("http_errors", c.not_found);
  field("out_of_scope", c.out_of_scope);
  field("other_shard", c.other_shard);
  field("retries", c.retries);
  field("sitemaps", c.sitemaps);
  field("feeds", c.feeds);
  field("due", report.due);
  field("not_due", c.not_due);
  field("requests", c.fetched);
  field("bytes", c.bytes);
  field("documents", report.documents);
  field("run", static_cast<std::uint64_t>(report.run));
  field("started_at", static_cast<std::uint64_t>(report.started_at));
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.3f", c.seconds);
  out += "\"seconds\": ";
  out += seconds;
  out += ", \"shard\": ";
  if (report.shard.whole()) {
    out += "null";
  } else {
    out += '"';
    out += format_shard(report.shard);
    out += '"';
  }
  out += ", \"resumed\": ";
  out += report.resumed ? "true" : "false";
  out += ", \"interrupted\": ";
  out += c.interrupted ? "true" : "false";
  out += ", \"dry_run\": ";
  out += report.dry_run ? "true" : "false";
  out += "}\n";
  return out;
}

int update_exit_code(const UpdateReport& report) {
  if (report.crawl.interrupted) return kExitRuntime;
  return report.crawl.failed == 0 ? kExitOk : kExitSkipped;
}

}  // namespace vigil::indexer
