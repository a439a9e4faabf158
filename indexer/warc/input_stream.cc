#include "warc/input_stream.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace vigil::warc {
namespace {

constexpr std::size_t kChunk = std::size_t{1} << 16;

}  // namespace

struct InputStream::Inflater {
  z_stream z{};
  bool ready = false;
  Inflater() { ready = inflateInit2(&z, 15 + 16) == Z_OK; }
  ~Inflater() {
    if (ready) inflateEnd(&z);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  Inflater(Inflater&&) = delete;
  Inflater& operator=(Inflater&&) = delete;
};

InputStream::InputStream(const std::string& path) : file_(std::fopen(path.c_str(), "rb")) {
  if (file_ == nullptr) {
    fail(std::string("cannot open: ") + std::strerror(errno));
    return;
  }
  // The first two bytes decide: gzip magic, or plain.
  if (!read_compressed()) return;
  gzip_ = input_.size() >= 2 && input_[0] == '\x1f' && input_[1] == '\x8b';
  if (!gzip_) {
    buffer_ = std::move(input_);
    input_.clear();
    produced_ = buffer_.size();
    return;
  }
  inflater_ = std::make_unique<Inflater>();
  if (!inflater_->ready) fail("zlib cannot start (out of memory)");
}

InputStream::~InputStream() {
  if (file_ != nullptr) std::fclose(file_);
}

void InputStream::fail(std::string why) {
  if (failure_.empty()) failure_ = std::move(why);
  end_ = true;
}

// Appends up to kChunk bytes of the file to input_; false at the end of the file or on error.
bool InputStream::read_compressed() {
  if (file_ == nullptr) return false;
  if (input_pos_ > 0 && input_pos_ * 2 >= input_.size()) {
    input_base_ += input_pos_;
    input_.erase(0, input_pos_);
    input_pos_ = 0;
  }
  const std::size_t old = input_.size();
  input_.resize(old + kChunk);
  const std::size_t n = std::fread(input_.data() + old, 1, kChunk, file_);
  input_.resize(old + n);
  if (n == 0 && std::ferror(file_) != 0) fail(std::string("read error: ") + std::strerror(errno));
  return n > 0;
}

bool InputStream::ensure(std::size_t n) {
  while (buffer_.size() - read_pos_ < n) {
    if (!refill()) return false;
  }
  return true;
}

std::uint64_t InputStream::take(std::uint64_t n, std::string* out) {
  std::uint64_t moved = 0;
  while (moved < n) {
    if (read_pos_ == buffer_.size() && !refill()) break;
    const std::size_t step =
        static_cast<std::size_t>(std::min<std::uint64_t>(n - moved, buffer_.size() - read_pos_));
    if (out != nullptr) out->append(buffer_, read_pos_, step);
    read_pos_ += step;
    moved += step;
  }
  return moved;
}

std::uint64_t InputStream::file_offset(std::uint64_t position) {
  if (!gzip_) return position;
  while (members_.size() > 1 && members_[1].first <= position) members_.pop_front();
  return members_.empty() ? member_start_ : members_.front().second;
}

// Adds decompressed bytes to buffer_ (dropping consumed ones first); false when none will come.
bool InputStream::refill() {
  if (end_) return false;
  if (read_pos_ > 0 && read_pos_ * 2 >= buffer_.size()) {
    buffer_base_ += read_pos_;
    buffer_.erase(0, read_pos_);
    read_pos_ = 0;
  }
  if (!gzip_) {
    const std::size_t old = buffer_.size();
    buffer_.resize(old + kChunk);
    const std::size_t n = std::fread(buffer_.data() + old, 1, kChunk, file_);
    buffer_.resize(old + n);
    produced_ += n;
    if (n == 0) {
      if (std::ferror(file_) != 0) fail(std::string("read error: ") + std::strerror(errno));
      end_ = true;
    }
    return n > 0;
  }
  return refill_gzip();
}

bool InputStream::refill_gzip() {
  z_stream& z = inflater_->z;
  const std::size_t before = buffer_.size();
  while (buffer_.size() == before && !end_) {
    if (!in_member_) {
      // Between members: another member, or the end (zero padding some tools add is allowed).
      while (input_.size() - input_pos_ < 2 && read_compressed()) {
      }
      const std::size_t first = input_.find_first_not_of('\0', input_pos_);
      if (first != input_pos_) {
        input_pos_ = first == std::string::npos ? input_.size() : first;
        if (input_pos_ == input_.size() && !read_compressed()) end_ = true;
        continue;
      }
      if (input_.size() - input_pos_ < 2 || input_[input_pos_] != '\x1f' ||
          input_[input_pos_ + 1] != '\x8b') {
        member_start_ = input_base_ + input_pos_;  // a search for the next member starts here
        fail("data at offset " + std::to_string(member_start_) + " is not a gzip member");
        break;
      }
      inflateReset(&z);
      in_member_ = true;
      member_start_ = input_base_ + input_pos_;
      members_.emplace_back(produced_, member_start_);
    }
    if (input_pos_ == input_.size() && !read_compressed()) {
      fail("truncated gzip member at offset " + std::to_string(member_start_));
      break;
    }
    const std::size_t old = buffer_.size();
    buffer_.resize(old + kChunk);
    z.next_in = reinterpret_cast<Bytef*>(input_.data() + input_pos_);
    z.avail_in = static_cast<uInt>(input_.size() - input_pos_);
    z.next_out = reinterpret_cast<Bytef*>(buffer_.data() + old);
    z.avail_out = static_cast<uInt>(kChunk);
    const int status = inflate(&z, Z_NO_FLUSH);
    input_pos_ = input_.size() - z.avail_in;
    buffer_.resize(old + kChunk - z.avail_out);
    produced_ += kChunk - z.avail_out;
    if (status == Z_STREAM_END) {
      in_member_ = false;
    } else if (status != Z_OK && status != Z_BUF_ERROR) {
      fail("corrupt gzip data in the member at offset " + std::to_string(member_start_) + " (" +
           (z.msg != nullptr ? z.msg : "zlib error " + std::to_string(status)) + ")");
    }
  }
  return buffer_.size() > before;
}

bool InputStream::skip_damaged_member() {
  if (!gzip_ || file_ == nullptr || std::ferror(file_) != 0) return false;
  // Search the file from just after the damaged member's start for the next member's magic
  // bytes and compression method (1f 8b 08).
  std::uint64_t offset = member_start_ + 1;
  std::string window;
  for (;;) {
    if (fseeko(file_, static_cast<off_t>(offset), SEEK_SET) != 0) return false;
    window.resize(kChunk);
    const std::size_t n = std::fread(window.data(), 1, kChunk, file_);
    window.resize(n);
    const std::size_t at = window.find("\x1f\x8b\x08");
    if (at != std::string::npos) {
      offset += at;
      break;
    }
    if (n < 3) return false;
    offset += n - 2;
  }
  if (fseeko(file_, static_cast<off_t>(offset), SEEK_SET) != 0) return false;
  buffer_base_ += buffer_.size();
  buffer_.clear();
  read_pos_ = 0;
  input_.clear();
  input_pos_ = 0;
  input_base_ = offset;
  members_.clear();
  in_member_ = false;
  end_ = false;
  failure_.clear();
  return true;
}

}  // namespace vigil::warc
