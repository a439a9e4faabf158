#include "support/http_server.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/run_process.h"
#include "support/shared_data.h"
#include "support/temp_dir.h"

namespace vigil::test {
namespace {

// The value of "key": "..." in a flat JSON line written by json.dumps (enough for the log).
std::string json_string(const std::string& line, const std::string& key) {
  const std::string quoted = "\"" + key + "\": ";
  std::size_t pos = line.find(quoted);
  if (pos == std::string::npos) return {};
  pos += quoted.size();
  if (pos >= line.size() || line[pos] != '"') return {};
  std::string out;
  for (++pos; pos < line.size() && line[pos] != '"'; ++pos) {
    if (line[pos] == '\\' && pos + 1 < line.size()) ++pos;
    out += line[pos];
  }
  return out;
}

double json_number(const std::string& line, const std::string& key) {
  const std::string quoted = "\"" + key + "\": ";
  const std::size_t pos = line.find(quoted);
  return pos == std::string::npos ? 0 : std::stod(line.substr(pos + quoted.size()));
}

}  // namespace

HttpServer::HttpServer(const std::string& sites_json) : dir_(std::make_unique<TempDir>()) {
  const std::string sites = dir_->write("sites.json", sites_json);
  child_ = std::make_unique<Child>(std::vector<std::string>{
      "/usr/bin/env", "python3", source_path("tests/support/http_server.py"), sites, dir_->path()});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    std::ifstream in(dir_->file("ports"));
    int port = 0;
    while (in >> port) ports_.push_back(port);
    if (!ports_.empty()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("the test HTTP server did not start (is python3 installed?)");
}

HttpServer::~HttpServer() = default;

void HttpServer::replace_sites(const std::string& sites_json) {
  // Renamed over the old file, so that the server never reads half of it.
  const std::string next = dir_->write("sites.json.next", sites_json);
  std::error_code error;
  std::filesystem::rename(next, dir_->file("sites.json"), error);
  if (error) throw std::runtime_error("cannot replace the test server's sites: " + error.message());
}

std::string HttpServer::url(int site, const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port(site)) + path;
}

std::vector<LoggedRequest> HttpServer::requests() const {
  std::vector<LoggedRequest> out;
  std::ifstream in(dir_->file("requests.jsonl"));
  std::string line;
  while (std::getline(in, line)) {
    LoggedRequest request;
    request.site = static_cast<int>(json_number(line, "site"));
    request.path = json_string(line, "path");
    request.time = json_number(line, "time");
    request.status = static_cast<int>(json_number(line, "status"));
    request.user_agent = json_string(line, "user-agent");
    request.if_none_match = json_string(line, "if-none-match");
    request.if_modified_since = json_string(line, "if-modified-since");
    request.line = line;
    out.push_back(std::move(request));
  }
  return out;
}

std::vector<LoggedStream> HttpServer::streams() const {
  std::vector<LoggedStream> out;
  std::ifstream in(dir_->file("streams.jsonl"));
  std::string line;
  while (std::getline(in, line)) {
    LoggedStream stream;
    stream.site = static_cast<int>(json_number(line, "site"));
    stream.path = json_string(line, "path");
    stream.sent = json_number(line, "sent");
    stream.seconds = json_number(line, "seconds");
    stream.ended = json_string(line, "ended");
    out.push_back(std::move(stream));
  }
  return out;
}

}  // namespace vigil::test
