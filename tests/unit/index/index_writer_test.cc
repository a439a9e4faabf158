#include "index/index_writer.h"

#include <gtest/gtest.h>

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
    IndexWriter writer(path, schema::Schema::builtin(), {2, {}});
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
  IndexWriter writer(path, schema::Schema::builtin(), {100, {}});
  ASSERT_EQ(writer.write(article("a", "one")), WriteOutcome::kAdded);
  EXPECT_EQ(Xapian::Database(path).get_doccount(), 0u);
  writer.commit();
  EXPECT_EQ(Xapian::Database(path).get_doccount(), 1u);
}

}  // namespace
}  // namespace vigil::index
