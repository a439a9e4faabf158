#include "stats_command.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "index/fetch_log.h"
#include "revisit.h"
#include "update.h"
#include "vigil/errors.h"
#include "vigil/json.h"
#include "vigil/live_read.h"
#include "vigil/shard.h"

namespace vigil::indexer {
namespace {

constexpr std::size_t kFailuresShown = 10;

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string utc(std::int64_t seconds) {
  if (seconds <= 0) return "-";
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return text;
}

struct Stats {
  std::uint64_t documents = 0;
  std::string shard;     // "I/N" (metadata kShardMetadataKey), "" when built without --shard
  std::string state;     // "done", "running" (a run killed or in progress), "" (never run)
  std::int64_t run = 0;  // the last run's number
  std::int64_t started = 0;
  std::int64_t ended = 0;
  std::string last_run;  // JSON report of the last run
  std::map<std::string, std::size_t> outcomes;
  std::vector<index::FetchRecord> failing;
  std::size_t gone_pending = 0;
  // Next visits: due at the next run, within a day, a week, 30 days, later.
  std::size_t due_now = 0, day = 0, week = 0, month = 0, later = 0;
  std::int64_t earliest = 0;  // the earliest next visit that is not due now
};

Stats gather(const Xapian::Database& db) {
  Stats stats;
  stats.documents = db.get_doccount();
  stats.shard = db.get_metadata(kShardMetadataKey);
  stats.last_run = db.get_metadata(kMetaLastRun);
  const RunState state = parse_run_state(db.get_metadata(kMetaRunState));
  stats.state = state.phase;
  stats.run = state.run;
  stats.started = state.started;
  stats.ended = state.ended;
  const std::int64_t now = unix_now();
  const RevisitPolicy policy;  // only for records without an interval
  index::for_each_fetch_record(db, [&](index::FetchRecord&& record) {
    ++stats.outcomes[record.outcome];
    if (record.outcome == "http_error" && !record.key.empty()) ++stats.gone_pending;
    const bool due = record.failures > 0 || record.outcome == "queued" || record.next_visit <= 0 ||
                     is_due(record, now, 0, policy);
    if (due) {
      ++stats.due_now;
    } else {
      const std::int64_t wait = record.next_visit - now;
      if (stats.earliest == 0 || record.next_visit < stats.earliest) {
        stats.earliest = record.next_visit;
      }
      constexpr std::int64_t kDay = 86400;
      (wait <= kDay        ? stats.day
       : wait <= 7 * kDay  ? stats.week
       : wait <= 30 * kDay ? stats.month
                           : stats.later)++;
    }
    if (record.failures > 0 || record.outcome == "failed") {
      stats.failing.push_back(std::move(record));
    }
  });
  std::sort(stats.failing.begin(), stats.failing.end(), [](const auto& a, const auto& b) {
    return a.failures != b.failures ? a.failures > b.failures : a.url < b.url;
  });
  return stats;
}

void print_text(const std::string& db, const Stats& s, std::ostream& out) {
  out << "index: " << db << "\ndocuments: " << s.documents
      << "\nshard: " << (s.shard.empty() ? "not sharded (the whole collection)" : s.shard) << "\n";
  if (s.state.empty()) {
    out << "last run: none (built by add, or never crawled)\n";
  } else if (s.state == "running") {
    out << "last run: " << s.run << ", started " << utc(s.started)
        << " and not finished (killed, interrupted or still running): the next run resumes it\n";
  } else {
    out << "last run: " << s.run << ", " << utc(s.started) << " to " << utc(s.ended) << "\n";
  }
  if (!s.last_run.empty()) out << "last report: " << s.last_run;
  std::size_t urls = 0;
  for (const auto& [outcome, count] : s.outcomes) urls += count;
  out << "known URLs: " << urls;
  const char* separator = " (";
  for (const auto& [outcome, count] : s.outcomes) {
    out << separator << outcome << " " << count;
    separator = ", ";
  }
  out << (urls != 0 ? ")\n" : "\n");
  out << "next visits: due " << s.due_now << ", within a day " << s.day << ", a week " << s.week
      << ", 30 days " << s.month << ", later " << s.later;
  if (s.earliest != 0) out << "; next not yet due at " << utc(s.earliest);
  out << "\n404 pending confirmation: " << s.gone_pending << "\nfailing URLs: " << s.failing.size()
      << "\n";
  for (std::size_t i = 0; i < s.failing.size() && i < kFailuresShown; ++i) {
    const index::FetchRecord& r = s.failing[i];
    out << "  " << r.url << ": " << r.reason << " (" << std::max(r.failures, 1)
        << " run(s) in a row)\n";
  }
}

void print_json(const std::string& db, const Stats& s, std::ostream& out) {
  std::string json = "{\"index\": ";
  json += json_quote(db);
  json += ", \"documents\": " + std::to_string(s.documents) + ", \"shard\": ";
  json += s.shard.empty() ? std::string("null") : json_quote(s.shard);
  json += ", \"state\": ";
  json += json_quote(s.state);
  json += ", \"run\": " + std::to_string(s.run) + ", \"started_at\": " + std::to_string(s.started) +
          ", \"ended_at\": " + std::to_string(s.ended) + ", \"last_run\": ";
  std::string last = s.last_run;
  while (!last.empty() && (last.back() == '\n' || last.back() == ' ')) last.pop_back();
  json += last.empty() ? "null" : last;
  json += ", \"outcomes\": {";
  const char* separator = "";
  for (const auto& [outcome, count] : s.outcomes) {
    json += separator;
    json += json_quote(outcome);
    json += ": " + std::to_string(count);
    separator = ", ";
  }
  json += "}, \"next_visits\": {\"due\": " + std::to_string(s.due_now) +
          ", \"day\": " + std::to_string(s.day) + ", \"week\": " + std::to_string(s.week) +
          ", \"month\": " + std::to_string(s.month) + ", \"later\": " + std::to_string(s.later) +
          ", \"earliest\": " + std::to_string(s.earliest) +
          "}, \"gone_pending\": " + std::to_string(s.gone_pending) + ", \"failing\": [";
  separator = "";
  for (std::size_t i = 0; i < s.failing.size() && i < kFailuresShown; ++i) {
    json += separator;
    json += "{\"url\": ";
    json += json_quote(s.failing[i].url);
    json += ", \"reason\": ";
    json += json_quote(s.failing[i].reason);
    json += ", \"failures\": " + std::to_string(std::max(s.failing[i].failures, 1)) + "}";
    separator = ", ";
  }
  json += "], \"failing_total\": " + std::to_string(s.failing.size()) + "}\n";
  out << json;
}

}  // namespace

int run_stats(const IndexerConfig& config, std::ostream& out) {
  // An update may be committing meanwhile (vigil/live_read.h): open and read again if so.
  Stats stats;
  try {
    stats = read_live([&config] { return gather(Xapian::Database(config.db)); },
                      [](const Xapian::Error&) {});
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw RuntimeError("cannot open index '" + config.db + "': " + e.get_description(),
                       "--db must name an index built by vigil-index");
  }
  if (config.json) {
    print_json(config.db, stats, out);
  } else {
    print_text(config.db, stats, out);
  }
  return kExitOk;
}

}  // namespace vigil::indexer
