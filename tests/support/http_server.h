#pragma once
// A scripted HTTP server on 127.0.0.1 (tests/support/http_server.py) for crawler tests: one port
// per site, canned responses, a log of every request. Started by the constructor, killed by the
// destructor.

#include <memory>
#include <string>
#include <vector>

namespace vigil::test {

class Child;
class TempDir;

struct LoggedRequest {
  int site = 0;
  std::string path;
  double time = 0;  // monotonic seconds at arrival (comparable between requests of one server)
  int status = 0;   // the status sent: 304 when a conditional request matched
  std::string user_agent;
  std::string if_none_match;
  std::string if_modified_since;
  std::string line;  // the whole log line (JSON), for what the fields above leave out
};

// A generated response (http_server.py: "endless", "drip", "bomb", ...), logged when it ended.
struct LoggedStream {
  int site = 0;
  std::string path;
  double sent = 0;     // bytes written, head included
  double seconds = 0;  // from the first byte written to the end
  std::string ended;   // "complete" or "client closed"
};

class HttpServer {
 public:
  // `sites_json`: the SITES document described in http_server.py. Throws when the server does
  // not start listening within 10 s.
  explicit HttpServer(const std::string& sites_json);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  HttpServer(HttpServer&&) = delete;
  HttpServer& operator=(HttpServer&&) = delete;

  int port(int site) const { return ports_.at(static_cast<std::size_t>(site)); }
  // "http://127.0.0.1:PORT" + path
  std::string url(int site, const std::string& path) const;
  // Every request so far, in arrival order.
  std::vector<LoggedRequest> requests() const;
  // Every generated response that has ended, in the order they ended. The server logs one when
  // it notices that the client hung up, which can be a moment after the client's process ended.
  std::vector<LoggedStream> streams() const;
  // Replaces the SITES document (written beside it, then renamed over it): the server reads the
  // new routes on its next request, on the same ports, and its sequences start again. Sites past
  // the number it started with are ignored. Throws std::runtime_error when the file cannot be
  // written.
  void replace_sites(const std::string& sites_json);

 private:
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<Child> child_;
  std::vector<int> ports_;
};

}  // namespace vigil::test
