#include "fetch/fetcher.h"

#include <curl/curl.h>

#include <cctype>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

namespace vigil::fetch {
namespace {

constexpr long kMaxRedirects = 5;
// A response head kept for WARC records larger than this fails the transfer (libcurl caps each
// header line, not their number).
constexpr std::size_t kMaxRawHead = std::size_t{1} << 20;

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl could not be initialised");
    }
  });
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

struct Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  FetchResponse response;
  std::size_t max_body = 0;
  bool truncate = false;  // keep the start of a longer body (FetchRequest::truncate)
  bool truncated = false;
  bool too_large = false;
  bool head_done = false;  // the empty line ending the current response head was seen
  bool head_too_large = false;
  char error_buffer[CURL_ERROR_SIZE] = {};

  Transfer() = default;
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  Transfer(Transfer&&) = delete;
  Transfer& operator=(Transfer&&) = delete;
  ~Transfer() {
    if (easy != nullptr) curl_easy_cleanup(easy);
    if (headers != nullptr) curl_slist_free_all(headers);
  }
};

extern "C" size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  std::string& body = transfer->response.body;
  if (body.size() + bytes > transfer->max_body) {
    if (transfer->truncate) {
      body.append(data, transfer->max_body - body.size());
      transfer->truncated = true;
    } else {
      transfer->too_large = true;
    }
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  transfer->response.body.append(data, bytes);
  return bytes;
}

extern "C" size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  const std::string_view line(data, bytes);
  FetchResponse& r = transfer->response;
  if (line.starts_with("HTTP/")) {
    // A new response (after a 1xx or a followed redirect): forget the previous headers.
    r.content_type.clear();
    r.location.clear();
    r.retry_after.clear();
    r.etag.clear();
    r.last_modified.clear();
    r.x_robots_tag.clear();
    r.raw_head.assign(line);
    transfer->head_done = false;
    return bytes;
  }
  // After the empty line only trailers of a chunked body arrive: not part of the head.
  if (!transfer->head_done) {
    if (r.raw_head.size() + bytes > kMaxRawHead) {
      transfer->head_too_large = true;
      return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    r.raw_head.append(line);
    transfer->head_done = line == "\r\n" || line == "\n";
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  const std::string name = lower(trim(line.substr(0, colon)));
  const std::string_view value = trim(line.substr(colon + 1));
  std::string* field = nullptr;
  if (name == "content-type") field = &r.content_type;
  if (name == "location") field = &r.location;
  if (name == "retry-after") field = &r.retry_after;
  if (name == "etag") field = &r.etag;
  if (name == "last-modified") field = &r.last_modified;
  if (name == "x-robots-tag") field = &r.x_robots_tag;
  if (field != nullptr) {
    if (!field->empty()) *field += ", ";
    *field += value;
  }
  return bytes;
}

// Called by libcurl in verbose mode; keeps the request head. A followed redirect sends a new
// request: its head replaces the previous one.
extern "C" int on_debug(CURL* /*easy*/, curl_infotype type, char* data, size_t size, void* user) {
  if (type != CURLINFO_HEADER_OUT) return 0;
  std::string& head = static_cast<Transfer*>(user)->response.request_head;
  if (head.ends_with("\r\n\r\n")) head.clear();
  head.append(data, size);
  return 0;
}

template <typename T>
void set(CURL* easy, CURLoption option, T value) {
  const CURLcode code = curl_easy_setopt(easy, option, value);
  if (code != CURLE_OK) {
    throw std::runtime_error(std::string("libcurl option refused: ") + curl_easy_strerror(code));
  }
}

// Whether libcurl refused the response head for its size, which it reports as an error of
// another kind: CURLE_OUT_OF_MEMORY for a header line over 100 KiB (nothing in the error buffer),
// CURLE_RECV_ERROR "Too large response headers: ..." (libcurl 7.88) for their total.
bool head_refused(CURLcode code, bool head_done, const char* error_buffer) {
  if (head_done) return false;
  if (code == CURLE_OUT_OF_MEMORY) return true;
  return code == CURLE_RECV_ERROR &&
         std::string_view(error_buffer).starts_with("Too large response headers");
}

FetchFailure failure_of(CURLcode code, bool too_large) {
  if (too_large || code == CURLE_FILESIZE_EXCEEDED) return FetchFailure::kTooLarge;
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return FetchFailure::kTimeout;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return FetchFailure::kBadUrl;
    default:
      return FetchFailure::kNetwork;
  }
}

std::string version_of(long version) {
  switch (version) {
    case CURL_HTTP_VERSION_1_0:
      return "1.0";
    case CURL_HTTP_VERSION_1_1:
      return "1.1";
    case CURL_HTTP_VERSION_2_0:
      return "2";
    case CURL_HTTP_VERSION_3:
      return "3";
    default:
      return "";
  }
}

}  // namespace

struct Fetcher::Impl {
  FetcherOptions options;
  CURLM* multi = nullptr;
  CURLSH* share = nullptr;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers;
  std::vector<FetchResponse> refused;  // completed without a transfer (bad URL)

  std::unique_ptr<Transfer> make_transfer(FetchRequest& request) const;
  FetchResponse finish(Transfer& transfer, CURLcode code) const;
  // Moves the completed transfers' responses to `done`.
  void collect(std::vector<FetchResponse>& done);
};

std::unique_ptr<Transfer> Fetcher::Impl::make_transfer(FetchRequest& request) const {
  auto transfer = std::make_unique<Transfer>();
  transfer->easy = curl_easy_init();
  if (transfer->easy == nullptr) throw std::runtime_error("libcurl: out of memory");
  transfer->max_body =
      request.max_body_bytes != 0 ? request.max_body_bytes : options.max_body_bytes;
  transfer->truncate = request.truncate;
  transfer->response.id = request.id;
  transfer->response.url = request.url;
  CURL* easy = transfer->easy;
  set(easy, CURLOPT_URL, request.url.c_str());
  set(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  set(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  set(easy, CURLOPT_FOLLOWLOCATION, request.follow_redirects ? 1L : 0L);
  set(easy, CURLOPT_MAXREDIRS, kMaxRedirects);
  set(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
  set(easy, CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl can decode
  set(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  set(easy, CURLOPT_NOSIGNAL, 1L);
  set(easy, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_seconds);
  set(easy, CURLOPT_TIMEOUT, options.timeout_seconds);
  set(easy, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_bytes);
  set(easy, CURLOPT_LOW_SPEED_TIME, options.low_speed_seconds);
  if (!transfer->truncate) {
    // Fails at once on a Content-Length over the limit; a truncated read wants the start.
    set(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(transfer->max_body));
  }
  set(easy, CURLOPT_WRITEFUNCTION, on_body);
  set(easy, CURLOPT_WRITEDATA, transfer.get());
  set(easy, CURLOPT_HEADERFUNCTION, on_header);
  set(easy, CURLOPT_HEADERDATA, transfer.get());
  set(easy, CURLOPT_ERRORBUFFER, transfer->error_buffer);
  if (options.keep_request_head) {
    set(easy, CURLOPT_DEBUGFUNCTION, on_debug);
    set(easy, CURLOPT_DEBUGDATA, transfer.get());
    set(easy, CURLOPT_VERBOSE, 1L);
  }
  set(easy, CURLOPT_SHARE, share);
  set(easy, CURLOPT_PRIVATE, transfer.get());
  for (const std::string& header : request.headers) {
    curl_slist* extended = curl_slist_append(transfer->headers, header.c_str());
    if (extended == nullptr) throw std::runtime_error("libcurl: out of memory");
    transfer->headers = extended;
  }
  if (transfer->headers != nullptr) set(easy, CURLOPT_HTTPHEADER, transfer->headers);
  return transfer;
}

FetchResponse Fetcher::Impl::finish(Transfer& transfer, CURLcode code) const {
  FetchResponse response = std::move(transfer.response);
  long status = 0;
  curl_easy_getinfo(transfer.easy, CURLINFO_RESPONSE_CODE, &status);
  long version = 0;
  curl_easy_getinfo(transfer.easy, CURLINFO_HTTP_VERSION, &version);
  double seconds = 0;
  curl_easy_getinfo(transfer.easy, CURLINFO_TOTAL_TIME, &seconds);
  char* effective = nullptr;
  curl_easy_getinfo(transfer.easy, CURLINFO_EFFECTIVE_URL, &effective);
  response.final_url = effective != nullptr ? effective : response.url;
  char* ip = nullptr;
  curl_easy_getinfo(transfer.easy, CURLINFO_PRIMARY_IP, &ip);
  if (ip != nullptr) response.ip_address = ip;
  response.http_version = version_of(version);
  response.seconds = seconds;
  if (code == CURLE_OK || (code == CURLE_WRITE_ERROR && transfer.truncated)) {
    response.status = status;
    response.truncated = transfer.truncated;
    return response;
  }
  const bool head_too_large =
      transfer.head_too_large || head_refused(code, transfer.head_done, transfer.error_buffer);
  response.failure = failure_of(code, transfer.too_large || head_too_large);
  response.status = 0;
  response.body.clear();
  response.raw_head.clear();
  if (transfer.head_too_large) {
    response.error = "response head larger than " + std::to_string(kMaxRawHead) + " bytes";
  } else if (head_too_large) {
    response.error =
        std::string("response head too large for libcurl (") +
        (transfer.error_buffer[0] != '\0' ? transfer.error_buffer : "a header line over 100 KiB") +
        ")";
  } else if (response.failure == FetchFailure::kTooLarge) {
    response.error = "body larger than " + std::to_string(transfer.max_body) + " bytes";
  } else {
    response.error =
        transfer.error_buffer[0] != '\0' ? transfer.error_buffer : curl_easy_strerror(code);
  }
  return response;
}

Fetcher::Fetcher(FetcherOptions options) : impl_(std::make_unique<Impl>()) {
  init_curl_once();
  impl_->options = std::move(options);
  impl_->multi = curl_multi_init();
  impl_->share = curl_share_init();
  if (impl_->multi == nullptr || impl_->share == nullptr) {
    throw std::runtime_error("libcurl: out of memory");
  }
  // One thread: the share needs no locks. DNS answers are shared by all transfers.
  curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_multi_setopt(impl_->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                    static_cast<long>(impl_->options.max_connections));
  curl_multi_setopt(impl_->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  // libcurl keeps 4 idle connections per transfer in flight by default; a polite crawl has about
  // one in flight per host, so each host's connection would be dropped between its requests.
  curl_multi_setopt(impl_->multi, CURLMOPT_MAXCONNECTS,
                    static_cast<long>(impl_->options.max_idle_connections));
}

Fetcher::~Fetcher() {
  for (auto& [easy, transfer] : impl_->transfers) curl_multi_remove_handle(impl_->multi, easy);
  impl_->transfers.clear();
  curl_multi_cleanup(impl_->multi);
  curl_share_cleanup(impl_->share);
}

void Fetcher::start(FetchRequest request) {
  std::unique_ptr<Transfer> transfer;
  try {
    transfer = impl_->make_transfer(request);
  } catch (const std::runtime_error& e) {
    FetchResponse refused;
    refused.id = request.id;
    refused.url = request.url;
    refused.final_url = request.url;
    refused.failure = FetchFailure::kBadUrl;
    refused.error = e.what();
    impl_->refused.push_back(std::move(refused));
    return;
  }
  CURL* easy = transfer->easy;
  if (curl_multi_add_handle(impl_->multi, easy) != CURLM_OK) {
    throw std::runtime_error("libcurl refused a transfer");
  }
  impl_->transfers.emplace(easy, std::move(transfer));
}

std::size_t Fetcher::in_flight() const { return impl_->transfers.size() + impl_->refused.size(); }

std::vector<FetchResponse> Fetcher::poll(std::chrono::milliseconds wait) {
  std::vector<FetchResponse> done = std::move(impl_->refused);
  impl_->refused.clear();
  if (impl_->transfers.empty()) return done;
  int running = 0;
  curl_multi_perform(impl_->multi, &running);
  impl_->collect(done);
  if (done.empty()) {
    int ready = 0;
    curl_multi_poll(impl_->multi, nullptr, 0, static_cast<int>(wait.count()), &ready);
    curl_multi_perform(impl_->multi, &running);
    impl_->collect(done);
  }
  return done;
}

void Fetcher::Impl::collect(std::vector<FetchResponse>& done) {
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    CURL* easy = message->easy_handle;
    const CURLcode code = message->data.result;
    curl_multi_remove_handle(multi, easy);
    const auto it = transfers.find(easy);
    if (it == transfers.end()) continue;
    done.push_back(finish(*it->second, code));
    transfers.erase(it);
  }
}

long retry_after_seconds(const std::string& value, std::chrono::system_clock::time_point now) {
  const std::string_view text = trim(value);
  if (text.empty()) return -1;
  bool digits = true;
  for (const char c : text) digits = digits && std::isdigit(static_cast<unsigned char>(c)) != 0;
  if (digits) {
    if (text.size() > 9) return 1000000000L;  // absurd, but a number: the caller caps it
    return std::stol(std::string(text));
  }
  const time_t when = curl_getdate(std::string(text).c_str(), nullptr);
  if (when < 0) return -1;
  const long seconds = static_cast<long>(when - std::chrono::system_clock::to_time_t(now));
  return seconds < 0 ? 0 : seconds;
}

}  // namespace vigil::fetch
