#include "warc/warc_article.h"

#include <algorithm>
#include <cctype>

#include "extract/html_reader.h"
#include "warc/http_response.h"

namespace vigil::warc {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The media type of a Content-Type value, lower-cased and without parameters.
std::string media_type(std::string_view content_type) {
  std::string type = lower(content_type.substr(0, content_type.find(';')));
  const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  type.erase(std::remove_if(type.begin(), type.end(), space), type.end());
  return type;
}

bool starts_like_html(std::string_view body) {
  const std::string start = lower(body.substr(0, 1024));
  const std::size_t first = start.find_first_not_of(" \t\r\n");
  return first != std::string::npos && (start.compare(first, 14, "<!doctype html") == 0 ||
                                        start.find("<html") != std::string::npos);
}

// Whether a Content-Type says HTML, says something else, or leaves it to the payload.
enum class Declared { kHtml, kOther, kUnknown };

Declared declared(std::string_view content_type) {
  const std::string type = media_type(content_type);
  if (type == "text/html" || type == "application/xhtml+xml") return Declared::kHtml;
  if (type.empty() || type == "application/octet-stream" || type == "unknown/unknown") {
    return Declared::kUnknown;
  }
  return Declared::kOther;
}

bool is_html(std::string_view content_type, std::string_view body) {
  const Declared kind = declared(content_type);
  return kind == Declared::kHtml || (kind == Declared::kUnknown && starts_like_html(body));
}

std::string not_html(const std::string& content_type) {
  std::string message = "not HTML (";
  message += content_type;
  message += ")";
  return message;
}

Error skip(std::string_view code, std::string message) {
  return Error{std::string(code), std::move(message), ""};
}

}  // namespace

bool is_quiet_skip(const Error& error) {
  return error.code == kNotPage || error.code == kNotOk || error.code == kNotHtml;
}

Result<ArchivedPage> archived_page_head(const Record& record) {
  const std::string type = lower(record.header("WARC-Type"));
  if (type != "response" && type != "resource") {
    std::string message = "a ";
    message += type.empty() ? "untyped" : type;
    message += " record";
    return skip(kNotPage, std::move(message));
  }
  ArchivedPage page;
  page.url = record.header("WARC-Target-URI");
  if (page.url.size() >= 2 && page.url.front() == '<' && page.url.back() == '>') {
    page.url = page.url.substr(1, page.url.size() - 2);
  }
  if (page.url.empty()) {
    std::string message = "a ";
    message += type;
    message += " record without WARC-Target-URI";
    return Error{"bad_warc", std::move(message), ""};
  }
  if (type == "resource") {
    page.content_type = record.header("Content-Type");
    if (!is_html(page.content_type, record.block)) {
      return skip(kNotHtml, not_html(page.content_type));
    }
    return page;
  }
  // A response to something other than HTTP (dns:, ftp:) is not a page.
  const std::string record_type = media_type(record.header("Content-Type"));
  if (!record_type.empty() && record_type != "application/http") {
    return skip(kNotPage, "a response of type " + record_type);
  }
  // Status and declared type first: a large video is skipped without being decoded.
  const Result<HttpResponse> head = parse_http_head(record.block);
  if (!head) return head.error();
  if (head.value().status != 200) {
    return skip(kNotOk, "HTTP " + std::to_string(head.value().status));
  }
  page.content_type = head.value().header("Content-Type");
  if (declared(page.content_type) == Declared::kOther) {
    return skip(kNotHtml, not_html(page.content_type));
  }
  return page;
}

Result<ArchivedPage> archived_page(const Record& record, std::size_t max_body_bytes) {
  Result<ArchivedPage> head = archived_page_head(record);
  if (!head) return head;
  ArchivedPage& page = head.value();
  if (lower(record.header("WARC-Type")) == "resource") {
    if (record.block.size() > max_body_bytes) {
      return Error{"too_large", "payload over " + std::to_string(max_body_bytes) + " bytes", ""};
    }
    page.body = record.block;
    return head;
  }
  Result<HttpResponse> http = parse_http_response(record.block, max_body_bytes);
  if (!http) return http.error();
  if (!is_html(page.content_type, http.value().body)) {
    return skip(kNotHtml, not_html(page.content_type));
  }
  page.body = std::move(http.value().body);
  return head;
}

Result<Article> warc_article(const Record& record, const std::string& origin,
                             std::size_t max_body_bytes) {
  Result<ArchivedPage> page = archived_page(record, max_body_bytes);
  if (!page) {
    Error error = page.error();
    error.context = origin;
    return error;
  }
  Result<Article> article = extract::read_html(
      extract::HtmlInput{page.value().body, page.value().url, origin, page.value().content_type});
  if (article) article.value().links.clear();  // for the crawler only; never indexed
  return article;
}

}  // namespace vigil::warc
