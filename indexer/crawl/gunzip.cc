#include "crawl/gunzip.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

namespace vigil::crawl {
namespace {

constexpr std::size_t kOutChunk = std::size_t{64} * 1024;
// 16 + MAX_WBITS: gzip wrapper only (a zlib or raw deflate stream is not what .gz files hold).
constexpr int kGzipWindowBits = 16 + MAX_WBITS;

enum class Outcome { done, too_large, corrupt, truncated };

class Inflater {
 public:
  Inflater() { ok_ = inflateInit2(&stream_, kGzipWindowBits) == Z_OK; }
  ~Inflater() {
    if (ok_) inflateEnd(&stream_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  Inflater(Inflater&&) = delete;
  Inflater& operator=(Inflater&&) = delete;

  // Decompresses `data` into `out`, stopping before `out` would exceed `max_bytes`.
  Outcome run(std::string_view data, std::size_t max_bytes, std::string& out);

 private:
  z_stream stream_{};
  bool ok_ = false;
};

Outcome Inflater::run(std::string_view data, std::size_t max_bytes, std::string& out) {
  if (!ok_) return Outcome::corrupt;
  std::array<unsigned char, kOutChunk> chunk{};
  std::size_t pos = 0;  // bytes of `data` handed to zlib so far
  while (true) {
    if (stream_.avail_in == 0 && pos < data.size()) {
      // avail_in is 32 bits; larger inputs are fed in slices.
      const std::size_t slice =
          std::min<std::size_t>(data.size() - pos, std::numeric_limits<uInt>::max());
      // zlib's API is not const-correct; it never writes through next_in.
      stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + pos));
      stream_.avail_in = static_cast<uInt>(slice);
      pos += slice;
    }
    stream_.next_out = chunk.data();
    stream_.avail_out = static_cast<uInt>(chunk.size());
    const int status = inflate(&stream_, Z_NO_FLUSH);
    const std::size_t produced = chunk.size() - stream_.avail_out;
    if (produced > max_bytes - out.size()) {
      out.append(reinterpret_cast<const char*>(chunk.data()), max_bytes - out.size());
      return Outcome::too_large;
    }
    out.append(reinterpret_cast<const char*>(chunk.data()), produced);
    if (status == Z_STREAM_END) {
      const std::size_t rest = stream_.avail_in + (data.size() - pos);
      const std::string_view tail = data.substr(data.size() - rest);
      if (!is_gzip(tail)) return Outcome::done;  // trailing padding is ignored, as gzip(1) does
      if (inflateReset(&stream_) != Z_OK) return Outcome::corrupt;
      continue;
    }
    if (status == Z_NEED_DICT || status == Z_DATA_ERROR || status == Z_MEM_ERROR) {
      return Outcome::corrupt;
    }
    // All input consumed, no output pending, and the member has not ended.
    const bool input_done = stream_.avail_in == 0 && pos == data.size();
    if (input_done && (status == Z_BUF_ERROR || produced == 0)) return Outcome::truncated;
  }
}

}  // namespace

bool is_gzip(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

Result<std::string> gunzip(std::string_view data, std::size_t max_bytes) {
  std::string out;
  Inflater inflater;
  switch (inflater.run(data, max_bytes, out)) {
    case Outcome::done:
      return out;
    case Outcome::too_large:
      return Error{"too_large",
                   "gzip stream decompresses to more than " + std::to_string(max_bytes) +
                       " bytes (a decompression bomb or an oversized file)",
                   ""};
    case Outcome::corrupt:
      return Error{"corrupt_gzip", "corrupt gzip stream", ""};
    case Outcome::truncated:
      break;
  }
  return Error{"truncated_gzip", "truncated gzip stream (unexpected end of data)", ""};
}

Result<std::string_view> maybe_gunzip(std::string_view data, std::size_t max_bytes,
                                      std::string& storage) {
  if (!is_gzip(data)) {
    if (data.size() <= max_bytes) return data;
    return Error{"too_large",
                 std::to_string(data.size()) + " bytes is more than the limit of " +
                     std::to_string(max_bytes),
                 ""};
  }
  Result<std::string> inflated = gunzip(data, max_bytes);
  if (!inflated) return inflated.error();
  storage = std::move(inflated).value();
  return std::string_view(storage);
}

std::string gunzip_prefix(std::string_view data, std::size_t max_bytes) {
  std::string out;
  Inflater inflater;
  (void)inflater.run(data, max_bytes, out);
  return out;
}

}  // namespace vigil::crawl
