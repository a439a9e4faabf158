#pragma once
// Reading WARC files (WARC/1.0 and WARC/1.1) as written by this module, Heritrix, wget
// --warc-file and Webrecorder/warcio: plain .warc, or gzip-compressed with one member per record
// or one stream for the whole file (detected by content, not by name), .open files of a killed
// writer included.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vigil/result.h"

namespace vigil::warc {

class InputStream;

struct Record {
  std::string version;                                       // "WARC/1.1" or "WARC/1.0"
  std::vector<std::pair<std::string, std::string>> headers;  // in order, as written (trimmed)
  // The value of the first field named `name` (ASCII case-insensitive); "" when absent.
  std::string header(std::string_view name) const;
  std::string block;  // Content-Length bytes
  // Where the record starts in the file: the offset of the gzip member holding its first byte
  // (for per-record gzip, the record's own member; for a whole-file gzip stream, 0), or its byte
  // offset in a plain file.
  std::uint64_t offset = 0;
};

// Reads one file's records in order. Not thread-safe; separate readers may run in parallel.
class Reader {
 public:
  // Default bound on a record's block: larger ones are refused (with an Error) and skipped.
  static constexpr std::uint64_t kDefaultMaxBlockBytes = std::uint64_t{256} << 20;

  // Opens `path`; a file that cannot be opened makes the first next() fail ("unreadable").
  explicit Reader(std::string path, std::uint64_t max_block_bytes = kDefaultMaxBlockBytes);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;
  Reader(Reader&&) = delete;
  Reader& operator=(Reader&&) = delete;

  // The next record; nullopt at the end. An Error's context is "PATH@OFFSET" (the record's
  // offset) and its code one of:
  //   "unreadable"  the file cannot be opened or read;
  //   "bad_warc"    what is there is not a record: a bad version line, a header without
  //                 Content-Length or over 1 MiB, a record or gzip member cut short (the
  //                 truncated last record of a killed writer), corrupt gzip data;
  //   "too_large"   a Content-Length over max_block_bytes (nothing is allocated for it).
  // next() may be called again after an Error: it goes on with the next record it can find (a
  // refused block is skipped; after a bad header it looks for the next "WARC/" line; after
  // damaged gzip data, for the next gzip member) and returns nullopt when nothing more is
  // readable, e.g. after a truncated tail.
  Result<std::optional<Record>> next();

 private:
  Error error(std::string code, std::string message, std::uint64_t offset) const;
  Result<std::optional<Record>> parse_record();
  // Each fills `record` and returns nothing, or the error that stopped it.
  std::optional<Error> read_header(Record& record);
  std::optional<Error> read_block(Record& record);
  Error cut_short(const std::string& what, std::uint64_t offset);
  void after_data_end();
  bool resynchronise();

  std::string path_;
  std::uint64_t max_block_bytes_;
  std::unique_ptr<InputStream> input_;
  bool finished_ = false;
  bool lost_ = false;          // after a bad header: look for the next record first
  bool damaged_gzip_ = false;  // after corrupt gzip data: try the next member first
};

}  // namespace vigil::warc
