#include "index/fetch_log.h"

#include <gtest/gtest.h>

#include "support/temp_dir.h"

namespace vigil::index {
namespace {

TEST(FetchLog, RecordsRoundTrip) {
  FetchRecord r;
  r.url = "https://example.org/news/1?id=2";
  r.status = 200;
  r.etag = "W/\"abc\"";
  r.last_modified = "Mon, 05 Jun 2023 10:00:00 GMT";
  r.content_hash = "0123456789abcdef";
  r.fetched_at = 1700000000;
  r.outcome = "article";
  r.key = "https://example.org/news/1";
  r.kind = "sitemap";
  r.depth = 2;
  r.interval = 172800;
  r.next_visit = 1700172800;
  r.changed_at = 1690000000;
  r.failures = 3;
  r.run = 12;
  const std::optional<FetchRecord> back = decode_fetch_record(encode_fetch_record(r));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->key, r.key);
  EXPECT_EQ(back->kind, "sitemap");
  EXPECT_EQ(back->depth, 2);
  EXPECT_EQ(back->interval, 172800);
  EXPECT_EQ(back->next_visit, 1700172800);
  EXPECT_EQ(back->changed_at, 1690000000);
  EXPECT_EQ(back->failures, 3);
  EXPECT_EQ(back->run, 12);
  EXPECT_EQ(back->url, r.url);
  EXPECT_EQ(back->status, 200);
  EXPECT_EQ(back->etag, r.etag);
  EXPECT_EQ(back->last_modified, r.last_modified);
  EXPECT_EQ(back->content_hash, r.content_hash);
  EXPECT_EQ(back->fetched_at, 1700000000);
  EXPECT_EQ(back->outcome, "article");
  EXPECT_EQ(back->reason, "");
}

TEST(FetchLog, RecordsOfEarlierVersionsDecodeWithoutASchedule) {
  const std::optional<FetchRecord> old = decode_fetch_record(
      "https://example.org/a\t200\t\"e\"\t\t0123456789abcdef\t1700000000\tarticle\t");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->outcome, "article");
  EXPECT_EQ(old->key, "");
  EXPECT_EQ(old->kind, "page");
  EXPECT_EQ(old->interval, 0);
  EXPECT_EQ(old->next_visit, 0);
}

TEST(FetchLog, TabsAndNewlinesInValuesCannotBreakARecord) {
  FetchRecord r;
  r.url = "https://example.org/";
  r.etag = "a\tb\nc";
  r.outcome = "failed";
  r.reason = "HTTP 500\r\n(after 4 attempts)";
  const std::optional<FetchRecord> back = decode_fetch_record(encode_fetch_record(r));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->etag, "a b c");
  EXPECT_EQ(back->reason, "HTTP 500  (after 4 attempts)");
}

TEST(FetchLog, MalformedRecordsAreRefused) {
  for (const char* bad :
       {"", "url", "u\tx\te\tl\th\t1\to\tr", "u\t200\te\tl\th\tnow\to\tr",
        "u\t200\te\tl\th\t1\to\tr\textra", "u\t200\te\tl\th\t1\to\tr\tk\tpage\tdeep\t1\t1\t1\t0"}) {
    EXPECT_FALSE(decode_fetch_record(bad)) << bad;
  }
}

TEST(FetchLog, StoredInTheIndexMetadataByUrlHash) {
  test::TempDir dir;
  Xapian::WritableDatabase db(dir.file("db"), Xapian::DB_CREATE);
  FetchRecord r;
  r.url = "https://example.org/" + std::string(5000, 'a');  // longer than a Xapian key may be
  r.status = 404;
  r.outcome = "http_error";
  db.set_metadata(fetch_key(r.url), encode_fetch_record(r));
  db.commit();
  EXPECT_EQ(fetch_key(r.url).size(), std::string("vigil.fetch.").size() + 16);
  const std::optional<FetchRecord> back = read_fetch_record(db, r.url);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, 404);
  EXPECT_FALSE(read_fetch_record(db, "https://example.org/other"));
}

}  // namespace
}  // namespace vigil::index
