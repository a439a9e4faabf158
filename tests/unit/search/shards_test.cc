// Naming shards (--db values and stub files), and counting with the match spies a stock remote
// server runs: FacetTally, ClusterTally and the mapped recency source must give exactly what
// Vigil's own spies and posting source give (FacetTally's facet ids too).
#include "search/shards.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "index/facet_dictionary.h"
#include "search/copies.h"
#include "search/facets.h"
#include "search/recency.h"
#include "support/temp_dir.h"
#include "vigil/errors.h"
#include "vigil/schema.h"

namespace vigil::search {
namespace {

std::vector<std::string> names_of(const std::vector<ShardSpec>& shards) {
  std::vector<std::string> names;
  names.reserve(shards.size());
  for (const ShardSpec& shard : shards) names.push_back(shard.name());
  return names;
}

TEST(ParseShards, ReadsPathsAddressesAndReplicas) {
  struct Row {
    std::vector<std::string> specs;
    std::vector<std::string> shards;
  };
  const std::vector<Row> rows = {
      {{"/srv/index"}, {"/srv/index"}},
      {{"tcp:127.0.0.1:7001"}, {"tcp:127.0.0.1:7001"}},
      {{"tcp:a.example:7001,tcp:b.example:7001"}, {"tcp:a.example:7001,tcp:b.example:7001"}},
      {{"tcp:a:1, tcp:b:65535", "/local/3"}, {"tcp:a:1,tcp:b:65535", "/local/3"}},
      {{"relative/dir"}, {"relative/dir"}},
  };
  for (const Row& row : rows) {
    EXPECT_EQ(names_of(parse_shards(row.specs)), row.shards) << row.specs[0];
  }
  const ShardSpec two = parse_shards({"tcp:h1:7001,tcp:h2:7002"})[0];
  ASSERT_EQ(two.replicas.size(), 2U);
  EXPECT_TRUE(two.replicas[1].remote());
  EXPECT_EQ(two.replicas[1].host, "h2");
  EXPECT_EQ(two.replicas[1].port, 7002U);
}

TEST(ParseShards, RefusesMalformedValuesNamingThem) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"", "an empty index"},
      {"tcp:host", "malformed shard address 'tcp:host'"},
      {"tcp:host:0", "malformed shard address"},
      {"tcp:host:65536", "malformed shard address"},
      {"tcp::7001", "malformed shard address"},
      {"tcp:host:70x1", "malformed shard address"},
      {"tcp:a:1,,tcp:b:2", "an empty replica"},
      {"tcp:a:1,", "an empty replica"},
  };
  for (const auto& [spec, message] : rows) {
    try {
      (void)parse_shards({spec});
      ADD_FAILURE() << "accepted '" << spec << "'";
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
      EXPECT_FALSE(e.hint().empty()) << spec;
    }
  }
  EXPECT_THROW((void)parse_shards({}), ConfigError);
}

TEST(ParseShards, ExpandsAStubFileIntoOneShardPerLine) {
  const test::TempDir dir;
  {
    std::ofstream stub(dir.file("shards.stub"));
    stub << "# three shards\n\nauto shard1\nglass /abs/shard2\nremote 127.0.0.1:7003\n"
         << "tcp 10.0.0.4 7004\n";
  }
  EXPECT_EQ(names_of(parse_shards({dir.file("shards.stub"), "/other"})),
            (std::vector<std::string>{dir.path() + "/shard1", "/abs/shard2", "tcp:127.0.0.1:7003",
                                      "tcp:10.0.0.4:7004", "/other"}));
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"remote :xapian-progsrv db\n", "cannot use"},
      {"inmemory\n", "cannot use"},
      {"remote host\n", "malformed address"},
      {"# nothing\n", "lists no database"},
  };
  for (const auto& [text, message] : bad) {
    {
      std::ofstream stub(dir.file("bad.stub"));
      stub << text;
    }
    try {
      (void)parse_shards({dir.file("bad.stub")});
      ADD_FAILURE() << "accepted " << text;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
  }
}

TEST(RemoteTimeouts, ConnectingTakesAtMostTwoSeconds) {
  EXPECT_DOUBLE_EQ(remote_timeouts(10).connect_seconds, 2);
  EXPECT_DOUBLE_EQ(remote_timeouts(10).reply_seconds, 10);
  EXPECT_DOUBLE_EQ(remote_timeouts(0.5).connect_seconds, 0.5);
}

// Documents with facet lists (slot 2, their ids after the order value in slot 6), cluster keys
// (slot 4) and dates
// (slot 0 + D/M/Y terms).
Xapian::WritableDatabase sample() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  index::FacetDictionary dictionary(db);
  const std::vector<std::vector<std::string>> rows = {
      {"XOun\nXPcn\nXPcn.13\nY2021\nM202105", "k1", "20210512"},
      {"XOun\nXPcn\nY2021", "k1", "20210000"},
      {"XOun\nXPcn\nXPcn.13\nY2021\nM202105", "", "20210500"},
      {"XPgb\nY1987\nM198703", "k2", "19870301"},
      {"", "", ""},
      {"XOun\nXOamnesty\nXPgb\nY2020\nM202001\nXM2019", "k3", "20200131"},
  };
  for (const std::vector<std::string>& row : rows) {
    Xapian::Document doc;
    doc.add_term("word");
    doc.add_value(2, row[0]);
    doc.add_value(6, schema::order_value(row[2], row[1]) + dictionary.encode(row[0]));
    doc.add_value(4, row[1]);
    const std::string& date = row[2];
    if (!date.empty()) {
      doc.add_value(0, date);
      doc.add_boolean_term("Y" + date.substr(0, 4));
      if (date.substr(4, 2) != "00") doc.add_boolean_term("M" + date.substr(0, 6));
      if (date.substr(6, 2) != "00") doc.add_boolean_term("D" + date);
    }
    db.add_document(doc);
  }
  dictionary.flush();
  return db;
}

std::map<std::string, std::uint64_t> all_of(const FacetCounts& counts) {
  std::map<std::string, std::uint64_t> all;
  counts.for_each(
      [&](std::string_view term, std::uint64_t count) { all[std::string(term)] = count; });
  return all;
}

TEST(Tallies, XapiansOwnSpiesCountExactlyAsOurs) {
  const Xapian::WritableDatabase db = sample();
  using Spy = FacetSource::Spy;
  for (const std::string prefix : {"", "XP", "Y"}) {
    const auto kind = std::find_if(facet_kinds().begin(), facet_kinds().end(),
                                   [&](const FacetKind& each) { return each.prefix == prefix; });
    std::map<std::string, std::uint64_t> counted[3];
    std::uint64_t documents[2];
    std::uint64_t clusters[2];
    for (const Spy spy : {Spy::kTerms, Spy::kRemote, Spy::kIds}) {
      const auto at = static_cast<std::size_t>(spy);
      Xapian::Enquire enquire(db);
      enquire.set_query(Xapian::Query("word"));
      FacetTally facets(db, {2, 6, spy}, kind == facet_kinds().end() ? nullptr : &*kind);
      const bool remote = spy == Spy::kRemote;
      ClusterTally copies(4, remote);
      enquire.add_matchspy(facets.spy());
      enquire.add_matchspy(copies.spy());
      enquire.get_mset(0, 10, db.get_doccount());
      counted[at] = all_of(std::move(facets).counts());
      if (spy == Spy::kIds) continue;
      documents[remote] = copies.documents();
      clusters[remote] = copies.clusters();
    }
    EXPECT_EQ(counted[0], counted[1]) << prefix;
    EXPECT_EQ(counted[0], counted[2]) << prefix;
    EXPECT_EQ(documents[0], documents[1]);
    EXPECT_EQ(clusters[0], clusters[1]);
    if (prefix.empty()) {
      EXPECT_EQ(counted[1]["XOun"], 4U);
      EXPECT_EQ(counted[1]["XPcn.13"], 2U);
      EXPECT_EQ(counted[1]["M202105"], 2U);
    }
  }
  ClusterTally copies(4, true);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("word"));
  enquire.add_matchspy(copies.spy());
  enquire.get_mset(0, 10, db.get_doccount());
  EXPECT_EQ(copies.documents(), 6U);
  EXPECT_EQ(copies.clusters(), 5U);  // k1 twice, k2, k3, and two without a key
}

TEST(Tallies, TheMappedRecencySourceWeighsAsRecencySource) {
  const Xapian::WritableDatabase db = sample();
  const long today = days_of("20210601");
  std::vector<double> weights[2];
  for (const bool mapped : {false, true}) {
    Xapian::PostingSource* source = mapped
                                        ? static_cast<Xapian::PostingSource*>(mapped_recency_source(
                                              db, 0, kRecencyBonus, 30, today))
                                        : new RecencySource(0, kRecencyBonus, 30, today);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, Xapian::Query("word"),
                                    Xapian::Query(source->release())));
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      weights[mapped].push_back(it.get_weight());
    }
  }
  ASSERT_EQ(weights[0].size(), 6U);
  EXPECT_EQ(weights[0], weights[1]);
  EXPECT_GT(weights[0][0], 0);
}

}  // namespace
}  // namespace vigil::search
