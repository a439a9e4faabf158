// The revisit policy (indexer/revisit.h): what each visit does to a URL's record and its
// document, and which URLs are due. Table-driven.

#include "revisit.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "update.h"

namespace vigil::indexer {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kNow = 1'800'000'000;

index::FetchRecord article_record(std::int64_t interval = kDay) {
  index::FetchRecord r;
  r.url = "https://example.org/a";
  r.status = 200;
  r.etag = "\"v1\"";
  r.content_hash = "00000000000000aa";
  r.outcome = "article";
  r.key = "https://example.org/a";
  r.fetched_at = kNow - 2 * kDay;
  r.interval = interval;
  r.next_visit = r.fetched_at + interval;
  return r;
}

crawler::Fetched answer(const std::string& outcome, long status, const std::string& hash = "",
                        const std::string& key = "") {
  crawler::Fetched f;
  f.url = "https://example.org/a";
  f.outcome = outcome;
  f.status = status;
  f.content_hash = hash;
  f.key = key;
  return f;
}

struct VisitCase {
  const char* name;
  std::optional<index::FetchRecord> before;
  crawler::Fetched fetched;
  std::string outcome;     // the new record's
  std::string key;         // the new record's
  std::string remove_key;  // the document removed
  bool gone_pending;
  std::int64_t interval;  // the new record's
};

TEST(Revisit, EachOutcomeSettlesTheRecordAndItsDocument) {
  const RevisitPolicy policy;  // 1 to 30 days
  const std::string a = "https://example.org/a";
  index::FetchRecord first_404 = article_record();
  first_404.outcome = "http_error";
  first_404.status = 404;
  first_404.etag.clear();
  first_404.content_hash.clear();
  index::FetchRecord queued = queued_record(a, crawler::Purpose::kPage, 2);
  const std::vector<VisitCase> cases = {
      {"new article", std::nullopt, answer("article", 200, "00000000000000bb", a), "article", a, "",
       false, kDay},
      {"304 doubles the interval", article_record(4 * kDay), answer("unchanged", 304), "article", a,
       "", false, 8 * kDay},
      {"unchanged stays within the maximum", article_record(20 * kDay), answer("unchanged", 200),
       "article", a, "", false, 30 * kDay},
      {"changed halves the interval", article_record(4 * kDay),
       answer("article", 200, "00000000000000bb", a), "article", a, "", false, 2 * kDay},
      {"changed stays above the minimum", article_record(kDay),
       answer("article", 200, "00000000000000bb", a), "article", a, "", false, kDay},
      {"a new canonical key replaces the old document", article_record(),
       answer("article", 200, "00000000000000bb", "https://example.org/b"), "article",
       "https://example.org/b", a, false, kDay},
      {"410 removes at once", article_record(), answer("http_error", 410), "http_error", "", a,
       false, kDay},
      {"a first 404 keeps the document, and is checked again soon", article_record(4 * kDay),
       answer("http_error", 404), "http_error", a, "", true, 2 * kDay},
      {"a second 404 removes it", first_404, answer("http_error", 404), "http_error", "", a, false,
       2 * kDay},
      {"a 403 after a 404 is not a confirmation", first_404, answer("http_error", 403),
       "http_error", a, "", true, 2 * kDay},
      {"noindex removes", article_record(), answer("noindex", 200, "00000000000000bb"), "noindex",
       "", a, false, kDay},
      {"no longer an article removes", article_record(),
       answer("not_article", 200, "00000000000000bb"), "not_article", "", a, false, kDay},
      {"a redirect removes", article_record(), answer("redirect", 301), "redirect", "", a, false,
       kDay},
      {"robots.txt forbidding removes", article_record(), answer("disallowed", 0), "disallowed", "",
       a, false, kDay},
      {"a transient failure keeps everything", article_record(4 * kDay), answer("failed", 503),
       "article", a, "", false, 4 * kDay},
      {"a failure of a queued URL is a failure", queued, answer("failed", 0), "failed", "", "",
       false, 0},
  };
  for (const VisitCase& c : cases) {
    SCOPED_TRACE(c.name);
    const Visit visit = settle_visit(c.before ? &*c.before : nullptr, c.fetched, kNow, 7, policy);
    EXPECT_EQ(visit.record.outcome, c.outcome);
    EXPECT_EQ(visit.record.key, c.key);
    EXPECT_EQ(visit.remove_key, c.remove_key);
    EXPECT_EQ(visit.gone_pending, c.gone_pending);
    EXPECT_EQ(visit.record.interval, c.interval);
  }
}

TEST(Revisit, AVisitRecordsItsRun) {
  const index::FetchRecord before = article_record();
  EXPECT_EQ(settle_visit(&before, answer("unchanged", 304), kNow, 7, RevisitPolicy{}).record.run,
            7);
  EXPECT_EQ(settle_visit(&before, answer("failed", 503), kNow, 7, RevisitPolicy{}).record.run, 0)
      << "a failure is not an answer: a resumed run tries it again";
}

TEST(Revisit, FailuresKeepValidatorsAndComeBackNextRun) {
  const index::FetchRecord before = article_record(4 * kDay);
  const Visit visit = settle_visit(&before, answer("failed", 503), kNow, 7, RevisitPolicy{});
  EXPECT_EQ(visit.record.etag, "\"v1\"");
  EXPECT_EQ(visit.record.content_hash, before.content_hash);
  EXPECT_EQ(visit.record.failures, 1);
  EXPECT_EQ(visit.record.fetched_at, before.fetched_at);
  EXPECT_TRUE(is_due(visit.record, kNow + 60, 0, RevisitPolicy{}));
  // Any answer resets the count.
  const Visit again =
      settle_visit(&visit.record, answer("unchanged", 304), kNow, 7, RevisitPolicy{});
  EXPECT_EQ(again.record.failures, 0);
}

TEST(Revisit, AfterAnHttpErrorTheNextRequestIsUnconditional) {
  index::FetchRecord gone = article_record();
  const Visit visit = settle_visit(&gone, answer("http_error", 404), kNow, 7, RevisitPolicy{});
  const crawler::KnownUrl known = known_url(visit.record, true);
  EXPECT_EQ(known.etag, "");
  EXPECT_EQ(known.content_hash, "");
  const crawler::KnownUrl fine = known_url(article_record(), true);
  EXPECT_EQ(fine.etag, "\"v1\"");
}

struct DueCase {
  const char* name;
  index::FetchRecord record;
  std::int64_t run_start;
  std::int64_t resumed_run;
  RevisitPolicy policy;
  bool due;
};

TEST(Revisit, DueUrls) {
  index::FetchRecord fresh = article_record();  // answered in run 5, being resumed
  fresh.fetched_at = kNow + 10;
  fresh.next_visit = kNow + 10 + kDay;
  fresh.run = 5;
  index::FetchRecord same_second = fresh;  // answered by run 4, in the second run 5 started
  same_second.run = 4;
  index::FetchRecord failing = fresh;
  failing.failures = 2;
  index::FetchRecord weekly = article_record(8 * kDay);
  weekly.fetched_at = kNow - 6 * kDay;
  weekly.next_visit = kNow + 2 * kDay;
  const std::vector<DueCase> cases = {
      {"queued",
       queued_record("https://example.org/q", crawler::Purpose::kPage, 1),
       kNow,
       0,
       {},
       true},
      {"next visit passed", article_record(), kNow, 0, {}, true},
      {"a nightly job a little early",
       article_record(),
       article_record().next_visit - std::int64_t{2} * 3600,
       0,
       {},
       true},
      {"not yet", weekly, kNow, 0, {}, false},
      {"a lower maximum takes effect", weekly, kNow, 0, {kDay, 3 * kDay, false}, true},
      {"--revisit-all", weekly, kNow, 0, {kDay, 30 * kDay, true}, true},
      {"fetched by the run being resumed", fresh, kNow, 5, {kDay, 30 * kDay, true}, false},
      {"by an earlier run, however recent", same_second, kNow, 5, {kDay, 30 * kDay, true}, true},
      {"failed in the run being resumed", failing, kNow, 5, {}, true},
  };
  for (const DueCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(is_due(c.record, c.run_start, c.resumed_run, c.policy), c.due);
  }
}

TEST(RunState, RoundTripsAndRefusesWhatItDidNotWrite) {
  const RunState running{"running", 3, 1800000000, 0};
  EXPECT_EQ(format_run_state(running), "running 3 1800000000");
  const RunState back = parse_run_state(format_run_state(running));
  EXPECT_EQ(back.phase, "running");
  EXPECT_EQ(back.run, 3);
  EXPECT_EQ(back.started, 1800000000);
  const RunState done = parse_run_state("done 4 1800000000 1800000600");
  EXPECT_EQ(done.phase, "done");
  EXPECT_EQ(done.ended, 1800000600);
  for (const char* bad : {"", "running", "running 1800000000", "paused 1 2", "done x 1 2"}) {
    EXPECT_EQ(parse_run_state(bad).phase, "") << bad;
  }
}

TEST(Revisit, KindsRoundTrip) {
  for (const crawler::Purpose purpose :
       {crawler::Purpose::kPage, crawler::Purpose::kSitemap, crawler::Purpose::kFeed}) {
    EXPECT_EQ(kind_purpose(kind_name(purpose)), purpose);
  }
  EXPECT_EQ(kind_purpose("something else"), crawler::Purpose::kPage);
}

}  // namespace
}  // namespace vigil::indexer
