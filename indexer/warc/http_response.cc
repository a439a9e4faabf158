#include "warc/http_response.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "vigil/text.h"
#include "warc/content_coding.h"

namespace vigil::warc {
namespace {

// The next line of `text` without its line end; `text` moves past it. `ended` is false when the
// text ran out without a line end.
std::string_view next_line(std::string_view& text, bool& ended) {
  const std::size_t end = text.find('\n');
  ended = end != std::string_view::npos;
  std::string_view line = text.substr(0, end);
  text.remove_prefix(ended ? end + 1 : text.size());
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

// "HTTP/1.1 200 OK" -> 200; 0 when the line is not a status line.
long status_of(std::string_view line) {
  if (!line.starts_with("HTTP/")) return 0;
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos) return 0;
  const std::string_view code = trim_blanks(line.substr(space + 1)).substr(0, 3);
  long status = 0;
  const auto [end, ec] = std::from_chars(code.data(), code.data() + code.size(), status);
  if (ec != std::errc() || end != code.data() + code.size() || code.size() != 3) return 0;
  return status;
}

// The codings of every Content-Encoding field, in the order applied.
std::vector<std::string> content_codings(const HttpResponse& response) {
  std::vector<std::string> codings;
  for (const auto& [name, value] : response.headers) {
    if (!ascii_iequals(name, "content-encoding")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      const std::string_view coding = trim_blanks(rest.substr(0, comma));
      rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
      if (!coding.empty()) codings.emplace_back(coding);
    }
  }
  return codings;
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (ascii_iequals(field, name)) return value;
  }
  return {};
}

namespace {

// The status line and headers; `block` is left holding the payload as stored.
Result<HttpResponse> parse_head(std::string_view& block) {
  HttpResponse response;
  bool ended = false;
  const std::string_view status_line = next_line(block, ended);
  response.status = status_of(status_line);
  if (response.status == 0) {
    return Error{
        "bad_http",
        "not an HTTP response: the status line is '" + std::string(status_line.substr(0, 60)) + "'",
        ""};
  }
  while (ended) {
    const std::string_view line = next_line(block, ended);
    if (line.empty()) break;
    if ((line.front() == ' ' || line.front() == '\t') && !response.headers.empty()) {
      response.headers.back().second += ' ';
      response.headers.back().second += trim_blanks(line);
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return Error{"bad_http",
                   "HTTP header line without ':': '" + std::string(line.substr(0, 60)) + "'", ""};
    }
    response.headers.emplace_back(trim_blanks(line.substr(0, colon)),
                                  trim_blanks(line.substr(colon + 1)));
  }
  if (!ended) block = {};  // the block ended inside the head: no payload
  return response;
}

}  // namespace

Result<HttpResponse> parse_http_head(std::string_view block) { return parse_head(block); }

Result<HttpResponse> parse_http_response(std::string_view block, std::size_t max_body_bytes) {
  Result<HttpResponse> head = parse_head(block);
  if (!head) return head;
  HttpResponse& response = head.value();
  std::string payload;
  std::string transfer = response.header("transfer-encoding");
  for (char& c : transfer) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (transfer.find("chunked") != std::string::npos && looks_chunked(block)) {
    Result<std::string> dechunked = dechunk(block, max_body_bytes);
    if (!dechunked) return dechunked.error();
    payload = std::move(dechunked).value();
  } else {
    if (block.size() > max_body_bytes) {
      return Error{"too_large",
                   "payload of " + std::to_string(block.size()) + " bytes is over the limit of " +
                       std::to_string(max_body_bytes),
                   ""};
    }
    payload = block;
  }
  const std::vector<std::string> codings = content_codings(response);
  for (auto coding = codings.rbegin(); coding != codings.rend(); ++coding) {
    Result<std::string> decoded = decode_content(*coding, payload, max_body_bytes);
    if (!decoded) return decoded.error();
    payload = std::move(decoded).value();
  }
  response.body = std::move(payload);
  return head;
}

}  // namespace vigil::warc
