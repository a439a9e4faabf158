#include "extract/jsonl_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "support/shared_data.h"
#include "support/temp_dir.h"
#include "vigil/shard.h"

namespace vigil::extract {
namespace {

// Everything read_jsonl delivered, in order, and what it returned.
struct Collected {
  std::vector<Result<Article>> items;
  std::optional<Result<JsonlStats>> outcome;

  const Article& article(std::size_t i) const { return items.at(i).value(); }
  const Error& error(std::size_t i) const { return items.at(i).error(); }
  const JsonlStats& stats() const { return outcome->value(); }
};

Collected read_all(const std::string& path, const JsonlOptions& options) {
  Collected collected;
  collected.outcome.emplace(read_jsonl(
      path,
      [&](Result<Article>&& item) {
        collected.items.push_back(std::move(item));
        return true;
      },
      options));
  return collected;
}

Collected read_all(const std::string& path, std::size_t max_line_bytes = 64u << 20) {
  JsonlOptions options;
  options.max_line_bytes = max_line_bytes;
  return read_all(path, options);
}

void write_gz(const std::string& path, const std::string& content) {
  gzFile file = gzopen(path.c_str(), "wb");
  ASSERT_NE(file, nullptr);
  ASSERT_EQ(gzwrite(file, content.data(), static_cast<unsigned>(content.size())),
            static_cast<int>(content.size()));
  ASSERT_EQ(gzclose(file), Z_OK);
}

TEST(JsonlReader, ReadsAllFields) {
  test::TempDir dir;
  const std::string path = dir.write(
      "a.jsonl",
      R"({"id": "r-1", "dataset": "x", "url": "https://example.org/a", "title": "Title",)"
      R"( "date": "1987-02-26T15:01:01", "body": "First.\n\nSecond.", "author": "Jane Doe",)"
      R"( "source": "Reuters", "lang": "en", "gold": {"places": ["usa"]}, "meta": null})"
      "\n");
  const Collected c = read_all(path);
  ASSERT_TRUE(c.outcome->ok()) << c.outcome->error().describe();
  ASSERT_EQ(c.items.size(), 1u);
  const Article& a = c.article(0);
  EXPECT_EQ(a.key, "https://example.org/a");
  EXPECT_EQ(a.url, "https://example.org/a");
  EXPECT_EQ(a.title, "Title");
  EXPECT_EQ(a.main_text, "First.\n\nSecond.");
  ASSERT_TRUE(a.published.has_value());
  EXPECT_EQ(a.published->iso(), "1987-02-26");
  EXPECT_EQ(a.authors, std::vector<std::string>{"Jane Doe"});
  EXPECT_EQ(a.source, "Reuters");
  EXPECT_EQ(a.language, "en");
  EXPECT_EQ(a.origin, path + ":1");
  EXPECT_EQ(c.stats().lines, 1u);
  EXPECT_EQ(c.stats().records, 1u);
  EXPECT_EQ(c.stats().skipped, 0u);
}

struct KeyCase {
  const char* line;
  const char* key;
  const char* url;
};

class JsonlKey : public testing::TestWithParam<KeyCase> {};

TEST_P(JsonlKey, UsesUrlElseId) {
  test::TempDir dir;
  const Collected c = read_all(dir.write("k.jsonl", std::string(GetParam().line) + "\n"));
  ASSERT_EQ(c.items.size(), 1u);
  ASSERT_TRUE(c.items[0].ok()) << c.error(0).describe();
  EXPECT_EQ(c.article(0).key, GetParam().key);
  EXPECT_EQ(c.article(0).url, GetParam().url);
}

INSTANTIATE_TEST_SUITE_P(
    Table, JsonlKey,
    testing::Values(KeyCase{R"({"id": 42, "title": "t", "body": "b"})", "42", ""},
                    KeyCase{R"({"id": -7, "title": "t", "body": "b"})", "-7", ""},
                    KeyCase{R"({"id": 18446744073709551615, "title": "t", "body": "b"})",
                            "18446744073709551615", ""},
                    KeyCase{R"({"url": null, "id": "un-1970-1", "title": "t", "body": "b"})",
                            "un-1970-1", ""},
                    KeyCase{R"({"url": "", "id": "x", "title": "t", "body": "b"})", "x", ""},
                    KeyCase{R"({"url": 5, "id": "y", "title": "t", "body": "b"})", "y", ""},
                    KeyCase{R"({"id": "z", "url": "http://e.org/", "title": "t", "body": "b"})",
                            "http://e.org/", "http://e.org/"}));

// Keys of shard 1/2 and 2/2 (tests/unit/schema/shard_test.cc pins the hash).
TEST(JsonlReader, LinesOfAnotherShardAreCountedBeforeTheirTextIsRead) {
  ASSERT_EQ(shard_index("a", 2), 1U);
  ASSERT_EQ(shard_index("foobar", 2), 1U);
  ASSERT_EQ(shard_index("example.org", 2), 2U);
  test::TempDir dir;
  const std::string path =
      dir.write("s.jsonl", R"({"id": "a", "title": "t", "body": "b"})"
                           "\n"
                           R"({"id": "example.org", "title": "t", "body": "b"})"
                           "\n"
                           R"({"id": "example.org", "body": "no title, another shard's problem"})"
                           "\n"
                           R"({"id": "foobar", "body": "no title, this shard's problem"})"
                           "\n"
                           R"({"title": "no key: every shard's problem", "body": "b"})"
                           "\n");
  JsonlOptions options;
  options.shard = {1, 2};
  const Collected c = read_all(path, options);
  ASSERT_TRUE(c.outcome->ok());
  ASSERT_EQ(c.items.size(), 5U);
  EXPECT_EQ(c.article(0).key, "a");
  EXPECT_EQ(c.error(1).code, kOtherShard);
  EXPECT_EQ(c.error(1).message, "in shard 2/2, not in 1/2");
  EXPECT_EQ(c.error(1).context, path + ":2");
  EXPECT_EQ(c.error(2).code, kOtherShard);
  EXPECT_EQ(c.error(3).code, "missing_title");
  EXPECT_EQ(c.error(4).code, "missing_key");
  EXPECT_EQ(c.stats().lines, 5U);
  EXPECT_EQ(c.stats().records, 1U);
  EXPECT_EQ(c.stats().other_shard, 2U);
  EXPECT_EQ(c.stats().skipped, 2U);
}

TEST(JsonlReader, AcceptsEmptyTitleAndBody) {
  test::TempDir dir;
  const Collected c = read_all(dir.write("e.jsonl", R"({"id": "e", "title": "", "body": ""})"));
  ASSERT_EQ(c.items.size(), 1u);
  ASSERT_TRUE(c.items[0].ok()) << c.error(0).describe();
  EXPECT_EQ(c.article(0).title, "");
  EXPECT_EQ(c.article(0).main_text, "");
}

TEST(JsonlReader, OptionalFieldsOfTheWrongTypeAreIgnored) {
  test::TempDir dir;
  const Collected c = read_all(dir.write(
      "o.jsonl",
      R"({"id": "a", "title": "t", "body": "b", "date": "someday", "lang": 5, "source": [],)"
      R"( "author": {"name": "x"}})"
      "\n"
      R"({"id": "b", "title": "t", "body": "b", "date": 2021, "author": ["A", 3, " B ", ""]})"
      "\n"
      R"({"id": "c", "title": "t", "body": "b", "date": "2021-02-30", "author": null})"
      "\n"));
  ASSERT_EQ(c.items.size(), 3u);
  for (const auto& item : c.items) ASSERT_TRUE(item.ok()) << item.error().describe();
  EXPECT_FALSE(c.article(0).published.has_value());
  EXPECT_EQ(c.article(0).language, "");
  EXPECT_EQ(c.article(0).source, "");
  EXPECT_TRUE(c.article(0).authors.empty());
  EXPECT_FALSE(c.article(1).published.has_value());
  EXPECT_EQ(c.article(1).authors, (std::vector<std::string>{"A", "B"}));
  EXPECT_FALSE(c.article(2).published.has_value());
}

struct ErrorCase {
  const char* line;
  const char* code;
  const char* message_part;
};

void PrintTo(const ErrorCase& c, std::ostream* out) { *out << c.code << ": " << c.line; }

class JsonlError : public testing::TestWithParam<ErrorCase> {};

// Each bad line sits between two good ones, after a blank line, so the line numbers are checked.
TEST_P(JsonlError, SkipsTheLineWithItsPosition) {
  test::TempDir dir;
  const std::string good = R"({"id": "g", "title": "t", "body": "b"})";
  const std::string path =
      dir.write("bad.jsonl", good + "\n\n" + GetParam().line + "\n" + good + "\n");
  const Collected c = read_all(path, 1000);
  ASSERT_TRUE(c.outcome->ok());
  ASSERT_EQ(c.items.size(), 3u);
  EXPECT_TRUE(c.items[0].ok());
  ASSERT_FALSE(c.items[1].ok());
  EXPECT_EQ(c.error(1).code, GetParam().code);
  EXPECT_EQ(c.error(1).context, path + ":3");
  EXPECT_NE(c.error(1).message.find(GetParam().message_part), std::string::npos)
      << c.error(1).message;
  ASSERT_TRUE(c.items[2].ok());
  EXPECT_EQ(c.article(2).origin, path + ":4");
  EXPECT_EQ(c.stats().lines, 3u);
  EXPECT_EQ(c.stats().records, 2u);
  EXPECT_EQ(c.stats().skipped, 1u);
}

INSTANTIATE_TEST_SUITE_P(
    Table, JsonlError,
    testing::Values(
        ErrorCase{R"({"id": "a", "title": "t", "body": })", "invalid_json", "JSON"},
        ErrorCase{R"({"id": "a", "title": "t", "body": "b"} trailing)", "invalid_json", "JSON"},
        ErrorCase{R"({"id": "a", "title": "caf)"
                  "\xE9"
                  R"(", "body": "b"})",
                  "invalid_utf8", "byte 26"},
        ErrorCase{"{\"id\": \"a\", \"title\": \"t\", \"body\": \"b\"} \xC0\xAF", "invalid_utf8",
                  "byte 40"},
        ErrorCase{R"([{"id": "a", "title": "t", "body": "b"}])", "not_an_object", "object"},
        ErrorCase{R"("just a string")", "not_an_object", "object"},
        ErrorCase{R"({"id": "a", "body": "b"})", "missing_title", "title"},
        ErrorCase{R"({"id": "a", "title": null, "body": "b"})", "missing_title", "title"},
        ErrorCase{R"({"id": "a", "title": 7, "body": "b"})", "bad_field", "title"},
        ErrorCase{R"({"id": "a", "title": "t"})", "missing_body", "body"},
        ErrorCase{R"({"id": "a", "title": "t", "body": null})", "missing_body", "body"},
        ErrorCase{R"({"id": "a", "title": "t", "body": ["b"]})", "bad_field", "body"},
        ErrorCase{R"({"title": "t", "body": "b"})", "missing_key", "id"},
        ErrorCase{R"({"url": null, "id": null, "title": "t", "body": "b"})", "missing_key", "id"},
        ErrorCase{R"({"id": "", "title": "t", "body": "b"})", "missing_key", "id"},
        ErrorCase{R"({"id": 1.5, "title": "t", "body": "b"})", "missing_key", "id"},
        ErrorCase{R"({"id": {"n": 1}, "title": "t", "body": "b"})", "missing_key", "id"}));

TEST(JsonlReader, LongLineIsSkippedUnparsed) {
  test::TempDir dir;
  // Not JSON either: the length check comes first.
  const std::string long_line = "{" + std::string(5000, 'x');
  const std::string path = dir.write(
      "long.jsonl", long_line + "\n" + R"({"id": "a", "title": "t", "body": "b"})" + "\n");
  const Collected c = read_all(path, 4096);
  ASSERT_EQ(c.items.size(), 2u);
  ASSERT_FALSE(c.items[0].ok());
  EXPECT_EQ(c.error(0).code, "line_too_long");
  EXPECT_EQ(c.error(0).context, path + ":1");
  EXPECT_NE(c.error(0).message.find("5001 bytes"), std::string::npos) << c.error(0).message;
  ASSERT_TRUE(c.items[1].ok());
  EXPECT_EQ(c.article(1).origin, path + ":2");
  EXPECT_EQ(c.stats().skipped, 1u);
}

TEST(JsonlReader, StopsWhenTheSinkSaysSo) {
  test::TempDir dir;
  std::string content;
  for (int i = 0; i < 5; ++i) {
    content += R"({"id": ")" + std::to_string(i) + R"(", "title": "t", "body": "b"})" + "\n";
  }
  const std::string path = dir.write("five.jsonl", content);
  int delivered = 0;
  const Result<JsonlStats> stats = read_jsonl(path, [&](Result<Article>&&) {
    ++delivered;
    return delivered < 2;
  });
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(delivered, 2);
  EXPECT_EQ(stats.value().lines, 2u);
  EXPECT_EQ(stats.value().records, 2u);
}

TEST(JsonlReader, BlankLinesAreSkippedButCounted) {
  test::TempDir dir;
  const std::string path = dir.write("b.jsonl",
                                     "\n   \n\t\r\n"
                                     R"({"id": "a", "title": "t", "body": "b"})"
                                     "\n\n");
  const Collected c = read_all(path);
  ASSERT_EQ(c.items.size(), 1u);
  EXPECT_EQ(c.article(0).origin, path + ":4");
  EXPECT_EQ(c.stats().lines, 1u);
}

TEST(JsonlReader, CrlfLinesAndBodies) {
  test::TempDir dir;
  const std::string path =
      dir.write("crlf.jsonl", R"({"id": "a", "title": "t", "body": "one\r\ntwo\rthree"})"
                              "\r\n"
                              R"({"id": "b", "title": "t", "body": "last line, no EOL"})");
  const Collected c = read_all(path);
  ASSERT_EQ(c.items.size(), 2u);
  ASSERT_TRUE(c.items[0].ok()) << c.error(0).describe();
  EXPECT_EQ(c.article(0).main_text, "one\ntwo\rthree");
  ASSERT_TRUE(c.items[1].ok()) << c.error(1).describe();
  EXPECT_EQ(c.article(1).origin, path + ":2");
}

TEST(JsonlReader, GzipFileReadsLikePlain) {
  test::TempDir dir;
  std::string content;
  for (int i = 1; i <= 500; ++i) {
    content += R"({"id": )" + std::to_string(i) + R"(, "title": "t", "body": "b"})" + "\n";
  }
  content += "not json\n";
  const std::string plain = dir.write("c.jsonl", content);
  const std::string gz = dir.file("c.jsonl.gz");
  write_gz(gz, content);
  const Collected from_plain = read_all(plain);
  const Collected from_gz = read_all(gz);
  ASSERT_TRUE(from_gz.outcome->ok()) << from_gz.outcome->error().describe();
  EXPECT_EQ(from_gz.stats().records, 500u);
  EXPECT_EQ(from_gz.stats().skipped, 1u);
  ASSERT_EQ(from_gz.items.size(), from_plain.items.size());
  EXPECT_EQ(from_gz.article(499).key, "500");
  EXPECT_EQ(from_gz.article(499).origin, gz + ":500");
  EXPECT_EQ(from_gz.error(500).context, gz + ":501");
}

TEST(JsonlReader, TruncatedGzipIsUnreadableAfterEarlierLines) {
  test::TempDir dir;
  std::string content;
  for (int i = 1; i <= 20000; ++i) {
    content += R"({"id": )" + std::to_string(i) + R"(, "title": "title )" +
               std::to_string(i * 7919) + R"(", "body": "body )" + std::to_string(i * 104729) +
               "\"}\n";
  }
  const std::string gz = dir.file("t.jsonl.gz");
  write_gz(gz, content);
  std::filesystem::resize_file(gz, std::filesystem::file_size(gz) / 2);
  const Collected c = read_all(gz);
  ASSERT_FALSE(c.outcome->ok());
  EXPECT_EQ(c.outcome->error().code, "unreadable");
  EXPECT_EQ(c.outcome->error().context, gz);
  EXPECT_GT(c.items.size(), 100u);
  EXPECT_LT(c.items.size(), 20000u);
  for (std::size_t i = 0; i < c.items.size(); ++i) {
    ASSERT_TRUE(c.items[i].ok()) << c.error(i).describe();  // no half line was delivered
    EXPECT_EQ(c.article(i).key, std::to_string(i + 1));
  }
}

TEST(JsonlReader, CorruptGzipIsUnreadable) {
  test::TempDir dir;
  std::string content;
  for (int i = 0; i < 1000; ++i) {
    content += R"({"id": "x", "title": "t", "body": "b"})"
               "\n";
  }
  const std::string gz = dir.file("corrupt.jsonl.gz");
  write_gz(gz, content);
  {
    std::FILE* file = std::fopen(gz.c_str(), "r+b");
    ASSERT_NE(file, nullptr);
    std::fseek(file, 30, SEEK_SET);
    const char garbage[] = "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF";
    std::fwrite(garbage, 1, 8, file);
    std::fclose(file);
  }
  const Collected c = read_all(gz);
  ASSERT_FALSE(c.outcome->ok());
  EXPECT_EQ(c.outcome->error().code, "unreadable");
  EXPECT_EQ(c.outcome->error().context, gz);
}

TEST(JsonlReader, UnopenablePathIsUnreadable) {
  test::TempDir dir;
  const std::string missing = dir.file("no-such-file.jsonl");
  const Collected c = read_all(missing);
  ASSERT_FALSE(c.outcome->ok());
  EXPECT_EQ(c.outcome->error().code, "unreadable");
  EXPECT_EQ(c.outcome->error().context, missing);
  EXPECT_NE(c.outcome->error().message.find(std::strerror(ENOENT)), std::string::npos)
      << c.outcome->error().message;
  EXPECT_TRUE(c.items.empty());

  const Collected directory = read_all(dir.path());
  ASSERT_FALSE(directory.outcome->ok());
  EXPECT_EQ(directory.outcome->error().code, "unreadable");
  EXPECT_NE(directory.outcome->error().message.find(std::strerror(EISDIR)), std::string::npos)
      << directory.outcome->error().message;
}

TEST(JsonlReader, NewsCorpusIsReadWhole) {
  VIGIL_REQUIRE_SHARED();
  const std::string path = test::shared_path("data/news_corpus/articles.jsonl.gz");
  std::size_t untitled = 0;
  std::size_t failures = 0;
  const auto start = std::chrono::steady_clock::now();
  const Result<JsonlStats> stats = read_jsonl(path, [&](Result<Article>&& item) {
    if (!item.ok()) {
      if (++failures <= 5) ADD_FAILURE() << item.error().describe();
      return true;
    }
    untitled += item.value().title.empty();
    return true;
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("news corpus: %.3f s\n", seconds);
  ASSERT_TRUE(stats.ok()) << stats.error().describe();
  EXPECT_EQ(stats.value().lines, 20253u);
  EXPECT_EQ(stats.value().records, 20253u);
  EXPECT_EQ(stats.value().skipped, 0u);
  EXPECT_EQ(untitled, 893u + 1u);
}

}  // namespace
}  // namespace vigil::extract
