#include "warc/writer.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <utility>

#include "vigil/errors.h"
#include "warc/digest.h"
#include "warc/record_format.h"

namespace fs = std::filesystem;

namespace vigil::warc {
namespace {

constexpr std::string_view kConformsTo =
    "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/";

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// strftime of a UTC time.
std::string utc(std::int64_t seconds, const char* format) {
  const auto when = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&when, &tm);
  char text[32];
  const std::size_t size = std::strftime(text, sizeof text, format, &tm);
  return std::string(text, size);
}

// "<urn:uuid:...>", a random (version 4) UUID.
std::string new_record_id() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    throw RuntimeError("cannot make a WARC record id: libcrypto has no random bytes");
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
  char text[64];
  std::snprintf(text, sizeof text,
                "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x>",
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14],
                bytes[15]);
  return text;
}

// `data` as one gzip member.
std::string gzip_member(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw RuntimeError("zlib cannot start a gzip stream (out of memory)");
  }
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(data.size())) + 64);
  std::size_t produced = 0;
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    constexpr std::size_t kStep = std::size_t{1} << 30;  // z_stream counts in uInt
    const std::size_t take = std::min(data.size(), kStep);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(take);
    if (out.size() - produced < 64) out.resize(out.size() * 2);
    const std::size_t room = std::min(out.size() - produced, kStep);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    z.avail_out = static_cast<uInt>(room);
    status = deflate(&z, take == data.size() ? Z_FINISH : Z_NO_FLUSH);
    data.remove_prefix(take - z.avail_in);
    produced += room - z.avail_out;
    if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
      deflateEnd(&z);
      throw RuntimeError("zlib failed compressing a WARC record");
    }
  }
  deflateEnd(&z);
  out.resize(produced);
  return out;
}

bool is_ip_address(std::string_view text) {
  return !text.empty() && text.size() <= 45 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' ||
           c == ':';
  });
}

std::string errno_text(int error) { return std::strerror(error); }

std::string disk_hint(const std::string& dir, int error) {
  if (error == ENOSPC || error == EDQUOT || error == EFBIG) {
    std::string hint = "free space on the disk holding ";
    hint += dir;
    return hint;
  }
  std::string hint = "check that ";
  hint += dir;
  hint += " is writable and its disk healthy";
  return hint;
}

}  // namespace

Writer::Writer(WriterOptions options) : options_(std::move(options)) {
  if (options_.dir.empty()) throw RuntimeError("no WARC directory given");
  std::error_code ec;
  fs::create_directories(options_.dir, ec);
  if (ec || ::access(options_.dir.c_str(), W_OK | X_OK) != 0) {
    std::string what = "cannot write WARC files to '";
    what += options_.dir;
    what += "': ";
    what += ec ? ec.message() : errno_text(errno);
    throw RuntimeError(what, "create the directory or make it writable, or choose another one");
  }
}

Writer::~Writer() {
  try {
    close();
  } catch (...) {
    // A destructor must not throw; callers who need to know call close() first.
  }
}

void Writer::open_file() {
  const std::string stamp = utc(now_seconds(), "%Y%m%d%H%M%S");
  for (;; ++serial_) {
    char number[16];
    std::snprintf(number, sizeof number, "%05u", serial_);
    std::string name = options_.dir;
    name += '/';
    name += options_.prefix;
    name += '-';
    name += stamp;
    name += '-';
    name += number;
    name += ".warc.gz";
    std::error_code ec;
    if (fs::exists(name, ec)) continue;
    const std::string open_name = name + ".open";
    fd_ = ::open(open_name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_ < 0 && errno == EEXIST) continue;
    if (fd_ < 0) {
      const int error = errno;
      throw RuntimeError("cannot create WARC file '" + open_name + "': " + errno_text(error),
                         disk_hint(options_.dir, error));
    }
    ++serial_;
    path_ = std::move(name);
    break;
  }
  file_bytes_ = 0;
  records_in_file_ = 0;
  warcinfo_id_ = new_record_id();
  RecordHeader header;
  header.type = "warcinfo";
  header.id = warcinfo_id_;
  header.date = utc(now_seconds(), "%Y-%m-%dT%H:%M:%SZ");
  header.filename = fs::path(path_).filename().string();
  header.content_type = "application/warc-fields";
  std::string fields = "software: ";
  fields += field_value(options_.software);
  fields += "\r\nformat: WARC File Format 1.1\r\nconformsTo: ";
  fields += kConformsTo;
  fields += "\r\n";
  append(gzip_member(format_record(header, fields, {})));
}

void Writer::write(const Capture& capture) {
  if (capture.response_head.empty()) {
    throw std::invalid_argument("warc::Writer::write: a capture without a response head");
  }
  const std::string date =
      utc(capture.fetched_at != 0 ? capture.fetched_at : now_seconds(), "%Y-%m-%dT%H:%M:%SZ");
  RecordHeader response;
  response.type = "response";
  response.id = new_record_id();
  response.date = date;
  response.target_uri = uri_value(capture.target_uri);
  if (is_ip_address(capture.ip_address)) response.ip_address = capture.ip_address;
  response.content_type = "application/http;msgtype=response";
  response.payload_digest = sha1_label(capture.body);
  const std::string head =
      stored_response_head(capture.response_head, capture.body.size(), capture.body_decoded);
  RecordHeader request = response;
  request.type = "request";
  request.id = new_record_id();
  request.concurrent_to = response.id;
  request.content_type = "application/http;msgtype=request";
  request.payload_digest.clear();
  // The members name the file's warcinfo record, so they are made once its file is known; a
  // rotation (rare) makes them again.
  const auto members = [&] {
    response.warcinfo_id = warcinfo_id_;
    request.warcinfo_id = warcinfo_id_;
    std::string bytes = gzip_member(format_record(response, head, capture.body));
    if (!capture.request_head.empty()) {
      bytes += gzip_member(format_record(request, with_blank_line(capture.request_head), {}));
    }
    return bytes;
  };
  if (fd_ < 0) open_file();
  std::string bytes = members();
  if (records_in_file_ > 0 && file_bytes_ + bytes.size() > options_.max_file_bytes) {
    close();
    open_file();
    bytes = members();
  }
  append(bytes);
  ++records_in_file_;
}

void Writer::append(const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = n < 0 ? errno : ENOSPC;
      // Cut the partial record off, so the file stays readable to its end.
      if (::ftruncate(fd_, static_cast<off_t>(file_bytes_)) == 0) {
        ::lseek(fd_, static_cast<off_t>(file_bytes_), SEEK_SET);
      }
      throw RuntimeError("cannot write WARC file '" + path_ + ".open': " + errno_text(error),
                         disk_hint(options_.dir, error));
    }
    done += static_cast<std::size_t>(n);
  }
  file_bytes_ += bytes.size();
  total_bytes_ += bytes.size();
}

void Writer::sync() {
  if (fd_ < 0) return;
  if (::fsync(fd_) != 0) {
    const int error = errno;
    throw RuntimeError("cannot sync WARC file '" + path_ + ".open': " + errno_text(error),
                       disk_hint(options_.dir, error));
  }
}

void Writer::close() {
  if (fd_ < 0) return;
  const int fd = std::exchange(fd_, -1);
  const std::string open_name = path_ + ".open";
  const bool synced = ::fsync(fd) == 0;
  const int sync_error = errno;
  const bool closed = ::close(fd) == 0;
  const int close_error = errno;
  if (!synced || !closed) {
    throw RuntimeError("cannot finish WARC file '" + open_name +
                           "': " + errno_text(!synced ? sync_error : close_error),
                       disk_hint(options_.dir, !synced ? sync_error : close_error));
  }
  if (::rename(open_name.c_str(), path_.c_str()) != 0) {
    const int error = errno;
    throw RuntimeError("cannot rename '" + open_name + "' to '" + path_ + "': " + errno_text(error),
                       disk_hint(options_.dir, error));
  }
  // The rename survives a crash only once the directory is synced; failing that is harmless
  // (readers accept .open files).
  const int dir = ::open(options_.dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  path_.clear();
}

std::vector<std::string> list_files(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::exists(dir, ec)) return out;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!(name.ends_with(".warc") || name.ends_with(".warc.gz") ||
          name.ends_with(".warc.gz.open"))) {
      continue;
    }
    std::error_code type_ec;
    if (it->is_regular_file(type_ec)) out.push_back(it->path().string());
  }
  if (ec) {
    throw RuntimeError("cannot list WARC directory '" + dir + "': " + ec.message(),
                       "check that it is readable");
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace vigil::warc
