#include "vigil/shard.h"

#include <gtest/gtest.h>

#include <string>

#include "vigil/errors.h"

namespace vigil {
namespace {

struct ParseCase {
  const char* text;
  unsigned index;  // 0: parse_shard must throw
  unsigned count;
  const char* message;  // the expected what() (errors) or "" (valid)
  const char* hint;     // a part of the expected hint
};

class ShardParse : public testing::TestWithParam<ParseCase> {};

TEST_P(ShardParse, AcceptsIOfNAndNamesTheProblemOtherwise) {
  const ParseCase& c = GetParam();
  if (c.index != 0) {
    const Shard shard = parse_shard(c.text);
    EXPECT_EQ(shard, (Shard{c.index, c.count}));
    return;
  }
  try {
    parse_shard(c.text);
    FAIL() << "'" << c.text << "' was accepted";
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), c.message);
    EXPECT_NE(e.hint().find(c.hint), std::string::npos) << e.hint();
  }
}

constexpr const char* kExpected = "write shard I of N as I/N, N from 1 to 4096";

INSTANTIATE_TEST_SUITE_P(
    Table, ShardParse,
    testing::Values(
        ParseCase{"1/1", 1, 1, "", ""}, ParseCase{"2/3", 2, 3, "", ""},
        ParseCase{"3/3", 3, 3, "", ""}, ParseCase{"4096/4096", 4096, 4096, "", ""},
        ParseCase{"07/010", 7, 10, "", ""},
        ParseCase{"", 0, 0, "invalid --shard '': expected I/N, shard I of N (e.g. 2/3)", kExpected},
        ParseCase{"3", 0, 0, "invalid --shard '3': expected I/N, shard I of N (e.g. 2/3)",
                  kExpected},
        ParseCase{"a/b", 0, 0,
                  "invalid --shard 'a/b': 'a' is not a whole number (expected I/N, e.g. 2/3)",
                  kExpected},
        ParseCase{"1/3x", 0, 0,
                  "invalid --shard '1/3x': '3x' is not a whole number (expected I/N, e.g. 2/3)",
                  kExpected},
        ParseCase{" 1/3", 0, 0,
                  "invalid --shard ' 1/3': ' 1' is not a whole number (expected I/N, e.g. 2/3)",
                  kExpected},
        ParseCase{"-1/3", 0, 0,
                  "invalid --shard '-1/3': '-1' is not a whole number (expected I/N, e.g. 2/3)",
                  kExpected},
        ParseCase{"1/2/3", 0, 0,
                  "invalid --shard '1/2/3': '2/3' is not a whole number (expected I/N, e.g. 2/3)",
                  kExpected},
        ParseCase{"0/3", 0, 0,
                  "invalid --shard '0/3': shards are numbered from 1: I must be 1 to 3",
                  "the shards of 3 are 1/3, 2/3 and 3/3"},
        ParseCase{"4/3", 0, 0, "invalid --shard '4/3': there is no shard 4 of 3: I must be 1 to 3",
                  "the shards of 3 are 1/3, 2/3 and 3/3"},
        ParseCase{"17/16", 0, 0,
                  "invalid --shard '17/16': there is no shard 17 of 16: I must be 1 to 16",
                  "the shards of 16 are 1/16 to 16/16"},
        ParseCase{"1/0", 0, 0, "invalid --shard '1/0': the number of shards N must be 1 to 4096",
                  kExpected},
        ParseCase{"1/4097", 0, 0,
                  "invalid --shard '1/4097': the number of shards N must be 1 to 4096", kExpected},
        ParseCase{"1/99999999999999999999", 0, 0,
                  "invalid --shard '1/99999999999999999999': the number of shards N must be 1 to "
                  "4096",
                  kExpected}));

TEST(Shard, MessagesNameTheSourceOfTheValue) {
  try {
    parse_shard("5/2", "vigil.shard");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()),
              "invalid vigil.shard '5/2': there is no shard 5 of 2: I must be 1 to 2");
    EXPECT_EQ(e.hint(), "the shards of 2 are 1/2 and 2/2");
  }
}

TEST(Shard, FormatIsWhatParseReads) {
  for (const Shard shard : {Shard{1, 1}, Shard{2, 3}, Shard{4096, 4096}}) {
    EXPECT_EQ(parse_shard(format_shard(shard)), shard) << format_shard(shard);
  }
  EXPECT_EQ(format_shard({2, 3}), "2/3");
}

// The index format: these must never change (see shard.h). Computed independently of vigil with
// the published FNV-1a 64 parameters (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
struct GoldenCase {
  const char* key;
  unsigned of2;
  unsigned of3;
  unsigned of16;
  unsigned of4096;
};

TEST(Shard, GoldenTableNeverChanges) {
  const GoldenCase kGolden[] = {
      {"", 2, 3, 6, 806},  // fnv1a64("") = 0xcbf29ce484222325
      {"a", 1, 2, 13, 3213},
      {"foobar", 1, 1, 9, 2025},
      {"example.org", 2, 3, 2, 3922},
      {"www.example.org", 1, 1, 9, 857},
      {"127.0.0.1:8080", 1, 1, 13, 1997},
      {"[::1]:8080", 1, 2, 15, 1439},
      {"https://www.hrw.org/news/2021/06/03/x", 1, 3, 3, 1283},
      {"gdelt-000123", 1, 2, 5, 741},
      {"\xC3\xA9.example", 2, 1, 10, 3898},  // UTF-8 bytes, not code points
  };
  for (const GoldenCase& g : kGolden) {
    EXPECT_EQ(shard_index(g.key, 1), 1U) << g.key;
    EXPECT_EQ(shard_index(g.key, 2), g.of2) << g.key;
    EXPECT_EQ(shard_index(g.key, 3), g.of3) << g.key;
    EXPECT_EQ(shard_index(g.key, 16), g.of16) << g.key;
    EXPECT_EQ(shard_index(g.key, 4096), g.of4096) << g.key;
    EXPECT_TRUE(in_shard(g.key, {g.of3, 3})) << g.key;
    EXPECT_FALSE(in_shard(g.key, {g.of3 % 3 + 1, 3})) << g.key;
    EXPECT_TRUE(in_shard(g.key, {1, 1})) << g.key;
  }
}

TEST(Shard, EveryKeyIsInExactlyOneShard) {
  for (int i = 0; i < 200; ++i) {
    const std::string key = "key-" + std::to_string(i);
    for (const unsigned count : {2U, 3U, 7U}) {
      int holders = 0;
      for (unsigned index = 1; index <= count; ++index) holders += in_shard(key, {index, count});
      EXPECT_EQ(holders, 1) << key << " of " << count;
    }
  }
}

TEST(Shard, SpreadsKeysEvenly) {
  unsigned counts[3] = {0, 0, 0};
  for (int i = 0; i < 3000; ++i) {
    std::string key = "https://news";
    key += std::to_string(i % 50);
    key += ".example.org/story/";
    key += std::to_string(i);
    ++counts[shard_index(key, 3) - 1];
  }
  for (const unsigned count : counts) {
    EXPECT_GE(count, 3000 * 28 / 100);
    EXPECT_LE(count, 3000 * 39 / 100);
  }
}

TEST(Shard, UrlKeyIsTheNormalisedAuthority) {
  const std::pair<const char*, const char*> kCases[] = {
      {"http://Example.ORG/a?b#c", "example.org"},
      {"HTTPS://www.Example.org/", "www.example.org"},  // www. is another host
      {"http://example.org:80/", "example.org"},
      {"https://example.org:443", "example.org"},
      {"https://example.org:80/", "example.org:80"},
      {"http://example.org:443/", "example.org:443"},
      {"http://127.0.0.1:8080/news", "127.0.0.1:8080"},
      {"http://127.0.0.1:08080/news", "127.0.0.1:8080"},
      {"http://user:pw@Example.org.:8080/x", "example.org:8080"},
      {"http://example.org:/x", "example.org"},
      {"http://[::1]:8080/x", "[::1]:8080"},
      {"http://[::1]/x", "[::1]"},
      {"http://[::1]:80/x", "[::1]"},
      {"http://example.org?q", "example.org"},
      {"http://example.org:8o/", ""},
      {"http://example.org:123456/", ""},
      {"http://[::1/", ""},
      {"http:///path", ""},
      {"ftp://example.org/", ""},
      {"file:///tmp/a.html", ""},
      {"example.org", ""},
  };
  for (const auto& [url, key] : kCases) EXPECT_EQ(shard_of_url(url), key) << url;
}

}  // namespace
}  // namespace vigil
