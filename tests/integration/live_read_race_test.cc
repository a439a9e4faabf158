// Readers beside a writer committing three documents at a time (vigil/live_read.h).
#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "support/sanitized.h"
#include "support/temp_dir.h"
#include "vigil/live_read.h"

namespace vigil {
namespace {

// The race itself, on a real index: one thread commits three documents at a time while another
// opens the index and searches it, over and over. Without read_live a few of these opens fail
// with DatabaseCorruptError or DatabaseModifiedError (a probe: 22 and 13 in 14,000), and now and
// then a read with a plain DatabaseError.
TEST(ReadLiveRace, ReadsBesideRapidCommitsNeverFail) {
  if (test::kSanitized) {
    // Racing a commit, Xapian 1.4.22 can read a block the commit is rewriting and copy bytes from
    // past its block buffer before it notices (ASan: heap-buffer-overflow in the std::string code
    // it calls, which ASan's suppressions cannot name). That is Xapian's read, not ours; the
    // retry this test checks is the same in the Release build, where ctest runs it (label
    // "release").
    GTEST_SKIP() << "Xapian's own reads overflow in this race under AddressSanitizer";
  }
  const test::TempDir dir;
  const std::string path = dir.file("index");
  const auto add = [](Xapian::WritableDatabase& db, int id, const std::string& text) {
    Xapian::Document doc;
    Xapian::TermGenerator terms;
    terms.set_document(doc);
    terms.index_text(text);
    doc.add_value(0, std::string(40, static_cast<char>('a' + id % 26)));
    std::string key = "Q";
    key += std::to_string(id);
    doc.add_boolean_term(key);
    db.replace_document(key, doc);
  };
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    for (int id = 0; id < 2000; ++id) {
      add(db, id, "detention report " + std::to_string(id));
    }
    db.commit();
  }
  constexpr int kCommits = 1500;
  std::atomic<bool> writing{true};
  std::thread writer([&] {
    Xapian::WritableDatabase db(path, Xapian::DB_OPEN);
    for (int commit = 0; commit < kCommits; ++commit) {
      for (int k = 0; k < 3; ++k) {
        add(db, (commit * 3 + k) % 2500, "detention update " + std::to_string(commit));
      }
      db.commit();
    }
    writing = false;
  });
  int reads = 0;
  int retries = 0;
  std::vector<std::string> failures;
  while (writing.load()) {
    try {
      const Xapian::doccount seen = read_live(
          [&path] {
            const Xapian::Database db(path);
            Xapian::Enquire enquire(db);
            enquire.set_query(Xapian::Query("detention"));
            const Xapian::MSet matches = enquire.get_mset(0, 10);
            for (auto it = matches.begin(); it != matches.end(); ++it) {
              (void)it.get_document().get_value(0);
            }
            return matches.get_matches_estimated();
          },
          [&retries](const Xapian::Error&) { ++retries; });
      EXPECT_GE(seen, 2000U);
      ++reads;
    } catch (const Xapian::Error& e) {
      failures.push_back(e.get_description());
    }
  }
  writer.join();
  EXPECT_TRUE(failures.empty()) << failures.size() << " failed reads, the first: " << failures[0];
  EXPECT_GT(reads, 100);
  RecordProperty("reads", reads);
  RecordProperty("retries", retries);
}

}  // namespace
}  // namespace vigil
