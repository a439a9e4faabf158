#pragma once
// HTTP fetching on libcurl's multi interface: one thread, many transfers, connections reused,
// HTTP/2 where the server offers it, gzip/deflate/br/zstd accepted and decoded. Politeness (which
// URL may be fetched when) is the caller's business; the fetcher only bounds each transfer.
//
// Safety: only http and https (no file://, no other schemes, also not through redirects, which
// are not followed unless the request asks); bodies over max_body_bytes (after decoding, so
// compression bombs are cut off; or, when the request asks, kept up to the limit) and transfers
// slower than low_speed_bytes per second over low_speed_seconds, or longer than timeout_seconds,
// fail with a clear reason. A response head over libcurl's limits (100 KiB per header line, 300
// KiB in all in libcurl 7.88) or over 1 MiB fails as kTooLarge.
//
// Not thread-safe: one Fetcher belongs to one thread.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vigil::fetch {

struct FetcherOptions {
  std::string user_agent;                  // required: "VigilBot/0.1 (+https://...)"
  std::size_t max_connections = 16;        // in total
  std::size_t max_idle_connections = 512;  // kept open for reuse (one per host crawled)
  long connect_timeout_seconds = 15;
  long timeout_seconds = 60;    // whole transfer
  long low_speed_bytes = 100;   // slower than this ...
  long low_speed_seconds = 20;  // ... for this long fails the transfer
  std::size_t max_body_bytes = std::size_t{16} * 1024 * 1024;
  // Fill FetchResponse::request_head (for WARC request records). libcurl hands the request head
  // only to a debug callback, which it calls only in verbose mode; that costs a few callback
  // calls per transfer and prints nothing.
  bool keep_request_head = true;
};

struct FetchRequest {
  std::uint64_t id = 0;              // the caller's token, returned in the response
  std::string url;                   // absolute http(s) URL
  std::vector<std::string> headers;  // extra request headers, e.g. "If-None-Match: \"abc\""
  bool follow_redirects = false;     // up to 5, http(s) only (for robots.txt)
  std::size_t max_body_bytes = 0;    // 0: the fetcher's default
  // A longer body is not a failure: its first max_body_bytes are kept, the transfer ends there
  // and FetchResponse::truncated is set (for robots.txt, of which only the start is read).
  bool truncate = false;
};

enum class FetchFailure {
  kNone,      // an HTTP response arrived (any status)
  kNetwork,   // DNS, connection refused or reset, TLS, malformed response
  kTimeout,   // connect or total timeout, or slower than the low-speed limit
  kTooLarge,  // body over the limit (unless the request truncates), or a response head too large
  kBadUrl,    // not an http(s) URL libcurl accepts
};

struct FetchResponse {
  std::uint64_t id = 0;
  std::string url;        // as requested
  std::string final_url;  // after redirects (when followed), else url
  long status = 0;        // HTTP status; 0 when failure != kNone and no response arrived
  FetchFailure failure = FetchFailure::kNone;
  std::string error;  // why it failed, for messages
  // Response headers (of the final response), names lower-cased; empty when absent.
  std::string content_type;
  std::string location;
  std::string retry_after;
  std::string etag;
  std::string last_modified;
  std::string x_robots_tag;
  std::string body;          // decoded (Content-Encoding removed)
  bool truncated = false;    // the body was longer: only its start was read (FetchRequest)
  std::string http_version;  // "1.1", "2"
  // The status line and header lines of the final response exactly as received (after any 1xx
  // or followed redirect), each ending in its CRLF, then the empty line; trailers are not
  // included. Empty when no response arrived. For WARC response records.
  std::string raw_head;
  // The request head of the final request as libcurl sent it ("GET /p HTTP/1.1\r\nHost: ...
  // \r\n\r\n"; HTTP/2 requests are shown in that form too). Empty when
  // FetcherOptions::keep_request_head is off or no request was sent.
  std::string request_head;
  std::string ip_address;  // of the server (CURLINFO_PRIMARY_IP); empty when none was reached
  double seconds = 0;
};

class Fetcher {
 public:
  explicit Fetcher(FetcherOptions options);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;
  Fetcher(Fetcher&&) = delete;
  Fetcher& operator=(Fetcher&&) = delete;

  // Starts a transfer. A URL libcurl refuses completes at the next poll() with kBadUrl.
  void start(FetchRequest request);
  std::size_t in_flight() const;

  // Runs transfers for up to `wait` (less when one completes) and returns those completed.
  std::vector<FetchResponse> poll(std::chrono::milliseconds wait);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "Mon, 05 Jun 2023 10:00:00 GMT"-style Retry-After or a number of seconds, as seconds from
// `now`; -1 when the value is neither.
long retry_after_seconds(const std::string& value, std::chrono::system_clock::time_point now);

}  // namespace vigil::fetch
