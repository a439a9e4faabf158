#pragma once
// Writing fetched HTTP exchanges to WARC files (ISO 28500, WARC/1.1), the preservation format of
// web archives: Heritrix, wget --warc-file, pywb and the Wayback Machine read what this writes.
//
// Files: DIR/PREFIX-YYYYMMDDhhmmss-NNNNN.warc.gz (the UTC time the file was started and a serial
// number), written as NAME.open and renamed to NAME when finished (the Heritrix convention). A
// killed run leaves .open files behind; they hold every record written before the last sync()
// and are valid WARC files up to a possibly truncated last record, which readers report.
// Each file starts with a warcinfo record; every record is its own gzip member, so a reader can
// seek to a record's offset and decompress it alone.

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::warc {

// One HTTP exchange as fetched, for the writer.
struct Capture {
  std::string target_uri;       // the URL requested
  std::int64_t fetched_at = 0;  // Unix seconds -> WARC-Date ("2026-11-29T09:00:00Z"); 0: now
  std::string ip_address;       // optional (WARC-IP-Address); dropped unless an IPv4/IPv6 form
  // Optional: the HTTP request head as sent ("GET / HTTP/1.1\r\n...\r\n\r\n"). When set, a
  // request record follows the response record, linked to it by WARC-Concurrent-To.
  std::string request_head;
  // Required: the status line and header lines as received, CRLF line ends, ending with an empty
  // line (one is added when missing).
  std::string response_head;
  // The payload as stored: never chunked (Transfer-Encoding removed), and with its
  // Content-Encoding removed unless body_decoded is false.
  std::string body;
  // True (as libcurl delivers it): `body` is decoded. The stored head then says so honestly:
  // Content-Encoding, Transfer-Encoding and Content-Length become X-Archive-Orig-Content-Encoding
  // etc. (the wayback convention) and a Content-Length of the stored body is added. A head with
  // none of these is stored byte for byte. False: `body` still carries its Content-Encoding,
  // which stays in the head (Transfer-Encoding and Content-Length are still replaced).
  bool body_decoded = true;
};

struct WriterOptions {
  std::string dir;                            // created when absent
  std::string prefix = "vigil";               // file names start with it
  std::uint64_t max_file_bytes = 1ull << 30;  // compressed size at which a new file is started
  std::string software = "vigil-index";       // the warcinfo record's "software" field
};

// Appends records to the current WARC file of a directory. Not thread-safe: one writer per
// thread, and one writer per directory and prefix at a time (two writers would each write their
// own files, but could pick the same name within the same second; the second one then moves on
// to the next serial number).
class Writer {
 public:
  // Creates options.dir when absent. Throws RuntimeError (vigil/errors.h), with a hint, when it
  // cannot be created or written to. No file is created before the first write().
  explicit Writer(WriterOptions options);
  // Finishes the current file (see close()); errors are swallowed here: call close() to see them.
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  Writer(Writer&&) = delete;
  Writer& operator=(Writer&&) = delete;

  // Appends a response record (and a request record when capture.request_head is set) to the
  // current file, one gzip member per record; starts a new file (warcinfo record first) when the
  // current one already holds records and would exceed max_file_bytes (a single exchange larger
  // than that gets a file of its own). Throws RuntimeError when a file cannot be created or
  // written (disk full): the file is then cut back to its last whole record. Throws
  // std::invalid_argument when capture.response_head is empty (a caller's bug).
  void write(const Capture& capture);

  // Flushes and fsyncs the current file, so that what was written survives a crash (called before
  // each index commit: committed documents always have their records on disk). Throws
  // RuntimeError when the system reports a write error.
  void sync();

  // Finishes the current file: fsync, close, rename NAME.open to NAME. The next write() starts a
  // new file. Throws RuntimeError on failure. Does nothing when no file is open.
  void close();

  // Compressed bytes written by this writer, over all its files.
  std::uint64_t bytes_written() const { return total_bytes_; }

  // The current file's name without ".open" (empty when none is open), e.g. for log lines.
  const std::string& current_file() const { return path_; }

 private:
  void open_file();
  void append(const std::string& bytes);

  WriterOptions options_;
  int fd_ = -1;
  std::string path_;         // the finished name; written as path_ + ".open"
  std::string warcinfo_id_;  // of the current file's warcinfo record
  std::uint64_t file_bytes_ = 0;
  std::uint64_t total_bytes_ = 0;
  std::uint64_t records_in_file_ = 0;  // exchanges, not counting the warcinfo record
  unsigned serial_ = 0;
};

// Every *.warc, *.warc.gz and *.warc.gz.open file directly in `dir`, as full paths in name order
// (file names start with the time they were begun, so this is also time order per prefix).
// Empty when `dir` does not exist; throws RuntimeError when it exists but cannot be read.
std::vector<std::string> list_files(const std::string& dir);

}  // namespace vigil::warc
