// The writer's files checked against ISO 28500 (WARC/1.1) by the strict reader of
// tests/support/warc_strict.h, independent of warc::Reader.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "support/warc_strict.h"
#include "warc/writer.h"

namespace vigil::warc {
namespace {

TEST(WarcStrict, EveryRecordFollowsIso28500) {
  test::TempDir dir;
  {
    Writer writer({dir.path(), "strict", std::uint64_t{32} << 10, "vigil-index 0.1.0"});
    std::string binary;
    std::mt19937 random(7);
    for (int i = 0; i < 40000; ++i) binary += static_cast<char>(random() & 0xFF);
    const std::vector<std::pair<std::string, std::string>> pages = {
        {"https://example.org/a", "<html><p>a</p></html>"},
        {"https://example.org/crlf", "x\r\n\r\nWARC/1.1\r\nContent-Length: 3\r\n\r\n"},
        {"https://example.org/empty", ""},
        {"https://example.org/bin", binary},
        {"https://example.org/q?x=1 2", "space in the URL"},
    };
    for (const auto& [uri, body] : pages) {
      Capture c;
      c.target_uri = uri;
      c.fetched_at = 1795942800;
      c.ip_address = "2001:db8::1";
      c.request_head = "GET / HTTP/1.1\r\nHost: example.org\r\n\r\n";
      c.response_head =
          "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
          "Content-Length: 17\r\n\r\n";
      c.body = body;
      writer.write(c);
    }
  }
  const std::vector<std::string> files = list_files(dir.path());
  ASSERT_GE(files.size(), 2U);  // the binary page forces a new file
  std::set<std::string> ids;
  std::size_t responses = 0;
  for (const std::string& file : files) {
    responses += test::expect_strict_warc_file(file, ids);
  }
  EXPECT_EQ(responses, 5U);
}

}  // namespace
}  // namespace vigil::warc
