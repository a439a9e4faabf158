#include "warc/writer.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "support/run_process.h"
#include "support/temp_dir.h"
#include "vigil/errors.h"
#include "warc/http_response.h"
#include "warc/reader.h"

namespace vigil::warc {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kFetchedAt = 1795942800;  // 2026-11-29T09:00:00Z
constexpr const char* kHtmlHead = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";

std::string incompressible(std::size_t size, unsigned seed) {
  std::mt19937 random(seed);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(random() & 0xFF);
  return out;
}

Capture capture(std::string uri, std::string body, std::string head = kHtmlHead) {
  Capture c;
  c.target_uri = std::move(uri);
  c.fetched_at = kFetchedAt;
  c.ip_address = "192.0.2.7";
  c.response_head = std::move(head);
  c.body = std::move(body);
  return c;
}

// The captures of the round trip: binary, CRLF-laden, empty, decoded and plain bodies, with and
// without a request record.
std::vector<Capture> mixed_captures() {
  std::string binary;
  for (int i = 0; i < 1024; ++i) binary += static_cast<char>(i & 0xFF);
  std::vector<Capture> out;
  out.push_back(capture("https://example.org/news/1", "<html><title>One</title><p>Text</p>"));
  out.back().request_head = "GET /news/1 HTTP/1.1\r\nHost: example.org\r\n\r\n";
  out.push_back(
      capture("https://example.org/logo.png", binary,
              "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 1024\r\n\r\n"));
  out.push_back(capture("https://example.org/crlf", "line 1\r\n\r\nWARC/1.1\r\nline 3\r\n\r\n"));
  out.push_back(capture("https://example.org/empty", "",
                        "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"));
  out.push_back(capture("https://example.org/gz", "decoded text",
                        "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: "
                        "chunked\r\nContent-Type: text/plain\r\n\r\n"));
  out.back().request_head = "GET /gz HTTP/1.1\r\nAccept-Encoding: gzip\r\n\r\n";
  return out;
}

struct FileContents {
  std::vector<Record> records;
  std::vector<Error> errors;
};

FileContents read_all(const std::string& path) {
  FileContents out;
  Reader reader(path);
  for (;;) {
    Result<std::optional<Record>> next = reader.next();
    if (!next) {
      out.errors.push_back(next.error());
      continue;
    }
    if (!next.value()) break;
    out.records.push_back(std::move(*next.value()));
  }
  return out;
}

void expect_gzip_t_passes(const std::string& path) {
  const test::ProcessResult run = test::run_process({"/bin/gzip", "-t", path});
  EXPECT_EQ(run.exit_code, 0) << path << ": " << run.err;
}

TEST(WarcWriter, RoundTripsEveryKindOfBody) {
  test::TempDir dir;
  const std::vector<Capture> captures = mixed_captures();
  std::uint64_t written = 0;
  {
    Writer writer({dir.file("warcs"), "test"});
    for (const Capture& c : captures) writer.write(c);
    written = writer.bytes_written();
  }
  const std::vector<std::string> files = list_files(dir.file("warcs"));
  ASSERT_EQ(files.size(), 1U);
  EXPECT_TRUE(std::regex_match(fs::path(files[0]).filename().string(),
                               std::regex(R"(test-\d{14}-00000\.warc\.gz)")))
      << files[0];
  EXPECT_EQ(fs::file_size(files[0]), written);
  expect_gzip_t_passes(files[0]);

  const FileContents contents = read_all(files[0]);
  EXPECT_TRUE(contents.errors.empty()) << contents.errors.front().describe();
  ASSERT_EQ(contents.records.size(), 1 + captures.size() + 2);  // warcinfo, 5 responses, 2 requests
  EXPECT_EQ(contents.records[0].header("WARC-Type"), "warcinfo");
  EXPECT_EQ(contents.records[0].offset, 0U);
  std::size_t at = 1;
  for (const Capture& c : captures) {
    SCOPED_TRACE(c.target_uri);
    const Record& response = contents.records[at++];
    EXPECT_EQ(response.version, "WARC/1.1");
    EXPECT_EQ(response.header("WARC-Type"), "response");
    EXPECT_EQ(response.header("WARC-Target-URI"), c.target_uri);
    EXPECT_EQ(response.header("WARC-Date"), "2026-11-29T09:00:00Z");
    EXPECT_EQ(response.header("WARC-IP-Address"), "192.0.2.7");
    EXPECT_EQ(response.header("WARC-Warcinfo-ID"), contents.records[0].header("WARC-Record-ID"));
    EXPECT_GT(response.offset, contents.records[at - 2].offset);
    Result<HttpResponse> http = parse_http_response(response.block, 1 << 20);
    ASSERT_TRUE(http) << http.error().describe();
    EXPECT_EQ(http.value().body, c.body);
    if (c.request_head.empty()) continue;
    const Record& request = contents.records[at++];
    EXPECT_EQ(request.header("WARC-Type"), "request");
    EXPECT_EQ(request.header("WARC-Concurrent-To"), response.header("WARC-Record-ID"));
    EXPECT_EQ(request.block, c.request_head);
  }
  // The decoded body's head says so; the original framing is kept under other names.
  const std::string& gz = contents.records[at - 2].block;
  EXPECT_NE(gz.find("\r\nX-Archive-Orig-Content-Encoding: gzip\r\n"), std::string::npos) << gz;
  EXPECT_NE(gz.find("\r\nX-Archive-Orig-Transfer-Encoding: chunked\r\n"), std::string::npos);
  EXPECT_NE(gz.find("\r\nContent-Length: 12\r\n\r\ndecoded text"), std::string::npos) << gz;
}

TEST(WarcWriter, RotatesFilesEachStartingWithWarcinfo) {
  test::TempDir dir;
  std::vector<Capture> captures;
  for (unsigned i = 0; i < 5; ++i) {
    captures.push_back(capture("https://example.org/big/" + std::to_string(i),
                               incompressible(40000, i), "HTTP/1.1 200 OK\r\n\r\n"));
    captures.push_back(capture("https://example.org/small/" + std::to_string(i), "small"));
  }
  captures.push_back(capture("https://example.org/huge", incompressible(200000, 99)));
  {
    Writer writer({dir.path(), "rot", std::uint64_t{64} << 10});
    for (const Capture& c : captures) writer.write(c);
  }
  const std::vector<std::string> files = list_files(dir.path());
  ASSERT_GE(files.size(), 5U);
  std::vector<std::string> uris;
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    expect_gzip_t_passes(file);
    EXPECT_FALSE(file.ends_with(".open"));
    const FileContents contents = read_all(file);
    EXPECT_TRUE(contents.errors.empty());
    ASSERT_GE(contents.records.size(), 2U);
    EXPECT_EQ(contents.records[0].header("WARC-Type"), "warcinfo");
    EXPECT_EQ(contents.records[0].header("WARC-Filename"), fs::path(file).filename().string());
    // Over the limit only when one exchange alone is larger.
    if (contents.records.size() > 2) {
      EXPECT_LE(fs::file_size(file), 64U * 1024);
    }
    for (std::size_t i = 1; i < contents.records.size(); ++i) {
      uris.push_back(contents.records[i].header("WARC-Target-URI"));
    }
  }
  ASSERT_EQ(uris.size(), captures.size());
  for (std::size_t i = 0; i < captures.size(); ++i) EXPECT_EQ(uris[i], captures[i].target_uri);
}

// Runs `body` in a child process and returns its exit code (-1 when it died of a signal).
template <typename Body>
int in_child(Body body) {
  const pid_t pid = fork();
  if (pid == 0) _exit(body());
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(WarcWriter, AKilledRunLeavesAReadableOpenFile) {
  test::TempDir dir;
  const int code = in_child([&] {
    Writer writer({dir.path(), "killed"});
    writer.write(capture("https://example.org/a", "<p>a</p>"));
    writer.write(capture("https://example.org/b", "<p>b</p>"));
    writer.sync();
    std::raise(SIGKILL);  // no destructor runs: the file keeps its .open name
    return 0;
  });
  EXPECT_EQ(code, -1);
  const std::vector<std::string> files = list_files(dir.path());
  ASSERT_EQ(files.size(), 1U);
  EXPECT_TRUE(files[0].ends_with(".warc.gz.open")) << files[0];
  expect_gzip_t_passes(files[0]);
  const FileContents contents = read_all(files[0]);
  EXPECT_TRUE(contents.errors.empty());
  ASSERT_EQ(contents.records.size(), 3U);
  EXPECT_EQ(contents.records[2].header("WARC-Target-URI"), "https://example.org/b");
}

TEST(WarcWriter, AWriteFailureThrowsAndLeavesTheFileWhole) {
  test::TempDir dir;
  // A file size limit stands in for a full disk: write() fails with EFBIG.
  const int code = in_child([&] {
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{100000, 100000};
    setrlimit(RLIMIT_FSIZE, &limit);
    Writer writer({dir.path(), "full"});
    writer.write(capture("https://example.org/fits", "<p>fits</p>"));
    try {
      writer.write(capture("https://example.org/too-big", incompressible(300000, 1)));
    } catch (const RuntimeError& e) {
      const std::string what = e.what();
      return what.starts_with("cannot write WARC file") && !e.hint().empty() ? 0 : 2;
    }
    return 1;
  });
  EXPECT_EQ(code, 0);
  const std::vector<std::string> files = list_files(dir.path());
  ASSERT_EQ(files.size(), 1U);
  expect_gzip_t_passes(files[0]);
  const FileContents contents = read_all(files[0]);
  EXPECT_TRUE(contents.errors.empty());
  ASSERT_EQ(contents.records.size(), 2U);
  EXPECT_EQ(contents.records[1].header("WARC-Target-URI"), "https://example.org/fits");
}

TEST(WarcWriter, AnUnusableDirectoryIsARunTimeErrorWithAHint) {
  test::TempDir dir;
  const std::string file = dir.write("plain", "not a directory");
  try {
    Writer writer({file + "/warcs"});
    FAIL() << "no exception";
  } catch (const RuntimeError& e) {
    EXPECT_NE(std::string(e.what()).find(file + "/warcs"), std::string::npos) << e.what();
    EXPECT_FALSE(e.hint().empty());
  }
}

TEST(WarcWriter, NothingIsCreatedBeforeTheFirstWrite) {
  test::TempDir dir;
  { Writer writer({dir.path()}); }
  EXPECT_TRUE(list_files(dir.path()).empty());
}

TEST(WarcWriter, CloseFinishesAndTheNextWriteStartsAnotherFile) {
  test::TempDir dir;
  Writer writer({dir.path(), "two"});
  writer.write(capture("https://example.org/1", "1"));
  EXPECT_TRUE(fs::exists(writer.current_file() + ".open"));
  writer.close();
  EXPECT_EQ(writer.current_file(), "");
  writer.write(capture("https://example.org/2", "2"));
  writer.close();
  const std::vector<std::string> files = list_files(dir.path());
  ASSERT_EQ(files.size(), 2U);
  EXPECT_TRUE(files[0].ends_with("-00000.warc.gz")) << files[0];
  EXPECT_TRUE(files[1].ends_with("-00001.warc.gz")) << files[1];
}

TEST(WarcWriter, ListsWarcFilesInNameOrder) {
  test::TempDir dir;
  for (const char* name :
       {"c.warc.gz.open", "a.warc", "b.warc.gz", "d.txt", "e.warc.gz.tmp", "sub/f.warc.gz"}) {
    dir.write(name, "");
  }
  EXPECT_EQ(list_files(dir.path()),
            (std::vector<std::string>{dir.file("a.warc"), dir.file("b.warc.gz"),
                                      dir.file("c.warc.gz.open")}));
  EXPECT_TRUE(list_files(dir.file("absent")).empty());
}

}  // namespace
}  // namespace vigil::warc
