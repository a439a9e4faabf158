#pragma once
// The bytes of a WARC file for the reader (internal to vigil_warc): plain, or gzip-compressed as
// one member per record or one stream for the whole file (detected by the magic bytes, not the
// name), with the file offset of the gzip member each byte came from. Memory stays bounded by
// what the caller asks to see at once (ensure) plus fixed buffers.

#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace vigil::warc {

class InputStream {
 public:
  // Opens the file; when it cannot, opened() is false and failure() says why.
  explicit InputStream(const std::string& path);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;
  InputStream(InputStream&&) = delete;
  InputStream& operator=(InputStream&&) = delete;

  bool opened() const { return file_ != nullptr; }
  bool gzip() const { return gzip_; }

  // Makes at least `n` bytes available after the read position; false when the data (or the
  // readable part of it) ends first.
  bool ensure(std::size_t n);
  // The bytes available after the read position (may be fewer than ensured before a consume).
  std::string_view available() const { return std::string_view(buffer_).substr(read_pos_); }
  void consume(std::size_t n) { read_pos_ += n; }
  // Moves up to `n` bytes to the end of `out` (or drops them when `out` is null), refilling as
  // needed; returns how many.
  std::uint64_t take(std::uint64_t n, std::string* out);

  // Decompressed position of the read position from the start of the file.
  std::uint64_t position() const { return buffer_base_ + read_pos_; }
  // Where, in the file, the gzip member holding the byte at `position` starts (for plain files,
  // `position` itself). Valid for positions not before the read position.
  std::uint64_t file_offset(std::uint64_t position);

  // Why the data ended early: "" at a clean end, else e.g. "corrupt gzip data at offset 123
  // (invalid distance too far back)" or "truncated gzip member at offset 40".
  const std::string& failure() const { return failure_; }
  // After a failure in gzip data: drops what was buffered and goes on at the next gzip member
  // after the damaged one. False when there is none (or the file is not gzip).
  bool skip_damaged_member();

 private:
  bool refill();
  bool refill_gzip();
  bool read_compressed();
  void fail(std::string why);

  std::FILE* file_ = nullptr;
  bool gzip_ = false;
  bool end_ = false;  // no more bytes will come (clean end or failure)
  std::string failure_;
  std::string buffer_;  // decompressed bytes; those before read_pos_ are consumed
  std::size_t read_pos_ = 0;
  std::uint64_t buffer_base_ = 0;  // decompressed position of buffer_[0]
  std::uint64_t produced_ = 0;     // decompressed bytes produced so far
  // gzip: compressed input and inflate state.
  struct Inflater;
  std::unique_ptr<Inflater> inflater_;
  std::string input_;  // compressed bytes read, those before input_pos_ consumed
  std::size_t input_pos_ = 0;
  std::uint64_t input_base_ = 0;  // file offset of input_[0]
  bool in_member_ = false;
  std::uint64_t member_start_ = 0;  // file offset of the member being inflated
  // (decompressed position, file offset) of each member start not yet passed.
  std::deque<std::pair<std::uint64_t, std::uint64_t>> members_;
};

}  // namespace vigil::warc
