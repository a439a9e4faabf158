#include "index/index_writer.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "index/clusters.h"
#include "index/store.h"
#include "index/unchanged_lookup.h"
#include "stories_for_test.h"
#include "support/temp_dir.h"
#include "vigil/errors.h"

namespace vigil::index {
namespace {

Article article(const std::string& key, const std::string& text) {
  Article a;
  a.key = key;
  a.title = "Title " + key;
  a.main_text = text;
  return a;
}

TEST(IndexWriter, AddsReplacesAndSkipsUnchanged) {
  test::TempDir dir;
  const std::string path = dir.file("db");
  {
    IndexWriter writer(path, schema::Schema::builtin(), {2, {}, {}});
    EXPECT_EQ(writer.write(article("a", "one")), WriteOutcome::kAdded);
    EXPECT_EQ(writer.write(article("b", "two")), WriteOutcome::kAdded);
    EXPECT_EQ(writer.write(article("a", "one")), WriteOutcome::kUnchanged);
    EXPECT_EQ(writer.write(article("a", "one, changed")), WriteOutcome::kReplaced);
    writer.commit();
    EXPECT_EQ(writer.doc_count(), 2u);
  }
  Xapian::Database db(path);
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_EQ(db.get_termfreq("Qa"), 1u);
  EXPECT_EQ(db.get_metadata("vigil.schema_version"),
            std::to_string(schema::Schema::builtin().version()));
}

TEST(IndexWriter, ANewIndexGetsTheGenerationLayout) {
  test::TempDir dir;
  const std::string path = dir.file("db");
  {
    IndexWriter writer(path, schema::Schema::builtin(), {});
    writer.write(article("a", "one"));
  }
  EXPECT_EQ(inspect(path).kind, LayoutKind::kGenerations);
  EXPECT_EQ(Xapian::Database(path + "/gen-000001").get_doccount(), 1u);
}

TEST(IndexWriter, BuildsAGenerationBesideTheLiveOne) {
  test::TempDir dir;
  const std::string path = dir.file("db");
  {
    IndexWriter live(path, schema::Schema::builtin(), {});
    live.write(article("old", "one"));
  }
  const std::string generation = new_generation(path);
  {
    WriterOptions options;
    options.exact_path = true;
    IndexWriter rebuild(generation, schema::Schema::builtin(), options);
    rebuild.write(article("new-1", "one"));
    rebuild.write(article("new-2", "two"));
  }
  EXPECT_EQ(Xapian::Database(path).get_doccount(), 1u) << "not live before publish";
  publish(path, generation);
  const Xapian::Database db(path);
  EXPECT_EQ(db.get_doccount(), 2u);
  EXPECT_EQ(db.get_metadata("vigil.schema_version"),
            std::to_string(schema::Schema::builtin().version()));
}

TEST(IndexWriter, RefusesAnIndexOfAnotherSchemaVersion) {
  test::TempDir dir;
  const std::string path = dir.file("db");
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    db.set_metadata("vigil.schema_version", "999");
    db.commit();
  }
  try {
    IndexWriter writer(path, schema::Schema::builtin(), {});
    FAIL() << "expected RuntimeError";
  } catch (const RuntimeError& e) {
    EXPECT_NE(std::string(e.what()).find("schema 999"), std::string::npos) << e.what();
    EXPECT_FALSE(e.hint().empty());
  }
}

TEST(IndexWriter, RefusesAForeignDatabase) {
  test::TempDir dir;
  const std::string path = dir.file("db");
  {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE);
    db.add_document(Xapian::Document());
    db.commit();
  }
  EXPECT_THROW(IndexWriter(path, schema::Schema::builtin(), {}), RuntimeError);
}

TEST(IndexWriter, ReportsALockedIndex) {
  test::TempDir dir;
  const std::string path = dir.file("db");
  IndexWriter first(path, schema::Schema::builtin(), {});
  try {
    IndexWriter second(path, schema::Schema::builtin(), {});
    FAIL() << "expected RuntimeError";
  } catch (const RuntimeError& e) {
    EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
  }
}

TEST(IndexWriter, UncommittedWritesAreInvisibleToReaders) {
  test::TempDir dir;
  const std::string path = dir.file("db");
  IndexWriter writer(path, schema::Schema::builtin(), {100, {}, {}});
  ASSERT_EQ(writer.write(article("a", "one")), WriteOutcome::kAdded);
  EXPECT_EQ(Xapian::Database(path).get_doccount(), 0u);
  writer.commit();
  EXPECT_EQ(Xapian::Database(path).get_doccount(), 1u);
}

// The cluster key (dupkey value) of the document with `key`.
std::string cluster_of(const IndexWriter& writer, const std::string& key) {
  const Xapian::Database& db = writer.database();
  const Xapian::PostingIterator it = db.postlist_begin("Q" + key);
  if (it == db.postlist_end("Q" + key)) {
    ADD_FAILURE() << "no document " << key;
    return {};
  }
  return db.get_document(*it).get_value(
      static_cast<Xapian::valueno>(schema::Schema::builtin().require("dupkey").slot));
}

std::string edited(std::string text, const std::string& from, const std::string& to) {
  return text.replace(text.find(from), from.size(), to);
}

TEST(IndexWriter, CopiesShareAClusterKeyAndUnrelatedStoriesDoNot) {
  test::TempDir dir;
  IndexWriter writer(dir.file("db"), schema::Schema::builtin(), {1000, {}, {}});
  const std::string story = test_stories::kCourtStory;
  const std::string copy = "NAIROBI, May 4 - " + edited(story, "sang and", "wept and");
  writer.write(article("original", story));
  writer.write(article("syndicated", copy));  // uncommitted: the writer sees its own documents
  writer.write(article("drought", test_stories::kDroughtStory));
  writer.write(article("brief", "Court frees fourteen journalists"));
  const std::string original = ClusterFinder::founder_key("Qoriginal");
  EXPECT_EQ(cluster_of(writer, "original"), original);
  EXPECT_EQ(cluster_of(writer, "syndicated"), original);
  EXPECT_EQ(cluster_of(writer, "drought"), "");  // founds a cluster no copy has joined yet
  EXPECT_EQ(cluster_of(writer, "brief"), "");    // too short to tell copies apart
  writer.commit();
  // Re-adding: unchanged, changed a little, then rewritten as another story.
  EXPECT_EQ(writer.write(article("syndicated", copy)), WriteOutcome::kUnchanged);
  EXPECT_EQ(writer.write(article("original", edited(story, "Tuesday", "Monday"))),
            WriteOutcome::kReplaced);
  EXPECT_EQ(cluster_of(writer, "original"), original);
  EXPECT_EQ(writer.write(article("syndicated", edited(copy, "wept", "cried"))),
            WriteOutcome::kReplaced);
  EXPECT_EQ(cluster_of(writer, "syndicated"), original);
  writer.write(article("syndicated", test_stories::kDroughtStory));
  EXPECT_EQ(cluster_of(writer, "syndicated"), ClusterFinder::founder_key("Qdrought"));
  EXPECT_EQ(cluster_of(writer, "drought"), ClusterFinder::founder_key("Qdrought"));  // its first
  writer.write(article("drought", story));  // the founder of its cluster becomes a copy
  EXPECT_EQ(cluster_of(writer, "drought"), original);
}

// Every term with its wdf and positions, every value and the data of each document, by key.
std::string dump(const std::string& path) {
  Xapian::Database db(path);
  std::string out;
  for (Xapian::TermIterator key = db.allterms_begin("Q"); key != db.allterms_end("Q"); ++key) {
    const Xapian::Document doc = db.get_document(*db.postlist_begin(*key));
    out.append(*key).append(":");
    for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      out.append(" ").append(*t).append("/").append(std::to_string(t.get_wdf()));
      for (Xapian::PositionIterator p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        out.append(",").append(std::to_string(*p));
      }
    }
    for (Xapian::ValueIterator v = doc.values_begin(); v != doc.values_end(); ++v) {
      out.append(" [").append(std::to_string(v.get_valueno())).append("]").append(*v);
    }
    out.append(" {").append(doc.get_data()).append("}\n");
  }
  return out;
}

TEST(IndexWriter, DocumentsBuiltOnAnotherThreadAreWrittenAsTheWriterWouldBuildThem) {
  test::TempDir dir;
  const std::string story = test_stories::kCourtStory;
  std::vector<Article> articles{article("original", story),
                                article("copy", "NAIROBI - " + edited(story, "sang", "wept")),
                                article("drought", test_stories::kDroughtStory),
                                article("original", edited(story, "Tuesday", "Monday")),
                                article("copy", "NAIROBI - " + edited(story, "sang", "wept"))};
  articles[2].entities.places.push_back({"ke", "Kenya", "", true, {"Kenya"}});
  articles[2].entities.organisations.push_back({"un", "United Nations", "", true, {"UN"}});
  std::vector<WriteOutcome> direct;
  {
    IndexWriter writer(dir.file("direct"), schema::Schema::builtin(), {2, {}, {}});
    for (const Article& a : articles) direct.push_back(writer.write(a));
  }
  std::vector<DocumentBuilder::Built> built;
  std::thread builder_thread([&] {
    DocumentBuilder builder(schema::Schema::builtin());
    for (Article a : articles) built.push_back(builder.build_for_writer(std::move(a)));
  });
  builder_thread.join();
  std::vector<WriteOutcome> handed;
  {
    IndexWriter writer(dir.file("handed"), schema::Schema::builtin(), {2, {}, {}});
    for (DocumentBuilder::Built& b : built) handed.push_back(writer.write(std::move(b)));
  }
  EXPECT_EQ(handed, direct);
  EXPECT_EQ(direct.back(), WriteOutcome::kUnchanged);
  const std::string expected = dump(dir.file("direct"));
  EXPECT_NE(expected.find(" XPke/"), std::string::npos) << expected;
  EXPECT_EQ(dump(dir.file("handed")), expected);
  EXPECT_EQ(Xapian::Database(dir.file("handed")).get_metadata(schema::facet_key("place", "ke")),
            Xapian::Database(dir.file("direct")).get_metadata(schema::facet_key("place", "ke")));
}

TEST(IndexWriter, DocumentsTheIndexHoldsUnchangedAreNotBuiltAndAWrongGuessIsBuiltByTheWriter) {
  test::TempDir dir;
  const std::string story = test_stories::kCourtStory;
  const std::vector<Article> first{article("court", story),
                                   article("drought", test_stories::kDroughtStory)};
  std::string path;
  {
    IndexWriter writer(dir.file("db"), schema::Schema::builtin(), {1, {}, {}});
    for (const Article& a : first) writer.write(a);
    writer.commit();
    path = writer.database_path();
  }
  DocumentBuilder builder(schema::Schema::builtin());
  UnchangedLookup lookup(path, builder.digest_slot());
  const DocumentBuilder::KnownUnchanged unchanged =
      [&](const std::string& term, const std::string& digest) { return lookup(term, digest); };
  DocumentBuilder::Built same = builder.build_for_writer(Article(first[0]), unchanged);
  EXPECT_FALSE(same.doc.has_value());
  EXPECT_TRUE(same.deferred.has_value());
  const std::string court_digest = same.digest;
  DocumentBuilder::Built edited_one =
      builder.build_for_writer(article("court", edited(story, "Tuesday", "Monday")), unchanged);
  EXPECT_TRUE(edited_one.doc.has_value());
  // A wrong guess (as when the same key came twice in one run): the writer builds it itself.
  DocumentBuilder::Built guessed = builder.build_for_writer(
      article("drought", edited(test_stories::kDroughtStory, "rain", "snow")),
      [](const std::string&, const std::string&) { return true; });
  ASSERT_FALSE(guessed.doc.has_value());
  {
    IndexWriter writer(dir.file("db"), schema::Schema::builtin(), {1, {}, {}});
    EXPECT_EQ(writer.write(std::move(same)), WriteOutcome::kUnchanged);
    EXPECT_EQ(writer.write(std::move(edited_one)), WriteOutcome::kReplaced);
    EXPECT_EQ(writer.write(std::move(guessed)), WriteOutcome::kReplaced);
  }
  {
    IndexWriter writer(dir.file("direct"), schema::Schema::builtin(), {1, {}, {}});
    for (const Article& a : first) writer.write(a);
    writer.commit();
    writer.write(article("court", edited(story, "Tuesday", "Monday")));
    writer.write(article("drought", edited(test_stories::kDroughtStory, "rain", "snow")));
  }
  EXPECT_EQ(dump(dir.file("db")), dump(dir.file("direct")));
  // An empty or missing index answers false without looking.
  UnchangedLookup none(dir.file("missing"), builder.digest_slot());
  EXPECT_FALSE(none(builder.unique_term("court"), court_digest));
}

}  // namespace
}  // namespace vigil::index
