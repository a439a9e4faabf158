// warc::Reader on files laid out as other tools write them (built here, byte by byte), and on
// damaged ones.
#include "warc/reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "unit/crawl/gzip_for_test.h"
#include "warc/http_response.h"

namespace vigil::warc {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string warc_record(const std::string& version, const Fields& fields,
                        const std::string& block) {
  std::string out = version;
  out += "\r\n";
  for (const auto& [name, value] : fields) {
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  out += "Content-Length: ";
  out += std::to_string(block.size());
  out += "\r\n\r\n";
  out += block;
  out += "\r\n\r\n";
  return out;
}

std::string chunked(const std::string& data, std::size_t size) {
  std::string out;
  for (std::size_t at = 0; at < data.size(); at += size) {
    const std::string piece = data.substr(at, size);
    char line[32];
    std::snprintf(line, sizeof line, "%zx;ext=1\r\n", piece.size());
    out += line;
    out += piece;
    out += "\r\n";
  }
  out += "0\r\nX-Trailer: t\r\n\r\n";
  return out;
}

const std::string kHtml =
    "<!DOCTYPE html><html><head><title>Detention report</title></head><body><p>Detainees in "
    "camps were moved at night, witnesses said.</p></body></html>";

// What wget --warc-file writes for one page (WARC/1.0, the payload as sent: chunked and gzip).
std::vector<std::string> wget_records() {
  const std::string id = "<urn:uuid:6b1d7c8e-0d3f-4a8e-9a55-1f2e3d4c5b6a>";
  return {
      warc_record("WARC/1.0",
                  {{"WARC-Type", "warcinfo"},
                   {"Content-Type", "application/warc-fields"},
                   {"WARC-Date", "2024-03-01T10:00:00Z"},
                   {"WARC-Record-ID", "<urn:uuid:11111111-2222-4333-8444-555555555555>"},
                   {"WARC-Filename", "site.warc.gz"}},
                  "software: Wget/1.21.3 (linux-gnu)\r\nformat: WARC File Format 1.0\r\n"),
      warc_record("WARC/1.0",
                  {{"WARC-Type", "request"},
                   {"WARC-Target-URI", "<https://example.org/news/1>"},
                   {"Content-Type", "application/http;msgtype=request"},
                   {"WARC-Date", "2024-03-01T10:00:01Z"},
                   {"WARC-Record-ID", "<urn:uuid:aaaaaaaa-2222-4333-8444-555555555555>"}},
                  "GET /news/1 HTTP/1.1\r\nHost: example.org\r\n\r\n"),
      warc_record("WARC/1.0",
                  {{"WARC-Type", "response"},
                   {"WARC-Record-ID", id},
                   {"WARC-Warcinfo-ID", "<urn:uuid:11111111-2222-4333-8444-555555555555>"},
                   {"WARC-Concurrent-To", "<urn:uuid:aaaaaaaa-2222-4333-8444-555555555555>"},
                   {"WARC-Target-URI", "<https://example.org/news/1>"},
                   {"WARC-Date", "2024-03-01T10:00:01Z"},
                   {"Content-Type", "application/http;msgtype=response"}},
                  std::string("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n"
                              "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n") +
                      chunked(test::gzip(kHtml), 40)),
      warc_record("WARC/1.0",
                  {{"WARC-Type", "metadata"},
                   {"WARC-Record-ID", "<urn:uuid:bbbbbbbb-2222-4333-8444-555555555555>"},
                   {"WARC-Concurrent-To", id},
                   {"WARC-Target-URI", "<https://example.org/news/1>"},
                   {"WARC-Date", "2024-03-01T10:00:01Z"},
                   {"Content-Type", "application/warc-fields"}},
                  "outlink: https://example.org/news/2\r\n"),
  };
}

std::string join(const std::vector<std::string>& parts, bool gzip_each) {
  std::string out;
  for (const std::string& part : parts) out += gzip_each ? test::gzip(part) : part;
  return out;
}

// Each next() outcome in order: the record's WARC-Type, or "!" + the Error's code.
struct Outcomes {
  std::vector<std::string> sequence;
  std::vector<Record> records;
  std::vector<Error> errors;
};

Outcomes read_all(Reader& reader) {
  Outcomes out;
  for (int guard = 0; guard < 100; ++guard) {
    Result<std::optional<Record>> next = reader.next();
    if (!next) {
      out.sequence.push_back(std::string("!").append(next.error().code));
      out.errors.push_back(next.error());
      continue;
    }
    if (!next.value()) {
      // The end stays the end.
      EXPECT_TRUE(reader.next().ok() && !reader.next().value());
      return out;
    }
    out.sequence.push_back(next.value()->header("WARC-Type"));
    out.records.push_back(std::move(*next.value()));
  }
  ADD_FAILURE() << "the reader never ended";
  return out;
}

Outcomes read_file(const std::string& path, std::uint64_t max = Reader::kDefaultMaxBlockBytes) {
  Reader reader(path, max);
  return read_all(reader);
}

using Sequence = std::vector<std::string>;

struct LayoutCase {
  const char* name;
  bool gzip_each;   // one gzip member per record (wget, Heritrix)
  bool gzip_whole;  // one gzip stream for the file (gzip of a .warc)
};

class WgetLayouts : public testing::TestWithParam<LayoutCase> {};

TEST_P(WgetLayouts, ReadsRecordsOffsetsAndTheDecodedPayload) {
  const std::vector<std::string> records = wget_records();
  std::string bytes = join(records, GetParam().gzip_each);
  if (GetParam().gzip_whole) bytes = test::gzip(bytes);
  test::TempDir dir;
  const Outcomes out = read_file(dir.write("site.warc.gz", bytes));
  ASSERT_EQ(out.sequence, (Sequence{"warcinfo", "request", "response", "metadata"}));
  std::uint64_t expected_offset = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(out.records[i].version, "WARC/1.0");
    EXPECT_EQ(out.records[i].offset, GetParam().gzip_whole ? 0 : expected_offset) << i;
    expected_offset += GetParam().gzip_each ? test::gzip(records[i]).size() : records[i].size();
  }
  const Record& response = out.records[2];
  EXPECT_EQ(response.header("warc-target-uri"), "<https://example.org/news/1>");
  EXPECT_EQ(response.header("WARC-Payload-Digest"), "");
  Result<HttpResponse> http = parse_http_response(response.block, 1 << 20);
  ASSERT_TRUE(http) << http.error().describe();
  EXPECT_EQ(http.value().status, 200);
  EXPECT_EQ(http.value().body, kHtml);
}

INSTANTIATE_TEST_SUITE_P(Table, WgetLayouts,
                         testing::Values(LayoutCase{"Plain", false, false},
                                         LayoutCase{"GzipPerRecord", true, false},
                                         LayoutCase{"GzipWholeFile", false, true}),
                         [](const testing::TestParamInfo<LayoutCase>& p) { return p.param.name; });

TEST(WarcReader, ReadsWarcioResourceAndRevisitRecords) {
  const std::string bytes = join(
      {warc_record("WARC/1.1",
                   {{"WARC-Type", "resource"},
                    {"WARC-Record-ID", "<urn:uuid:cccccccc-2222-4333-8444-555555555555>"},
                    {"WARC-Target-URI", "https://example.org/saved.html"},
                    {"WARC-Date", "2024-03-01T10:00:00.123456Z"},
                    {"Content-Type", "text/html; charset=utf-8"}},
                   kHtml),
       warc_record(
           "WARC/1.1",
           {{"WARC-Type", "revisit"},
            {"WARC-Record-ID", "<urn:uuid:dddddddd-2222-4333-8444-555555555555>"},
            {"WARC-Target-URI", "https://example.org/news/1"},
            {"WARC-Date", "2024-03-02T10:00:00Z"},
            {"WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"},
            {"WARC-Refers-To-Target-URI", "https://example.org/news/1"},
            {"WARC-Payload-Digest", "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"},
            {"Content-Type", "application/http;msgtype=response"}},
           "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")},
      true);
  test::TempDir dir;
  const Outcomes out = read_file(dir.write("rec.warc.gz", bytes));
  ASSERT_EQ(out.sequence, (Sequence{"resource", "revisit"}));
  EXPECT_EQ(out.records[0].block, kHtml);
  Result<HttpResponse> revisit = parse_http_response(out.records[1].block, 1 << 20);
  ASSERT_TRUE(revisit);
  EXPECT_EQ(revisit.value().status, 200);
  EXPECT_EQ(revisit.value().body, "");
}

TEST(WarcReader, ATruncatedGzipTailEndsWithOneClearError) {
  const std::vector<std::string> records = wget_records();
  const std::string whole = join(records, true);
  const std::size_t last_start = whole.size() - test::gzip(records.back()).size();
  test::TempDir dir;
  const std::string path = dir.write("killed.warc.gz.open",
                                     whole.substr(0, last_start + (whole.size() - last_start) / 2));
  const Outcomes out = read_file(path);
  ASSERT_EQ(out.sequence, (Sequence{"warcinfo", "request", "response", "!bad_warc"}));
  EXPECT_EQ(out.errors[0].context, path + "@" + std::to_string(last_start));
  EXPECT_NE(out.errors[0].message.find("truncated"), std::string::npos) << out.errors[0].message;
}

TEST(WarcReader, ATruncatedPlainTailSaysHowMuchIsMissing) {
  const std::vector<std::string> records = wget_records();
  const std::string whole = join(records, false);
  test::TempDir dir;
  const std::string path = dir.write("cut.warc", whole.substr(0, whole.size() - 20));
  const Outcomes out = read_file(path);
  ASSERT_EQ(out.sequence, (Sequence{"warcinfo", "request", "response", "!bad_warc"}));
  EXPECT_EQ(out.errors[0].context, path + "@" + std::to_string(whole.size() - records[3].size()));
  EXPECT_NE(out.errors[0].message.find("truncated record: Content-Length"), std::string::npos)
      << out.errors[0].message;
}

TEST(WarcReader, AnOversizedBlockIsRefusedAndSkipped) {
  const Fields fields = {{"WARC-Type", "resource"}, {"WARC-Target-URI", "https://e.org/"}};
  const std::string bytes = join({warc_record("WARC/1.1", fields, "small"),
                                  warc_record("WARC/1.1", fields, std::string(5000, 'x')),
                                  warc_record("WARC/1.1", fields, "after")},
                                 false);
  test::TempDir dir;
  const Outcomes out = read_file(dir.write("big.warc", bytes), 1000);
  ASSERT_EQ(out.sequence, (Sequence{"resource", "!too_large", "resource"}));
  EXPECT_NE(out.errors[0].message.find("5000 bytes"), std::string::npos) << out.errors[0].message;
  EXPECT_NE(out.errors[0].message.find("limit of 1000"), std::string::npos);
  EXPECT_EQ(out.records[1].block, "after");
}

TEST(WarcReader, AnAbsurdContentLengthIsRefusedWithoutAllocating) {
  test::TempDir dir;
  const std::string path = dir.write(
      "absurd.warc", "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 999999999999\r\n\r\nabc");
  const Outcomes out = read_file(path);
  ASSERT_EQ(out.sequence, (Sequence{"!too_large"}));
  EXPECT_NE(out.errors[0].message.find("999999999999"), std::string::npos);
}

TEST(WarcReader, ABadHeaderIsReportedAndTheNextRecordRead) {
  const std::string good = warc_record("WARC/1.1", {{"WARC-Type", "metadata"}}, "ok");
  test::TempDir dir;
  const std::string cases[] = {
      std::string("WARC/1.1\r\nWARC-Type: response\r\n\r\n") + good,
      std::string("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 12x\r\n\r\n") + good,
      std::string("WARC/1.1\r\nthis line has no colon\r\n\r\nbody\r\n\r\n") + good,
  };
  for (const std::string& bytes : cases) {
    const Outcomes out = read_file(dir.write("bad.warc", bytes));
    ASSERT_EQ(out.sequence, (Sequence{"!bad_warc", "metadata"})) << bytes;
    EXPECT_EQ(out.errors[0].context, dir.file("bad.warc") + "@0");
  }
}

TEST(WarcReader, ADamagedGzipMemberIsSkipped) {
  const std::vector<std::string> records = wget_records();
  std::string bytes = join(records, true);
  const std::size_t second = test::gzip(records[0]).size();
  bytes[second + 10] = '\xFF';  // the first deflate block now has the reserved type
  test::TempDir dir;
  const Outcomes out = read_file(dir.write("damaged.warc.gz", bytes));
  ASSERT_EQ(out.sequence, (Sequence{"warcinfo", "!bad_warc", "response", "metadata"}));
  EXPECT_EQ(out.errors[0].context, dir.file("damaged.warc.gz") + "@" + std::to_string(second));
  EXPECT_NE(out.errors[0].message.find("corrupt gzip data"), std::string::npos)
      << out.errors[0].message;
}

TEST(WarcReader, OtherFilesAreNotRecords) {
  test::TempDir dir;
  Outcomes out = read_file(dir.write("page.warc", "<html>hello</html>\nmore\n"));
  ASSERT_EQ(out.sequence, (Sequence{"!bad_warc"}));
  EXPECT_EQ(out.errors[0].message,
            "not a WARC record: expected 'WARC/1.1' or 'WARC/1.0', found '<html>hello</html>'");
  out = read_file(dir.file("absent.warc"));
  ASSERT_EQ(out.sequence, (Sequence{"!unreadable"}));
  EXPECT_NE(out.errors[0].message.find("No such file"), std::string::npos);
  EXPECT_TRUE(read_file(dir.write("empty.warc.gz.open", "")).sequence.empty());
  // Zero bytes after the last member (some writers pad) end the file cleanly.
  out = read_file(dir.write("padded.warc.gz", join(wget_records(), true) + std::string(512, '\0')));
  EXPECT_EQ(out.sequence, (Sequence{"warcinfo", "request", "response", "metadata"}));
}

}  // namespace
}  // namespace vigil::warc
