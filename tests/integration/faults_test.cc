// Faults of the machine and of the index, with the real binaries: a disk that fills during a
// commit (RLIMIT_FSIZE on the child), an index the user may not write, damaged table files, and
// pages too large to hold in memory. Each ends with a clear message naming the index and what to
// do, a documented exit code, and an index that still holds what it held. (kill -9 during an
// import is interrupt_test.cc's.)
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "support/run_process.h"
#include "support/sanitized.h"
#include "support/temp_dir.h"

namespace vigil {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;
using test::run_process;

constexpr double kMaxSeconds = 5.0;
constexpr long kMaxRssKib = 512L * 1024;

std::string index_bin() { return test::binary_from_env("VIGIL_INDEX_BIN"); }
std::string search_bin() { return test::binary_from_env("VIGIL_SEARCH_BIN"); }

// stderr without the indexer's timestamps (present when stderr is not a TTY).
std::string untimed(const std::string& text) {
  static const std::regex kTimestamp("(^|\n)\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z ");
  return std::regex_replace(text, kTimestamp, "$1");
}

void report(const ProcessResult& run, const std::string& name) {
  std::printf("%-34s %6.0f ms %7ld KiB peak RSS\n", name.c_str(), run.seconds * 1000,
              run.max_rss_kib);
}

// `count` JSON Lines records "PREFIX-N" of 200 pseudo-random words each (the same every run).
std::string records(const std::string& prefix, int count) {
  std::uint64_t state = 42;
  const auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  std::string out;
  for (int i = 0; i < count; ++i) {
    const std::string number = std::to_string(i);
    out += "{\"id\": \"";
    out += prefix;
    out += '-';
    out += number;
    out += "\", \"title\": \"";
    out += prefix;
    out += " report ";
    out += number;
    out += "\", \"body\": \"";
    for (int w = 0; w < 200; ++w) {
      std::string word;
      for (std::uint64_t n = next() % 100000 + 1000; n != 0; n /= 26) {
        word += static_cast<char>('a' + n % 26);
      }
      out += word + ' ';
    }
    out += "detainees\"}\n";
  }
  return out;
}

Xapian::doccount documents(const std::string& db) { return Xapian::Database(db).get_doccount(); }

// The live generation's directory (store.h): DIR/gen-N named by DIR/XAPIANDB.
std::string live_generation(const std::string& db) {
  std::ifstream stub(db + "/XAPIANDB");
  std::string backend;
  std::string generation;
  stub >> backend >> generation;
  return db + "/" + generation;
}

std::uintmax_t largest_table(const std::string& generation) {
  std::uintmax_t largest = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(generation)) {
    largest = std::max(largest, entry.file_size());
  }
  return largest;
}

// A full disk during a commit: the child's file size limit stops a table file from growing
// (EFBIG, as ENOSPC would). Xapian commits atomically, so the index holds what the last commit
// that succeeded held, passes xapian-check, and the next run without the limit completes it.
TEST(Faults, DiskFullDuringACommitKeepsTheLastCommit) {
  test::TempDir dir;
  const std::string db = dir.file("db");
  const std::string first = dir.write("first.jsonl", records("first", 300));
  const std::string second = dir.write("second.jsonl", records("second", 1200));
  ASSERT_EQ(run_process({index_bin(), "add", "-q", "--no-entities", "--db", db, first}).exit_code,
            0);
  ASSERT_EQ(documents(db), 300U);
  // Room for some batches of 100 and not for all 1,200 records.
  const std::uintmax_t limit = largest_table(live_generation(db)) * 2;
  test::ChildOptions full;
  full.file_size_limit = limit;
  const ProcessResult run = run_process(
      {index_bin(), "add", "--no-entities", "--batch-size", "100", "--db", db, second}, {}, full);
  report(run, "DiskFull");
  EXPECT_EQ(run.signal, 0) << "SIGXFSZ is ignored: the write fails, the process lives";
  EXPECT_EQ(run.exit_code, 3) << run.err;
  const std::string err = untimed(run.err);
  EXPECT_TRUE(
      std::regex_search(err, std::regex("(^|\n)vigil-index: error: cannot write to index '" + db +
                                        "': Error writing block [0-9]+ \\(File too large\\)\n")))
      << err;
  EXPECT_NE(err.find("\nhint: free disk space (or fix what the error names) and run the same "
                     "command again: the index holds what its last commit held"),
            std::string::npos)
      << err;
  // Whole batches only, and a sound database.
  const Xapian::doccount held = documents(db);
  EXPECT_EQ((held - 300) % 100, 0U) << held;
  EXPECT_LT(held, 1500U) << "the limit never hit: raise the input size";
  // Xapian's own checker, as a program: in-process, Xapian::Database::check deletes an object
  // through a base of another size, which AddressSanitizer reports (in libxapian, not here).
  const ProcessResult check =
      run_process({"/bin/sh", "-c", "exec xapian-check \"$0\" f", live_generation(db)});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  const ProcessResult search = run_process({search_bin(), "--db", db, "--format", "json", "first"});
  EXPECT_EQ(search.exit_code, 0) << search.err;
  EXPECT_NE(search.out.find("\"total\":300,"), std::string::npos) << search.out.substr(0, 200);
  // Without the limit, the same command completes the import.
  const ProcessResult again =
      run_process({index_bin(), "add", "-q", "--no-entities", "--db", db, second});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(documents(db), 1500U);
}

// Runs `argv` as a user who may not write to the index: nobody when the tests run as root (whom
// permissions do not stop), else this user after chmod. Skips when that cannot be arranged.
class ReadOnlyIndex : public testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("db");
    const std::string file = dir_.write("a.jsonl", records("ro", 20));
    ASSERT_EQ(run_process({index_bin(), "add", "-q", "--no-entities", "--db", db_, file}).exit_code,
              0);
    file_ = file;
    if (geteuid() == 0) options_.uid = 65534;  // nobody
    fs::permissions(dir_.path(), fs::perms::owner_all | fs::perms::group_read |
                                     fs::perms::group_exec | fs::perms::others_read |
                                     fs::perms::others_exec);
    read_only(db_);
    const ProcessResult probe =
        run_process({search_bin(), "--db", db_, "--format", "json", "detainees"}, {}, options_);
    if (probe.exit_code != 0) {
      GTEST_SKIP() << "cannot search the index as another user (running as root, "
                   << "the child could not become nobody or read " << dir_.path()
                   << "): " << probe.err;
    }
  }

  // Directories r-x and files r-- for everyone, recursively.
  static void read_only(const std::string& path) {
    const fs::perms read = fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read;
    const fs::perms exec = fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec;
    for (const fs::directory_entry& entry : fs::recursive_directory_iterator(path)) {
      fs::permissions(entry.path(), entry.is_directory() ? read | exec : read);
    }
    fs::permissions(path, read | exec);
  }

  void TearDown() override {
    std::error_code ignored;
    for (const fs::directory_entry& entry :
         fs::recursive_directory_iterator(dir_.path(), ignored)) {
      fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ignored);
    }
  }

  test::TempDir dir_;
  std::string db_;
  std::string file_;
  test::ChildOptions options_;
};

TEST_F(ReadOnlyIndex, IndexerSaysWhatItCannotWriteAndSearchesGoOn) {
  const ProcessResult add = run_process({index_bin(), "add", "--db", db_, file_}, {}, options_);
  report(add, "ReadOnly");
  EXPECT_EQ(add.exit_code, 3) << add.err;
  const std::string err = untimed(add.err);
  EXPECT_EQ(err.rfind("vigil-index: error: cannot open lock file '" + db_ +
                          "/vigil.lock': Permission denied\nhint: ",
                      0),
            0U)
      << err;
  // With the lock file writable, the generation's files are what refuse.
  fs::permissions(db_, fs::perms::owner_write, fs::perm_options::add);
  fs::permissions(db_ + "/vigil.lock", fs::perms::all);
  fs::permissions(db_, fs::perms::owner_write, fs::perm_options::remove);
  const ProcessResult locked = run_process({index_bin(), "add", "--db", db_, file_}, {}, options_);
  EXPECT_EQ(locked.exit_code, 3) << locked.err;
  const std::string locked_err = untimed(locked.err);
  EXPECT_TRUE(
      locked_err.rfind("vigil-index: error: cannot lock index '" + db_ + "' for writing", 0) == 0 ||
      locked_err.rfind("vigil-index: error: cannot open index '" + db_ + "'", 0) == 0)
      << locked_err;
  EXPECT_NE(locked_err.find("Permission denied"), std::string::npos) << locked_err;
  EXPECT_NE(locked_err.find("\nhint: check that this user may write to '" + db_), std::string::npos)
      << locked_err;
  const ProcessResult search =
      run_process({search_bin(), "--db", db_, "--format", "json", "detainees"}, {}, options_);
  EXPECT_EQ(search.exit_code, 0) << search.err;
  EXPECT_NE(search.out.find("\"total\":20,"), std::string::npos) << search.out.substr(0, 200);
}

// Damaged table files, found when the index is opened: every program names the index, says it is
// damaged and how to recover, with exit code 3 (the CGI: 503 and the same in its error log), after
// the retries for a commit race (vigil/live_read.h), which real damage fails every time.
struct Damage {
  const char* name;
  const char* table;
  bool truncate;  // else the first 64 bytes of every 8 KiB block are overwritten
};

class DamagedIndex : public testing::TestWithParam<Damage> {
 protected:
  static void damage(const std::string& file, bool truncate) {
    if (truncate) {
      fs::resize_file(file, 100);
      return;
    }
    std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
    const std::uintmax_t size = fs::file_size(file);
    const std::string garbage(64, '\xff');
    for (std::uintmax_t at = 0; at < size; at += 8192) {
      out.seekp(static_cast<std::streamoff>(at));
      out.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
  }
};

TEST_P(DamagedIndex, EveryProgramSaysSoWithARecoveryHint) {
  test::TempDir dir;
  const std::string db = dir.file("db");
  const std::string file = dir.write("a.jsonl", records("dmg", 100));
  ASSERT_EQ(run_process({index_bin(), "add", "-q", "--no-entities", "--db", db, file}).exit_code,
            0);
  // A compaction keeps the generation it replaced: the hint offers it.
  ASSERT_EQ(run_process({index_bin(), "compact", "-q", "--db", db}).exit_code, 0);
  ASSERT_EQ(live_generation(db), db + "/gen-000002");
  damage(db + "/gen-000002/" + GetParam().table, GetParam().truncate);

  const std::string damaged = "error: the index '" + db + "' is damaged: ";
  const std::string hint = "\nhint: rebuild it into a new directory (vigil-index add --db NEW";
  const std::string previous = "echo 'auto gen-000001' > " + db + "/XAPIANDB";
  const std::vector<std::vector<std::string>> runs = {
      {search_bin(), "--db", db, "detainees"},
      {index_bin(), "add", "--no-entities", "--db", db, file},
      {index_bin(), "stats", "--db", db},
      {index_bin(), "compact", "--db", db},
  };
  for (const std::vector<std::string>& argv : runs) {
    const ProcessResult run = run_process(argv);
    report(run, std::string(GetParam().name) + " " + argv[1]);
    EXPECT_EQ(run.signal, 0);
    if (!test::kSanitized) {  // sanitized.h
      EXPECT_LT(run.seconds, kMaxSeconds);
    }
    EXPECT_EQ(run.exit_code, 3) << argv[1] << ": " << run.err;
    const std::string err = untimed(run.err);
    EXPECT_NE(err.find(damaged), std::string::npos) << argv[1] << ": " << err;
    EXPECT_NE(err.find(hint), std::string::npos) << argv[1] << ": " << err;
    EXPECT_NE(err.find(previous), std::string::npos) << argv[1] << ": " << err;
    EXPECT_TRUE(run.out.empty()) << run.out;
  }
  const std::string config = dir.write("search.conf", "db = " + db + "\n");
  const ProcessResult cgi = run_process({search_bin()}, {{"GATEWAY_INTERFACE", "CGI/1.1"},
                                                         {"REQUEST_METHOD", "GET"},
                                                         {"QUERY_STRING", "q=detainees"},
                                                         {"VIGIL_CONFIG", config}});
  EXPECT_EQ(cgi.out.rfind("Status: 503 Service Unavailable\r\n", 0), 0U) << cgi.out;
  EXPECT_NE(cgi.out.find("Retry-After: 30\r\n"), std::string::npos);
  EXPECT_EQ(cgi.out.find(db), std::string::npos) << "no path shown to visitors";
  EXPECT_NE(cgi.err.find(damaged), std::string::npos) << cgi.err;
  EXPECT_NE(cgi.err.find(previous), std::string::npos) << cgi.err;

  // Following the hint serves the previous generation.
  std::ofstream(db + "/XAPIANDB") << "auto gen-000001\n";
  const ProcessResult restored =
      run_process({search_bin(), "--db", db, "--format", "json", "detainees"});
  EXPECT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_NE(restored.out.find("\"total\":100,"), std::string::npos) << restored.out.substr(0, 200);
}

INSTANTIATE_TEST_SUITE_P(Table, DamagedIndex,
                         testing::Values(Damage{"OverwrittenPostlist", "postlist.glass", false},
                                         Damage{"TruncatedPostlist", "postlist.glass", true},
                                         Damage{"TruncatedDocdata", "docdata.glass", true}),
                         [](const testing::TestParamInfo<Damage>& param) {
                           return param.param.name;
                         });

// Pages too large to hold: a 200 MB HTML file is refused by its size (unread), a 100 MB JSON
// Lines record is skipped unparsed, and a 6 MiB text is indexed up to its first 4 MiB; each
// named on stderr, the rest of the input indexed, memory bounded.
TEST(Faults, HugePagesAreSkippedOrCutAndMemoryStaysBounded) {
  test::TempDir dir;
  const std::string pages = dir.file("pages");
  dir.write("pages/small.html",
            "<html><head><title>Small torture report</title></head><body><article><p>Reports of "
            "torture in detention were confirmed by lawyers and doctors who visited the camp."
            "</p></article></body></html>");
  const std::string huge =
      dir.write("pages/huge.html", "<html><head><title>Huge</title></head><body><article><p>");
  fs::resize_file(huge, std::uintmax_t{200} << 20);  // sparse: no disk, no time
  {
    std::ofstream lines(pages + "/lines.jsonl", std::ios::binary);
    lines << R"({"id": "before", "title": "Before", "body": "torture before the huge line"})"
          << "\n";
    lines << R"({"id": "huge", "title": "Huge", "body": ")";
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 100; ++i) lines << chunk;
    lines << "\"}\n";
    lines << R"({"id": "after", "title": "After", "body": "torture after the huge line"})"
          << "\n";
    lines << R"({"id": "long", "title": "Long", "body": ")";
    const std::string sentence = "Detainees were held in camps near the border, witnesses said. ";
    for (std::size_t written = 0; written < (std::size_t{6} << 20); written += sentence.size()) {
      lines << sentence;
    }
    lines << "zzyzxend torture\"}\n";
  }
  const std::string db = dir.file("db");
  const ProcessResult run = run_process({index_bin(), "add", "--db", db, pages});
  report(run, "HugePages");
  EXPECT_EQ(run.signal, 0);
  if (!test::kSanitized) {  // sanitized.h: the bounds are checked in the Release build
    EXPECT_LT(run.max_rss_kib, kMaxRssKib);
    EXPECT_LT(run.seconds, 20.0);
  }
  EXPECT_EQ(run.exit_code, 1) << run.err;
  const std::string err = untimed(run.err);
  EXPECT_NE(err.find("warning: " + huge +
                     ": the file is 200.0 MiB, larger than the limit of 16 MiB, skipped"),
            std::string::npos)
      << err;
  EXPECT_TRUE(std::regex_search(err, std::regex("warning: " + pages +
                                                "/lines.jsonl:2: line of 1048576[0-9]{2} bytes, "
                                                "over the limit of 67108864, skipped\n")))
      << err;
  EXPECT_NE(err.find("warning: " + pages +
                     "/lines.jsonl:4: main text of 6.0 MiB is over the limit of 4.0 MiB; only "
                     "its first "),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("vigil-index: added 4, replaced 0, unchanged 0, skipped 2, not articles 0"),
            std::string::npos)
      << err;
  const auto total = [&](const std::string& query) {
    const ProcessResult search = run_process({search_bin(), "--db", db, "--format", "json", query});
    EXPECT_EQ(search.exit_code, 0) << search.err;
    const std::size_t at = search.out.find("\"total\":");
    return at == std::string::npos ? -1 : std::stoi(search.out.substr(at + 8));
  };
  EXPECT_EQ(total("torture"), 3);  // small, before, after: "long" keeps only its first 4 MiB
  EXPECT_EQ(total("border"), 1);
  EXPECT_EQ(total("zzyzxend"), 0);
}

}  // namespace
}  // namespace vigil
