#include "warc/reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "vigil/text.h"
#include "warc/input_stream.h"

namespace vigil::warc {
namespace {

// A record header larger than this is not a header (WARC headers are a few hundred bytes).
constexpr std::size_t kMaxHeaderBytes = std::size_t{1} << 20;

// The first 40 bytes of `text`, printable, for messages.
std::string excerpt(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 40)) {
    out += std::isprint(static_cast<unsigned char>(c)) != 0 ? c : '?';
  }
  return out;
}

}  // namespace

std::string Record::header(std::string_view name) const {
  for (const auto& [field, value] : headers) {
    if (ascii_iequals(field, name)) return value;
  }
  return {};
}

Reader::Reader(std::string path, std::uint64_t max_block_bytes)
    : path_(std::move(path)),
      max_block_bytes_(max_block_bytes),
      input_(std::make_unique<InputStream>(path_)) {}

Reader::~Reader() = default;

Error Reader::error(std::string code, std::string message, std::uint64_t offset) const {
  return Error{std::move(code), std::move(message), path_ + "@" + std::to_string(offset)};
}

Result<std::optional<Record>> Reader::next() {
  if (!finished_ && !input_->opened()) {
    finished_ = true;
    return error("unreadable", input_->failure(), 0);
  }
  if (finished_) return std::optional<Record>{};
  if (damaged_gzip_) {
    damaged_gzip_ = false;
    if (!input_->skip_damaged_member()) {
      finished_ = true;
      return std::optional<Record>{};
    }
  }
  if (lost_) {
    lost_ = false;
    resynchronise();
  }
  return parse_record();
}

// Moves to the next line starting "WARC/"; false (everything consumed) when there is none.
bool Reader::resynchronise() {
  for (;;) {
    input_->ensure(6);
    const std::string_view view = input_->available();
    if (view.starts_with("WARC/")) return true;
    const std::size_t at = view.find("\nWARC/");
    if (at != std::string_view::npos) {
      input_->consume(at + 1);
      return true;
    }
    const std::size_t keep = std::min<std::size_t>(view.size(), 5);
    input_->consume(view.size() - keep);
    if (!input_->ensure(keep + 1)) {
      input_->consume(input_->available().size());
      return false;
    }
  }
}

// The data ended early, `what` happening there: the error to report. Reading goes on at the next
// gzip member when the end was damage in gzip data, and stops otherwise.
Error Reader::cut_short(const std::string& what, std::uint64_t offset) {
  std::string message = what;
  const std::string& failure = input_->failure();
  if (!failure.empty()) message += message.empty() ? failure : " (" + failure + ")";
  after_data_end();
  return error("bad_warc", message, offset);
}

void Reader::after_data_end() {
  if (input_->gzip() && !input_->failure().empty()) {
    damaged_gzip_ = true;
  } else {
    finished_ = true;
  }
}

Result<std::optional<Record>> Reader::parse_record() {
  // The CRLF CRLF closing the previous record, and stray line ends some writers add.
  while (input_->ensure(1) &&
         (input_->available().front() == '\r' || input_->available().front() == '\n')) {
    input_->consume(1);
  }
  Record record;
  record.offset = input_->file_offset(input_->position());
  if (input_->available().empty()) {
    if (!input_->failure().empty()) return cut_short("", record.offset);
    finished_ = true;
    return std::optional<Record>{};
  }
  if (std::optional<Error> bad = read_header(record)) return *bad;
  if (std::optional<Error> bad = read_block(record)) return *bad;
  return std::optional<Record>(std::move(record));
}

std::optional<Error> Reader::read_header(Record& record) {
  const std::uint64_t offset = record.offset;
  // A line that cannot start or continue a header: look for the next record afterwards.
  const auto bad_line = [&](std::string message, std::size_t line_size) {
    input_->consume(line_size);
    lost_ = true;
    return error("bad_warc", std::move(message), offset);
  };
  std::size_t header_bytes = 0;
  for (bool first = true;; first = false) {
    std::size_t newline = 0;
    while ((newline = input_->available().find('\n')) == std::string_view::npos) {
      if (input_->available().size() + header_bytes > kMaxHeaderBytes) break;
      if (!input_->ensure(input_->available().size() + 1)) {
        return cut_short("the file ends inside a record header", offset);
      }
    }
    if (newline == std::string_view::npos || header_bytes + newline + 1 > kMaxHeaderBytes) {
      return bad_line("record header longer than 1 MiB", 0);
    }
    header_bytes += newline + 1;
    std::string_view line = input_->available().substr(0, newline);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (first) {
      if (!line.starts_with("WARC/")) {
        return bad_line(
            "not a WARC record: expected 'WARC/1.1' or 'WARC/1.0', found '" + excerpt(line) + "'",
            newline + 1);
      }
      record.version = std::string(line);
    } else if (line.empty()) {
      input_->consume(newline + 1);
      return std::nullopt;
    } else if ((line.front() == ' ' || line.front() == '\t') && !record.headers.empty()) {
      // A folded continuation line (WARC/1.0 allows them).
      record.headers.back().second += ' ';
      record.headers.back().second += trim_blanks(line);
    } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
      record.headers.emplace_back(trim_blanks(line.substr(0, colon)),
                                  trim_blanks(line.substr(colon + 1)));
    } else {
      return bad_line("record header line without ':': '" + excerpt(line) + "'", newline + 1);
    }
    input_->consume(newline + 1);
  }
}

std::optional<Error> Reader::read_block(Record& record) {
  const std::string length_text = record.header("Content-Length");
  std::uint64_t length = 0;
  const auto [end, ec] =
      std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
  if (length_text.empty() || ec != std::errc() || end != length_text.data() + length_text.size()) {
    lost_ = true;
    return error("bad_warc",
                 length_text.empty() ? "record without Content-Length"
                                     : "invalid Content-Length '" + excerpt(length_text) + "'",
                 record.offset);
  }
  if (length > max_block_bytes_) {
    std::string message = "record of " + length_text + " bytes (WARC-Type " +
                          record.header("WARC-Type") + ") exceeds the limit of " +
                          std::to_string(max_block_bytes_) + " bytes; skipped";
    if (input_->take(length, nullptr) < length) {
      message += ", and the data ends inside it";
      after_data_end();
    }
    return error("too_large", message, record.offset);
  }
  // Reserve at most 16 MiB ahead: a truncated record may claim far more than follows.
  record.block.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(length, 1u << 24)));
  const std::uint64_t read = input_->take(length, &record.block);
  if (read < length) {
    return cut_short("truncated record: Content-Length " + length_text +
                         ", but the data ends after " + std::to_string(read) + " bytes",
                     record.offset);
  }
  return std::nullopt;
}

}  // namespace vigil::warc
