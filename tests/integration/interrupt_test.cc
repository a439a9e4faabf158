// A killed or interrupted indexer leaves a consistent index, and running the same import again
// completes it without duplicates. Uses the real vigil-index binary on the first kCorpusLines
// articles of the shared news corpus: eight batches, the first of which is committed before the
// signal (the whole corpus took 100 s of the sanitizer suite, for the same checks).
#include <gtest/gtest.h>
#include <xapian.h>
#include <zlib.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <regex>
#include <string>
#include <thread>

#include "support/run_process.h"
#include "support/shared_data.h"
#include "support/temp_dir.h"

namespace vigil {
namespace {

constexpr unsigned kCorpusLines = 4000;
constexpr unsigned kBatch = 500;

// Writes the first kCorpusLines lines of the news corpus to `path` (JSON Lines, uncompressed).
void write_corpus(const std::string& path) {
  const std::string corpus = test::shared_path("data/news_corpus/articles.jsonl.gz");
  gzFile in = gzopen(corpus.c_str(), "rb");
  ASSERT_NE(in, nullptr) << corpus;
  std::ofstream out(path, std::ios::binary);
  std::string line;
  unsigned lines = 0;
  char buffer[1 << 16];
  while (lines < kCorpusLines && gzgets(in, buffer, sizeof buffer) != nullptr) {
    line += buffer;
    if (line.back() != '\n') continue;  // a longer line: read on
    out << line;
    line.clear();
    ++lines;
  }
  gzclose(in);
  ASSERT_EQ(lines, kCorpusLines) << corpus << " has fewer lines";
}

struct Summary {
  unsigned added = 0;
  unsigned unchanged = 0;
  unsigned skipped = 0;
  unsigned documents = 0;
};

Summary parse_summary(const std::string& err) {
  static const std::regex kLine(
      R"(added (\d+), replaced \d+, unchanged (\d+), skipped (\d+), not articles 0; (\d+) documents in index)");
  std::smatch match;
  Summary summary;
  if (!std::regex_search(err, match, kLine)) {
    ADD_FAILURE() << "no summary line in: " << err;
    return summary;
  }
  summary.added = std::stoul(match[1]);
  summary.unchanged = std::stoul(match[2]);
  summary.skipped = std::stoul(match[3]);
  summary.documents = std::stoul(match[4]);
  return summary;
}

// Starts an import of the news corpus and sends `signal` once the index holds its first
// committed batch (so the signal lands mid-import, however fast or loaded the machine is).
test::ProcessResult interrupted_import(const std::string& db, const std::string& corpus,
                                       int signal) {
  test::Child child({test::binary_from_env("VIGIL_INDEX_BIN"), "add", "--batch-size",
                     std::to_string(kBatch), "--db", db, corpus});
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < give_up) {
    try {
      if (Xapian::Database(db).get_doccount() >= kBatch) break;
    } catch (const Xapian::DatabaseError&) {  // not created yet
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  child.send_signal(signal);
  return child.wait();
}

test::ProcessResult full_import(const std::string& db, const std::string& corpus) {
  return test::run_process({test::binary_from_env("VIGIL_INDEX_BIN"), "add", "--db", db, corpus});
}

TEST(Interrupt, KilledIndexerLeavesTheLastCommitAndARerunCompletesIt) {
  VIGIL_REQUIRE_SHARED();
  test::TempDir dir;
  const std::string db = dir.file("index");
  const std::string corpus = dir.file("articles.jsonl");
  ASSERT_NO_FATAL_FAILURE(write_corpus(corpus));
  const test::ProcessResult killed = interrupted_import(db, corpus, SIGKILL);
  ASSERT_EQ(killed.signal, SIGKILL) << "the import ended before the kill: " << killed.err;

  Xapian::doccount committed = 0;
  {
    const Xapian::Database index(db);  // opens: the index is consistent
    committed = index.get_doccount();
    EXPECT_EQ(committed % kBatch, 0u) << "only whole batches are committed";
    EXPECT_LT(committed, kCorpusLines);
    EXPECT_FALSE(index.get_metadata("vigil.schema_version").empty());
  }
  const test::ProcessResult rerun = full_import(db, corpus);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  const Summary summary = parse_summary(rerun.err);
  EXPECT_EQ(summary.unchanged, committed);
  EXPECT_EQ(summary.added, kCorpusLines - committed);
  EXPECT_EQ(summary.documents, kCorpusLines);
  EXPECT_EQ(Xapian::Database(db).get_doccount(), kCorpusLines);
}

TEST(Interrupt, SigtermCommitsWhatWasReadAndSaysSo) {
  VIGIL_REQUIRE_SHARED();
  test::TempDir dir;
  const std::string db = dir.file("index");
  const std::string corpus = dir.file("articles.jsonl");
  ASSERT_NO_FATAL_FAILURE(write_corpus(corpus));
  const test::ProcessResult stopped = interrupted_import(db, corpus, SIGTERM);
  ASSERT_EQ(stopped.exit_code, 3) << stopped.err;
  EXPECT_NE(stopped.err.find("interrupted"), std::string::npos) << stopped.err;
  const Summary summary = parse_summary(stopped.err);
  EXPECT_GT(summary.documents, 0u);
  EXPECT_LT(summary.documents, kCorpusLines);
  EXPECT_EQ(summary.added, summary.documents);
  EXPECT_EQ(Xapian::Database(db).get_doccount(), summary.documents);
}

}  // namespace
}  // namespace vigil
