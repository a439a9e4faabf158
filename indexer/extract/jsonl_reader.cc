#include "extract/jsonl_reader.h"

#include <simdjson.h>
#include <zlib.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/language.h"
#include "extract/unicode.h"
#include "vigil/text.h"

namespace vigil::extract {
namespace {

constexpr unsigned kReadChunk = 1u << 18;  // bytes per gzread
constexpr unsigned kGzBuffer = 1u << 17;   // zlib's own input buffer (default 8 KiB is slow)

struct GzCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

// gzerror() prefixes its message with the path; the Error's context already names it.
std::string gz_failure(gzFile file, const std::string& path) {
  int errnum = Z_OK;
  const char* text = gzerror(file, &errnum);
  if (errnum == Z_ERRNO) return std::string("read failed: ") + std::strerror(errno);
  if (errnum == Z_BUF_ERROR) return "truncated gzip stream (unexpected end of file)";
  std::string_view message = text == nullptr ? "unknown zlib error" : text;
  if (message.starts_with(path + ": ")) message.remove_prefix(path.size() + 2);
  return "corrupt gzip stream: " + std::string(message);
}

// Splits the decompressed stream into lines. A line's bytes are kept only up to `max_bytes`; past
// that the reader still counts them (for the message) but stops copying.
class LineReader {
 public:
  enum class Status { kLine, kEnd, kFailed };

  LineReader(gzFile file, std::size_t max_bytes)
      : file_(file), max_bytes_(max_bytes), chunk_(kReadChunk) {}

  Status next();
  std::string& line() { return line_; }  // without the '\n'; empty when too long
  std::size_t length() const { return length_; }
  bool too_long() const { return length_ > max_bytes_; }

 private:
  bool refill();  // false at the end of the stream or on failure (then failed_ is set)

  gzFile file_;
  std::size_t max_bytes_;
  std::vector<char> chunk_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool failed_ = false;
  std::string line_;
  std::size_t length_ = 0;
};

LineReader::Status LineReader::next() {
  line_.clear();
  length_ = 0;
  bool any = false;
  for (;;) {
    if (pos_ == end_ && !refill()) {
      if (failed_) return Status::kFailed;  // a partial last line is not delivered
      return any ? Status::kLine : Status::kEnd;
    }
    any = true;
    const char* start = chunk_.data() + pos_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
    const std::size_t count = newline != nullptr ? newline - start : end_ - pos_;
    length_ += count;
    if (length_ <= max_bytes_) {
      line_.append(start, count);
    } else if (!line_.empty()) {
      std::string().swap(line_);  // give back a huge buffer now rather than at the next line
    }
    pos_ += count;
    if (newline != nullptr) {
      ++pos_;
      return Status::kLine;
    }
  }
}

bool LineReader::refill() {
  const int got = gzread(file_, chunk_.data(), kReadChunk);
  if (got > 0) {
    pos_ = 0;
    end_ = static_cast<std::size_t>(got);
    return true;
  }
  int errnum = Z_OK;
  gzerror(file_, &errnum);
  failed_ = got < 0 || errnum != Z_OK;
  return false;
}

bool blank(std::string_view line) {
  for (const char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// 1-based position of the first byte that does not start a well-formed UTF-8 sequence.
std::size_t first_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::size_t len = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
    if (!is_valid_utf8(text.substr(i, len))) return i + 1;
    i += len;
  }
  return text.size() + 1;
}

enum class Field { kAbsent, kString, kWrongType };

// "absent" covers null too: the corpora write null for unknown values.
Field string_field(const simdjson::dom::object& object, std::string_view key,
                   std::string_view& out) {
  simdjson::dom::element value;
  if (object.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) return Field::kAbsent;
  return value.get_string().get(out) == simdjson::SUCCESS ? Field::kString : Field::kWrongType;
}

Error line_error(std::string code, std::string message, const std::string& context) {
  return Error{std::move(code), std::move(message), context};
}

// The key: "url" when it is a non-empty string, else "id" as a string or an integer.
bool read_key(const simdjson::dom::object& object, Article& article) {
  std::string_view text;
  if (string_field(object, "url", text) == Field::kString && !text.empty()) {
    article.key = article.url = text;
    return true;
  }
  simdjson::dom::element id;
  if (object.at_key("id").get(id) != simdjson::SUCCESS) return false;
  std::int64_t number = 0;
  std::uint64_t unsigned_number = 0;
  if (id.get_string().get(text) == simdjson::SUCCESS) {
    article.key = text;
  } else if (id.get_int64().get(number) == simdjson::SUCCESS) {
    article.key = std::to_string(number);
  } else if (id.get_uint64().get(unsigned_number) == simdjson::SUCCESS) {
    article.key = std::to_string(unsigned_number);
  }
  return !article.key.empty();
}

void add_author(std::string_view name, Article& article) {
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
  if (!name.empty()) article.authors.emplace_back(name);
}

// Optional fields: a wrong type or an unparsable date drops the field, not the line.
void read_optional(const simdjson::dom::object& object, Article& article) {
  std::string_view text;
  if (string_field(object, "date", text) == Field::kString) {
    article.published = parse_iso_date(text);
  }
  if (string_field(object, "source", text) == Field::kString) article.source = text;
  if (string_field(object, "lang", text) == Field::kString) {
    article.language = language_subtag(text);
  }
  simdjson::dom::element author;
  simdjson::dom::array authors;
  if (object.at_key("author").get(author) != simdjson::SUCCESS) return;
  if (author.get_string().get(text) == simdjson::SUCCESS) {
    add_author(text, article);
  } else if (author.get_array().get(authors) == simdjson::SUCCESS) {
    for (const simdjson::dom::element item : authors) {
      if (item.get_string().get(text) == simdjson::SUCCESS) add_author(text, article);
    }
  }
}

// "\r\n" becomes "\n"; a lone "\r" stays.
std::string without_cr_before_lf(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0;;) {
    const std::size_t crlf = text.find("\r\n", pos);
    out.append(text.substr(pos, crlf == std::string_view::npos ? crlf : crlf - pos));
    if (crlf == std::string_view::npos) return out;
    pos = crlf + 1;  // keep the '\n'
  }
}

// Parses in place when `line` has SIMDJSON_PADDING bytes of spare capacity (else simdjson copies).
Result<Article> parse_line(simdjson::dom::parser& parser, const std::string& line, Shard shard,
                           const std::string& context) {
  if (!simdjson::validate_utf8(line)) {
    return line_error(
        "invalid_utf8",
        "not valid UTF-8 text (byte " + std::to_string(first_invalid_utf8(line)) + ")", context);
  }
  simdjson::dom::element document;
  if (const auto error = parser.parse(line).get(document); error != simdjson::SUCCESS) {
    return line_error("invalid_json",
                      std::string("invalid JSON: ") + simdjson::error_message(error), context);
  }
  simdjson::dom::object object;
  if (document.get_object().get(object) != simdjson::SUCCESS) {
    return line_error("not_an_object", "the line is JSON but not an object", context);
  }
  Article article;
  const bool keyed = read_key(object, article);
  if (keyed && !in_shard(article.key, shard)) return other_shard(article.key, shard, context);
  std::string_view title;
  std::string_view body;
  switch (string_field(object, "title", title)) {
    case Field::kAbsent:
      return line_error("missing_title", "no \"title\" field", context);
    case Field::kWrongType:
      return line_error("bad_field", "\"title\" is not a string", context);
    case Field::kString:
      break;
  }
  switch (string_field(object, "body", body)) {
    case Field::kAbsent:
      return line_error("missing_body", "no \"body\" field", context);
    case Field::kWrongType:
      return line_error("bad_field", "\"body\" is not a string", context);
    case Field::kString:
      break;
  }
  if (!keyed) {
    return line_error("missing_key", "neither a non-empty \"url\" nor an \"id\"", context);
  }
  article.title = title;
  article.main_text = without_cr_before_lf(body);
  read_optional(object, article);
  finish_text(article);
  // A record's language comes from a curated corpus: detection only fills it in when absent.
  if (article.language.empty()) article.language = detect_language(article.main_text);
  article.origin = context;
  return article;
}

Result<Article> read_line(LineReader& reader, simdjson::dom::parser& parser,
                          const JsonlOptions& options, const std::string& context) {
  if (reader.too_long()) {
    return line_error("line_too_long",
                      "line of " + std::to_string(reader.length()) + " bytes, over the limit of " +
                          std::to_string(options.max_line_bytes),
                      context);
  }
  std::string& line = reader.line();
  line.reserve(line.size() + simdjson::SIMDJSON_PADDING);  // lets simdjson parse it in place
  return parse_line(parser, line, options.shard, context);
}

}  // namespace

Result<JsonlStats> read_jsonl(const std::string& path, const ArticleSink& sink,
                              const JsonlOptions& options) {
  errno = 0;
  const GzFile file(gzopen(path.c_str(), "rbe"));
  if (file == nullptr) {
    const char* why = errno != 0 ? std::strerror(errno) : "out of memory";
    return Error{"unreadable", std::string("cannot open: ") + why, path};
  }
  gzbuffer(file.get(), kGzBuffer);
  LineReader reader(file.get(), options.max_line_bytes);
  simdjson::dom::parser parser;
  JsonlStats stats;
  std::size_t number = 0;
  for (;;) {
    const LineReader::Status status = reader.next();
    if (status == LineReader::Status::kFailed) {
      return Error{"unreadable", gz_failure(file.get(), path), path};
    }
    if (status == LineReader::Status::kEnd) return stats;
    ++number;
    std::string& line = reader.line();
    if (!reader.too_long() && !line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!reader.too_long() && blank(line)) continue;
    ++stats.lines;
    Result<Article> result =
        read_line(reader, parser, options, path + ":" + std::to_string(number));
    if (result.ok()) {
      ++stats.records;
    } else if (result.error().code == kOtherShard) {
      ++stats.other_shard;
    } else {
      ++stats.skipped;
    }
    if (!sink(std::move(result))) return stats;
  }
}

}  // namespace vigil::extract
