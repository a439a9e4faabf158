#include "warc/record_format.h"

#include <gtest/gtest.h>

#include <string>

#include "warc/digest.h"

namespace vigil::warc {
namespace {

TEST(WarcDigest, Base32OfRfc4648TestVectors) {
  const std::pair<const char*, const char*> cases[] = {
      {"", ""},
      {"f", "MY======"},
      {"fo", "MZXQ===="},
      {"foo", "MZXW6==="},
      {"foob", "MZXW6YQ="},
      {"fooba", "MZXW6YTB"},
      {"foobar", "MZXW6YTBOI======"},
  };
  for (const auto& [input, expected] : cases) EXPECT_EQ(base32(input), expected) << input;
}

TEST(WarcDigest, Sha1LabelsAsHeritrixWritesThem) {
  // The digest of an empty payload, as found in Heritrix and wget WARCs.
  EXPECT_EQ(sha1_label(""), "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  // SHA-1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d (FIPS 180 example).
  EXPECT_EQ(sha1_label("abc"), "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
  Sha1 incremental;
  incremental.update("a");
  incremental.update("bc");
  EXPECT_EQ(incremental.finish_labelled(), sha1_label("abc"));
}

struct HeadCase {
  const char* name;
  std::string head;
  std::size_t body_size;
  bool decoded;
  std::string expected;
};

class StoredHead : public testing::TestWithParam<HeadCase> {};

TEST_P(StoredHead, IsHonestAboutTheStoredBody) {
  EXPECT_EQ(stored_response_head(GetParam().head, GetParam().body_size, GetParam().decoded),
            GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Table, StoredHead,
    testing::Values(
        HeadCase{"PlainKeptByteForByte",
                 "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\n", 5, true,
                 "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\n"},
        HeadCase{"GzipDecoded",
                 "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 30\r\nVary: "
                 "Accept-Encoding\r\n\r\n",
                 120, true,
                 "HTTP/1.1 200 OK\r\nX-Archive-Orig-Content-Encoding: gzip\r\n"
                 "X-Archive-Orig-Content-Length: 30\r\nVary: Accept-Encoding\r\n"
                 "Content-Length: 120\r\n\r\n"},
        HeadCase{"ChunkedDechunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", 9,
                 true,
                 "HTTP/1.1 200 OK\r\nX-Archive-Orig-Transfer-Encoding: chunked\r\n"
                 "Content-Length: 9\r\n\r\n"},
        HeadCase{"StillEncodedBodyKeepsItsEncoding",
                 "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nTransfer-Encoding: chunked\r\n\r\n", 4,
                 false,
                 "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n"
                 "X-Archive-Orig-Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"},
        HeadCase{"StillEncodedWithLengthKept",
                 "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n", 4, false,
                 "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\n"},
        HeadCase{"IdentityIsNoEncoding", "HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\n\r\n", 3,
                 true, "HTTP/1.1 200 OK\r\nContent-Encoding: identity\r\n\r\n"},
        HeadCase{"Http2LowerCaseNames", "HTTP/2 200 \r\ncontent-encoding: br\r\nserver: x\r\n\r\n",
                 7, true,
                 "HTTP/2 200 \r\nX-Archive-Orig-content-encoding: br\r\nserver: x\r\n"
                 "Content-Length: 7\r\n\r\n"},
        HeadCase{"MissingBlankLineAdded", "HTTP/1.1 200 OK\r\nA: b\r\n", 0, true,
                 "HTTP/1.1 200 OK\r\nA: b\r\n\r\n"},
        HeadCase{"MissingLineEndsAdded", "HTTP/1.1 204 No Content", 0, true,
                 "HTTP/1.1 204 No Content\r\n\r\n"},
        HeadCase{"BareLineFeedsBecomeCrlfWhenRewritten",
                 "HTTP/1.0 200 OK\nContent-Encoding: gzip\nX-A: 1\n\n", 2, true,
                 "HTTP/1.0 200 OK\r\nX-Archive-Orig-Content-Encoding: gzip\r\nX-A: 1\r\n"
                 "Content-Length: 2\r\n\r\n"},
        HeadCase{"FoldedLineFollowsItsField",
                 "HTTP/1.1 200 OK\r\nContent-Encoding: gzip,\r\n deflate\r\nX-B: 2\r\n\r\n", 1,
                 true,
                 "HTTP/1.1 200 OK\r\nX-Archive-Orig-Content-Encoding: gzip,\r\n deflate\r\n"
                 "X-B: 2\r\nContent-Length: 1\r\n\r\n"}),
    [](const testing::TestParamInfo<HeadCase>& param) { return param.param.name; });

TEST(WarcRecordFormat, FieldValuesCannotBreakTheHeader) {
  EXPECT_EQ(uri_value("http://e.org/a b\r\nWARC-Type: x"),
            "http://e.org/a%20b%0D%0AWARC-Type:%20x");
  EXPECT_EQ(uri_value("https://e.org/caf\xC3\xA9?q=1#f"), "https://e.org/caf\xC3\xA9?q=1#f");
  EXPECT_EQ(field_value("vigil\r\nWARC-Type: x\t1"), "vigil  WARC-Type: x 1");
}

TEST(WarcRecordFormat, LaysOutARecord) {
  RecordHeader header;
  header.type = "resource";
  header.id = "<urn:uuid:00000000-0000-4000-8000-000000000000>";
  header.date = "2026-11-29T09:00:00Z";
  header.target_uri = "https://example.org/";
  header.content_type = "text/plain";
  EXPECT_EQ(format_record(header, "ab", "c"),
            "WARC/1.1\r\nWARC-Type: resource\r\n"
            "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000000>\r\n"
            "WARC-Date: 2026-11-29T09:00:00Z\r\nWARC-Target-URI: https://example.org/\r\n"
            "Content-Type: text/plain\r\nWARC-Block-Digest: " +
                sha1_label("abc") + "\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n");
}

}  // namespace
}  // namespace vigil::warc
