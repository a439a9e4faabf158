#include "warc/http_response.h"

#include <brotli/encode.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "unit/crawl/gzip_for_test.h"

namespace vigil::warc {
namespace {

const std::string kText = "Detainees were moved at night, witnesses said. Detainees were moved.";

std::string brotli(const std::string& data) {
  std::string out(BrotliEncoderMaxCompressedSize(data.size()), '\0');
  std::size_t size = out.size();
  EXPECT_TRUE(BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                                    data.size(), reinterpret_cast<const std::uint8_t*>(data.data()),
                                    &size, reinterpret_cast<std::uint8_t*>(out.data())));
  out.resize(size);
  return out;
}

// zlib-wrapped (window_bits 15) or raw (-15) deflate.
std::string deflate_with(const std::string& data, int window_bits) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

std::string head(const std::string& fields) {
  std::string out = "HTTP/1.1 200 OK\r\n";
  out += fields;
  out += "\r\n";
  return out;
}

struct Case {
  std::string name;
  std::string block;
  std::size_t max;
  std::string error;  // the expected code, or "" for success
  long status;
  std::string body;
  std::string content_type;
  // Appended to `block` by the test itself: the bombs take a while to build, and every test of
  // this executable is a process of its own that would otherwise build them all at start-up.
  std::string (*tail)() = nullptr;
};

Case decodes(std::string name, std::string block, std::string body, long status = 200,
             std::string content_type = "") {
  return {std::move(name), std::move(block),       1 << 20, "", status,
          std::move(body), std::move(content_type)};
}

Case fails(std::string name, std::string block, std::string code, std::size_t max = 1 << 20,
           std::string (*tail)() = nullptr) {
  return {std::move(name), std::move(block), max, std::move(code), 0, "", "", tail};
}

std::string gzip_bomb() { return test::gzip_zeros(std::size_t{50} << 20); }
std::string brotli_bomb() { return brotli(std::string(std::size_t{8} << 20, 'a')); }

// A chunked body of `data` in two chunks, the first of `first` bytes.
std::string two_chunks(const std::string& data, std::size_t first) {
  std::string out;
  for (const std::string& piece : {data.substr(0, first), data.substr(first)}) {
    char size[16];
    std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
    out += size;
    out += piece;
    out += "\r\n";
  }
  out += "0\r\n\r\n";
  return out;
}

std::vector<Case> cases() {
  const std::string gz = test::gzip(kText);
  const std::string chunked = "Transfer-Encoding: chunked\r\n";
  return {
      decodes("Plain", head("Content-Type: text/html\r\nContent-Length: 4\r\n") + "<p/>", "<p/>",
              200, "text/html"),
      decodes("NoReasonPhrase", "HTTP/1.0 404\r\n\r\nmissing", "missing", 404),
      decodes("Http2LowerCaseNames",
              "HTTP/2 301\r\ncontent-type: text/plain\r\nlocation: /x\r\n\r\n", "", 301,
              "text/plain"),
      decodes("BareLineFeeds", "HTTP/1.1 200 OK\nContent-Type: text/html\n\nbody\n", "body\n", 200,
              "text/html"),
      decodes("FoldedHeader", head("Content-Type: text/html;\r\n charset=utf-8\r\n") + "x", "x",
              200, "text/html; charset=utf-8"),
      decodes("HeadWithoutItsEmptyLine", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", "", 200,
              "text/html"),
      decodes("Chunked", head(chunked) + "5;x=y\r\nhello\r\n7\r\n, world\r\n0\r\nT: 1\r\n\r\n",
              "hello, world"),
      decodes("ChunkedCutShortKeepsWhatArrived",
              head("Transfer-Encoding: Chunked\r\n") + "5\r\nhello\r\n9\r\n, wo", "hello, wo"),
      decodes("ChunkedHeaderOverAStoredDechunkedBody", head(chunked) + "<html>", "<html>"),
      fails("BadChunkSize", head(chunked) + "5\r\nhello\r\nzz\r\nmore", "bad_chunked"),
      decodes("Gzip", head("Content-Encoding: gzip\r\n") + gz, kText),
      decodes("XGzip", head("Content-Encoding: x-gzip\r\n") + gz, kText),
      decodes("GzipCutShortKeepsWhatDecodes",
              head("Content-Encoding: gzip\r\n") + gz.substr(0, gz.size() - 8), kText),
      decodes("GzipHeaderOverADecodedBody", head("Content-Encoding: gzip\r\n") + kText, kText),
      decodes("ChunkedGzipAsWgetStoresIt",
              head("Content-Encoding: gzip\r\n" + chunked) + two_chunks(gz, 10), kText),
      decodes("DeflateZlib", head("Content-Encoding: deflate\r\n") + deflate_with(kText, 15),
              kText),
      decodes("DeflateRaw", head("Content-Encoding: deflate\r\n") + deflate_with(kText, -15),
              kText),
      decodes("Brotli", head("Content-Encoding: br\r\n") + brotli(kText), kText),
      decodes("TwoCodingsUndoneInReverse",
              head("Content-Encoding: br, gzip\r\n") + test::gzip(brotli(kText)), kText),
      decodes("Identity", head("Content-Encoding: identity\r\n") + kText, kText),
      fails("Unsupported", head("Content-Encoding: compress\r\n") + kText, "unsupported_encoding"),
      fails("CorruptBrotli", head("Content-Encoding: br\r\n") + "\xFF\xFF\xFF\xFF garbage",
            "bad_encoding"),
      fails("CorruptDeflate", head("Content-Encoding: deflate\r\n") + "\xFF\xFF\xFF\xFF garbage",
            "bad_encoding"),
      fails("NotHttp", "<html>not a response</html>", "bad_http"),
      fails("BadStatus", "HTTP/1.1 OK\r\n\r\n", "bad_http"),
      fails("HeaderWithoutColon", "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "bad_http"),
      fails("TooLargePlain", head("") + std::string(2000, 'x'), "too_large", 1000),
      fails("TooLargeChunked", head(chunked) + "7d0\r\n" + std::string(2000, 'x'), "too_large",
            1000),
      fails("GzipBombStopsAtTheLimit", head("Content-Encoding: gzip\r\n"), "too_large", 1 << 20,
            gzip_bomb),
      fails("BrotliBombStopsAtTheLimit", head("Content-Encoding: br\r\n"), "too_large", 1 << 20,
            brotli_bomb),
  };
}

class ParseHttpResponse : public testing::TestWithParam<Case> {};

TEST_P(ParseHttpResponse, StatusHeadersAndDecodedBody) {
  const Case& c = GetParam();
  const std::string block = c.tail == nullptr ? c.block : c.block + c.tail();
  const Result<HttpResponse> response = parse_http_response(block, c.max);
  if (!c.error.empty()) {
    ASSERT_FALSE(response) << "parsed, body '" << response.value().body << "'";
    EXPECT_EQ(response.error().code, c.error) << response.error().message;
    return;
  }
  ASSERT_TRUE(response) << response.error().code << ": " << response.error().message;
  EXPECT_EQ(response.value().status, c.status);
  EXPECT_EQ(response.value().body, c.body);
  EXPECT_EQ(response.value().header("CONTENT-TYPE"), c.content_type);
}

INSTANTIATE_TEST_SUITE_P(Table, ParseHttpResponse, testing::ValuesIn(cases()),
                         [](const testing::TestParamInfo<Case>& p) { return p.param.name; });

}  // namespace
}  // namespace vigil::warc
