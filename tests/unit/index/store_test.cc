#include "index/store.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "support/temp_dir.h"
#include "vigil/errors.h"

namespace vigil::index {
namespace {

namespace fs = std::filesystem;

// Concatenation by appends (GCC 12 warns, wrongly, about "literal" + std::string).
std::string cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (const std::string_view part : parts) out += part;
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Adds `docs` documents tagged `tag` (data, value 0, a boolean term) to the database at `path`,
// with positions, spelling, a synonym and metadata "generation" = tag.
void fill(Xapian::WritableDatabase& db, const std::string& tag, int docs) {
  Xapian::TermGenerator terms;
  terms.set_database(db);
  terms.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  for (int i = 0; i < docs; ++i) {
    Xapian::Document doc;
    terms.set_document(doc);
    terms.index_text(cat({"human rights detention camps ", tag, " number", std::to_string(i)}));
    doc.set_data(tag);
    doc.add_value(0, tag);
    doc.add_boolean_term(cat({"G", tag}));
    db.add_document(doc);
  }
  db.add_synonym("camps", "facilities");
  db.set_metadata("generation", tag);
  db.commit();
}

void build(const std::string& path, const std::string& tag, int docs) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
  fill(db, tag, docs);
}

// A new generation of `dir` holding `docs` documents tagged `tag`, published.
std::string publish_new(const std::string& dir, const std::string& tag, int docs) {
  std::string generation = new_generation(dir);
  build(generation, tag, docs);
  publish(dir, generation);
  return generation;
}

struct LayoutCase {
  const char* name;
  std::function<void(const std::string& dir)> setup;
  LayoutKind kind;   // after live_path()
  const char* live;  // live_path() relative to dir ("" for dir itself); nullptr: it throws
};

class LivePath : public testing::TestWithParam<LayoutCase> {};

TEST_P(LivePath, OpensOrCreatesTheLayout) {
  test::TempDir tmp;
  const std::string dir = tmp.file("idx");
  GetParam().setup(dir);
  if (GetParam().live == nullptr) {
    EXPECT_THROW(live_path(dir), RuntimeError);
    EXPECT_EQ(inspect(dir).kind, GetParam().kind);
    return;
  }
  const std::string live = live_path(dir);
  EXPECT_EQ(live, *GetParam().live == '\0' ? dir : cat({dir, "/", GetParam().live}));
  const Layout layout = inspect(dir);
  EXPECT_EQ(layout.kind, GetParam().kind);
  EXPECT_EQ(layout.live, live);
  EXPECT_EQ(live_path(dir), live) << "a second call changes nothing";
  // Readers and writers name the directory, whatever its layout.
  {
    Xapian::WritableDatabase writer(dir, Xapian::DB_CREATE_OR_OPEN);
    fill(writer, "written", 2);
  }
  EXPECT_EQ(Xapian::Database(dir).get_metadata("generation"), "written");
  EXPECT_EQ(Xapian::Database(live).get_metadata("generation"), "written");
}

INSTANTIATE_TEST_SUITE_P(
    Table, LivePath,
    testing::Values(
        LayoutCase{"Missing", [](const std::string&) {}, LayoutKind::kGenerations, "gen-000001"},
        LayoutCase{"EmptyDirectory", [](const std::string& dir) { fs::create_directories(dir); },
                   LayoutKind::kGenerations, "gen-000001"},
        LayoutCase{"OnlyTheLockFile",
                   [](const std::string& dir) {
                     fs::create_directories(dir);
                     std::ofstream(dir + "/vigil.lock") << "";
                   },
                   LayoutKind::kGenerations, "gen-000001"},
        LayoutCase{"OnlyTheArchive",  // crawled with --warc, its first commit never made
                   [](const std::string& dir) { fs::create_directories(dir + "/warc"); },
                   LayoutKind::kGenerations, "gen-000001"},
        LayoutCase{"LeftoverOfAnInterruptedCreation",
                   [](const std::string& dir) { fs::create_directories(dir + "/gen-000001"); },
                   LayoutKind::kGenerations, "gen-000002"},
        LayoutCase{"OldLayout", [](const std::string& dir) { build(dir, "old", 3); },
                   LayoutKind::kSingle, ""},
        LayoutCase{"ForeignFiles",
                   [](const std::string& dir) {
                     fs::create_directories(dir);
                     std::ofstream(dir + "/notes.txt") << "mine";
                   },
                   LayoutKind::kForeign, nullptr},
        LayoutCase{"ForeignStub",
                   [](const std::string& dir) {
                     fs::create_directories(dir);
                     std::ofstream(dir + "/XAPIANDB") << "auto /elsewhere\n";
                   },
                   LayoutKind::kForeign, nullptr},
        LayoutCase{"TablesWithoutVersionFile",
                   [](const std::string& dir) {
                     build(dir, "damaged", 1);
                     fs::remove(dir + "/iamglass");
                   },
                   LayoutKind::kForeign, nullptr}),
    [](const testing::TestParamInfo<LayoutCase>& param) { return param.param.name; });

TEST(Store, NewLayoutIsAStubNamingTheFirstGeneration) {
  test::TempDir tmp;
  const std::string dir = tmp.file("idx");
  live_path(dir);
  EXPECT_EQ(read_file(dir + "/XAPIANDB"), "auto gen-000001\n");
  EXPECT_TRUE(fs::exists(dir + "/gen-000001/iamglass"));
  EXPECT_FALSE(fs::exists(dir + "/XAPIANDB.tmp"));
  EXPECT_EQ(Xapian::Database(dir).get_doccount(), 0u);
}

TEST(Store, PublishConvertsTheOldLayout) {
  test::TempDir tmp;
  const std::string dir = tmp.file("idx");
  build(dir, "old", 3);
  const Xapian::Database old_reader(dir);
  const std::string first = publish_new(dir, "new", 5);
  EXPECT_EQ(first, dir + "/gen-000001");
  EXPECT_FALSE(fs::exists(dir + "/iamglass"));
  EXPECT_EQ(inspect(dir).kind, LayoutKind::kGenerations);
  EXPECT_EQ(Xapian::Database(dir).get_metadata("generation"), "new");
  {
    Xapian::WritableDatabase writer(dir, Xapian::DB_OPEN);
    fill(writer, "added", 1);
  }
  EXPECT_EQ(Xapian::Database(first).get_doccount(), 6u) << "written through the stub";
  // The old database's tables stay one publish, like any replaced generation.
  EXPECT_EQ(old_reader.get_metadata("generation"), "old");
  EXPECT_EQ(old_reader.get_doccount(), 3u);
  EXPECT_TRUE(fs::exists(dir + "/postlist.glass"));
  publish_new(dir, "newer", 2);
  EXPECT_FALSE(fs::exists(dir + "/postlist.glass"));
  EXPECT_FALSE(fs::exists(dir + "/docdata.glass"));
  EXPECT_EQ(old_reader.get_document(1).get_data(), "old");
}

TEST(Store, PublishKeepsTheReplacedGenerationAndRemovesTheRest) {
  test::TempDir tmp;
  const std::string dir = tmp.file("idx");
  publish_new(dir, "one", 1);
  publish_new(dir, "two", 1);
  EXPECT_EQ(inspect(dir).generations, (std::vector<std::uint32_t>{1, 2}));
  const std::string unpublished = new_generation(dir);  // an interrupted rebuild's leftover
  EXPECT_EQ(unpublished, dir + "/gen-000003");
  const std::string four = publish_new(dir, "four", 1);
  EXPECT_EQ(four, dir + "/gen-000004");
  const Layout layout = inspect(dir);
  EXPECT_EQ(layout.generations, (std::vector<std::uint32_t>{2, 4}));
  EXPECT_EQ(layout.live_generation, 4u);
  EXPECT_EQ(read_file(dir + "/XAPIANDB"), "auto gen-000004\n");
}

TEST(Store, DiscardRemovesAnUnpublishedGenerationOnly) {
  test::TempDir tmp;
  const std::string dir = tmp.file("idx");
  const std::string live = publish_new(dir, "live", 1);
  const std::string failed = new_generation(dir);
  build(failed, "half", 1);
  discard(failed);
  EXPECT_FALSE(fs::exists(failed));
  EXPECT_THROW(discard(live), RuntimeError);
  EXPECT_THROW(discard(live + "/"), RuntimeError);
  EXPECT_EQ(Xapian::Database(dir).get_metadata("generation"), "live");
}

TEST(Store, PublishRefusesWhatIsNotAGenerationOfTheDirectory) {
  test::TempDir tmp;
  const std::string dir = tmp.file("idx");
  publish_new(dir, "live", 1);
  const std::string empty = new_generation(dir);
  EXPECT_THROW(publish(dir, empty), RuntimeError) << "no database in it yet";
  fs::create_directories(tmp.file("other/gen-000009"));
  build(tmp.file("other/gen-000009"), "elsewhere", 1);
  EXPECT_THROW(publish(dir, tmp.file("other/gen-000009")), RuntimeError);
  build(tmp.file("idx/notagen"), "badname", 1);
  EXPECT_THROW(publish(dir, tmp.file("idx/notagen")), RuntimeError);
  EXPECT_EQ(Xapian::Database(dir).get_metadata("generation"), "live");
}

// Every generation holds kDocs documents whose data is the generation's tag, also its metadata:
// a reader opening the directory while generations are published must see one of them, whole.
TEST(Store, ReadersOpeningDuringPublishSeeOneWholeGeneration) {
  constexpr int kDocs = 40;
  constexpr int kPublishes = 25;
  test::TempDir tmp;
  const std::string dir = tmp.file("idx");
  publish_new(dir, "g0", kDocs);
  std::atomic<bool> done{false};
  std::atomic<int> opened{0};
  std::atomic<bool> failed{false};
  std::string failure;  // the reader's until it is joined
  std::thread reader([&] {
    while (!done.load() && failure.empty()) {
      try {
        const Xapian::Database db(dir);
        const std::string tag = db.get_metadata("generation");
        if (db.get_doccount() != kDocs || db.get_termfreq(cat({"G", tag})) != kDocs) {
          failure = cat({"generation ", tag, " incomplete"});
        }
        for (Xapian::docid id = 1; id <= kDocs && failure.empty(); ++id) {
          if (db.get_document(id).get_data() != tag) failure = "mixed generations";
        }
        ++opened;
      } catch (const Xapian::Error& e) {
        failure = e.get_description();
      }
    }
    failed = !failure.empty();
  });
  // A generation is kept until the publish after next (store.h): a reader overlapping one publish
  // must see one whole generation. Each publish waits for the reader to finish one more open, so
  // that a reader thread the scheduler stalls cannot overlap two publishes (an open that spanned
  // two would find its generation removed, as the store documents; CI under load saw it).
  for (int i = 1; i <= kPublishes; ++i) {
    const int before = opened.load();
    while (opened.load() == before && !failed.load()) std::this_thread::yield();
    publish_new(dir, cat({"g", std::to_string(i)}), kDocs);
  }
  while (opened.load() < 10 && !failed.load()) std::this_thread::yield();
  done = true;
  reader.join();
  EXPECT_EQ(failure, "");
  EXPECT_GE(opened.load(), 10);
  EXPECT_EQ(Xapian::Database(dir).get_metadata("generation"),
            cat({"g", std::to_string(kPublishes)}));
}

// What a reader of generation "one" (3 documents) must still find.
void expect_generation_one(const Xapian::Database& db) {
  EXPECT_EQ(db.get_doccount(), 3u);
  EXPECT_EQ(db.get_document(2).get_data(), "one");
  EXPECT_EQ(db.get_document(2).get_value(0), "one");
  EXPECT_EQ(db.get_metadata("generation"), "one");
  EXPECT_EQ(db.get_termfreq("Gone"), 3u);
  EXPECT_EQ(db.get_termfreq("number1"), 1u);
  Xapian::Enquire enquire(db);
  const auto phrase = [&](const char* a, const char* b) {
    enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, Xapian::Query(a), Xapian::Query(b)));
    return enquire.get_mset(0, 10).size();
  };
  // Without positions Xapian would run a phrase as AND: the reversed phrase proves they are read.
  EXPECT_EQ(phrase("detention", "camps"), 3u);
  EXPECT_EQ(phrase("camps", "detention"), 0u);
  const Xapian::Document doc = db.get_document(1);
  std::vector<std::string> terms(doc.termlist_begin(), doc.termlist_end());
  EXPECT_NE(std::find(terms.begin(), terms.end(), "number0"), terms.end());
  EXPECT_EQ(db.get_spelling_suggestion("detentoin"), "detention");
  EXPECT_NE(db.synonyms_begin("camps"), db.synonyms_end("camps"));
}

TEST(Store, OpenReadersSurvivePublishAndRemoval) {
  test::TempDir tmp;
  const std::string dir = tmp.file("idx");
  const std::string one = publish_new(dir, "one", 3);
  Xapian::Database reader(dir);
  expect_generation_one(reader);
  publish_new(dir, "two", 4);
  // One behind: kept; reopen() stays on it (it never re-reads the stub).
  ASSERT_TRUE(fs::exists(one));
  reader.reopen();
  expect_generation_one(reader);
  EXPECT_EQ(Xapian::Database(dir).get_metadata("generation"), "two");
  publish_new(dir, "three", 5);
  ASSERT_FALSE(fs::exists(one)) << "two publishes behind: removed";
  expect_generation_one(reader);  // through the open file descriptors
  // reopen() reads the removed generation's version file: a reader must open the path again.
  EXPECT_THROW(reader.reopen(), Xapian::DatabaseNotFoundError);
  EXPECT_EQ(Xapian::Database(dir).get_metadata("generation"), "three");
}

struct CompactCase {
  const char* name;
  bool old_layout;
};

class Compact : public testing::TestWithParam<CompactCase> {};

TEST_P(Compact, KeepsEveryDocumentTermAndMetadataAndSwitches) {
  test::TempDir tmp;
  const std::string dir = tmp.file("idx");
  const std::string before_path = GetParam().old_layout ? dir : live_path(dir);
  {
    Xapian::WritableDatabase db(before_path, Xapian::DB_CREATE_OR_OPEN);
    fill(db, "kept", 300);
    for (Xapian::docid id = 1; id <= 300; id += 2) db.delete_document(id);
    db.set_metadata("vigil.schema_version", "7");
    db.commit();
  }
  // Everything a reader can see, as text.
  const auto dump = [](const Xapian::Database& db) {
    std::string out = std::to_string(db.get_doccount()) + " docs\n";
    for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) {
      out += cat({*term, " ", std::to_string(term.get_termfreq()), "\n"});
    }
    for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
      const Xapian::Document doc = db.get_document(*id);
      out += cat({std::to_string(*id), " ", doc.get_data(), " ", doc.get_value(0)});
      for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
        out += cat({" ", *term, ":", std::to_string(term.get_wdf())});
      }
      out += "\n";
    }
    for (auto key = db.metadata_keys_begin(); key != db.metadata_keys_end(); ++key) {
      out += cat({*key, "=", db.get_metadata(*key), "\n"});
    }
    return out;
  };
  const std::string before = dump(Xapian::Database(dir));
  const CompactReport report = compact(dir);
  const Layout layout = inspect(dir);
  EXPECT_EQ(layout.kind, LayoutKind::kGenerations);
  EXPECT_EQ(layout.live_generation, GetParam().old_layout ? 1u : 2u);
  EXPECT_EQ(dump(Xapian::Database(dir)), before);
  EXPECT_EQ(report.documents, 150u);
  EXPECT_GT(report.bytes_after, 0u);
  EXPECT_LT(report.bytes_after, report.bytes_before);
  std::uint64_t on_disk = 0;
  for (const auto& entry : fs::directory_iterator(layout.live)) on_disk += entry.file_size();
  EXPECT_EQ(report.bytes_after, on_disk);
}

INSTANTIATE_TEST_SUITE_P(Table, Compact,
                         testing::Values(CompactCase{"Generations", false},
                                         CompactCase{"OldLayout", true}),
                         [](const testing::TestParamInfo<CompactCase>& param) {
                           return param.param.name;
                         });

TEST(Store, CompactNeedsAnIndex) {
  test::TempDir tmp;
  EXPECT_THROW(compact(tmp.file("none")), RuntimeError);
  fs::create_directories(tmp.file("empty"));
  EXPECT_THROW(compact(tmp.file("empty")), RuntimeError);
}

}  // namespace
}  // namespace vigil::index
