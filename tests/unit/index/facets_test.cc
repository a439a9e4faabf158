// Entity facets in the index: terms (places with the places enclosing them, organisations, dates
// mentioned), the stored facet labels, and the facet catalog (labels and aliases) the searcher
// resolves names through.
#include <gtest/gtest.h>

#include <algorithm>

#include "index/document_builder.h"
#include "index/index_writer.h"
#include "support/temp_dir.h"
#include "vigil/record.h"

namespace vigil::index {
namespace {

Article with_entities(const std::string& key) {
  Article a;
  a.key = key;
  a.title = "Cotton picking in Aksu";
  a.main_text = "Workers in Aksu, Xinjiang, were sent to the fields, the UN said in May 2021.";
  a.entities.organisations = {{"un", "United Nations", "", true, {"UN"}}};
  a.entities.places = {{"g1529660", "Aksu", "cn.13", true, {"Aksu"}},
                       {"cn.13", "Xinjiang", "cn", true, {"Xinjiang"}},
                       {"cn", "China", "", false, {}}};
  a.entities.dates = {{2021, 5, 0}, {2021, 5, 12}};
  return a;
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(term);
  return it != doc.termlist_end() && *it == term;
}

TEST(Facets, EveryValueAndEnclosingPlaceIsAFilterTerm) {
  DocumentBuilder builder(schema::Schema::builtin());
  const Xapian::Document doc = builder.build(with_entities("a"));
  for (const char* term :
       {"XOun", "XPg1529660", "XPcn.13", "XPcn", "XM2021", "XM202105", "XM20210512"}) {
    EXPECT_TRUE(has_term(doc, term)) << term;
  }
  EXPECT_FALSE(has_term(doc, "XM20210500"));  // a month is not a day
}

TEST(Facets, TheRecordKeepsTheNamedValuesNotTheEnclosingOnes) {
  DocumentBuilder builder(schema::Schema::builtin());
  const StoredRecord record = decode_record(builder.build(with_entities("a")).get_data());
  EXPECT_EQ(record.orgs, (std::vector<StoredFacet>{{"un", "United Nations", {"UN"}}}));
  EXPECT_EQ(record.places, (std::vector<StoredFacet>{{"g1529660", "Aksu", {"Aksu"}},
                                                     {"cn.13", "Xinjiang", {"Xinjiang"}}}));
}

TEST(Facets, EntitiesArePartOfTheDigest) {
  DocumentBuilder builder(schema::Schema::builtin());
  Article a = with_entities("a");
  const std::string before = builder.prepare(a).digest;
  a.entities.places.back().id = "kz";  // a gazetteer update moves an enclosing place
  EXPECT_NE(builder.prepare(a).digest, before);
  a = with_entities("a");
  a.entities.dates.pop_back();
  EXPECT_NE(builder.prepare(a).digest, before);
}

TEST(Facets, TheCatalogHoldsLabelsParentsAndAliases) {
  test::TempDir dir;
  const std::string path = dir.file("db");
  {
    WriterOptions options;
    options.batch_size = 10;
    options.facet_names = [](std::string_view field, const EntityRef& value) {
      std::vector<FacetAlias> names{{value.label, 10}};
      if (field == "place" && value.id == "cn.13") names.push_back({"Sinkiang", 5});
      if (field == "org" && value.id == "un") names.push_back({"UN", 5});
      return names;
    };
    IndexWriter writer(path, schema::Schema::builtin(), options);
    writer.write(with_entities("a"));
    writer.write(with_entities("b"));
  }
  const Xapian::Database db(path);
  EXPECT_EQ(db.get_metadata("vigil.facet.place.cn.13"), "Xinjiang\tcn");
  EXPECT_EQ(db.get_metadata("vigil.facet.place.cn"), "China\t");
  EXPECT_EQ(db.get_metadata("vigil.facet.org.un"), "United Nations\t");
  EXPECT_EQ(db.get_metadata("vigil.alias.place.sinkiang"), "5\tcn.13");
  EXPECT_EQ(db.get_metadata("vigil.alias.place.xinjiang"), "10\tcn.13");
  EXPECT_EQ(db.get_metadata("vigil.alias.org.un"), "5\tun");
  EXPECT_EQ(db.get_metadata("vigil.alias.org.united nations"), "10\tun");
  EXPECT_EQ(db.get_termfreq("XPcn"), 2u);
}

TEST(Facets, ASharedNameGoesToTheHigherRankAcrossRuns) {
  test::TempDir dir;
  const std::string path = dir.file("db");
  const auto write = [&](const std::string& key, const EntityRef& place, std::int64_t rank) {
    WriterOptions options;
    options.facet_names = [rank](std::string_view, const EntityRef& value) {
      return std::vector<FacetAlias>{{value.label, rank}};
    };
    IndexWriter writer(path, schema::Schema::builtin(), options);
    Article a;
    a.key = key;
    a.main_text = "text";
    a.entities.places = {place};
    writer.write(a);
  };
  write("a", {"g1", "Georgia", "us.ga", true, {}}, 100);
  EXPECT_EQ(Xapian::Database(path).get_metadata("vigil.alias.place.georgia"), "100\tg1");
  write("b", {"ge", "Georgia", "", true, {}}, 5000);  // the country outranks the state
  EXPECT_EQ(Xapian::Database(path).get_metadata("vigil.alias.place.georgia"), "5000\tge");
  write("c", {"g2", "Georgia", "", true, {}}, 10);  // a small town does not take it back
  EXPECT_EQ(Xapian::Database(path).get_metadata("vigil.alias.place.georgia"), "5000\tge");
}

}  // namespace
}  // namespace vigil::index
