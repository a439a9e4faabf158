#include "gzip_for_test.h"

#include <zlib.h>

#include <stdexcept>
#include <vector>

namespace vigil::test {
namespace {

class Deflater {
 public:
  Deflater() {
    if (deflateInit2(&stream_, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 9,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
      throw std::runtime_error("deflateInit2 failed");
    }
  }
  ~Deflater() { deflateEnd(&stream_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  Deflater(Deflater&&) = delete;
  Deflater& operator=(Deflater&&) = delete;

  void add(std::string_view data, bool last) {
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream_.avail_in = static_cast<uInt>(data.size());
    unsigned char buffer[1 << 14];
    int status = Z_OK;
    do {
      stream_.next_out = buffer;
      stream_.avail_out = sizeof buffer;
      status = deflate(&stream_, last ? Z_FINISH : Z_NO_FLUSH);
      out_.append(reinterpret_cast<const char*>(buffer), sizeof buffer - stream_.avail_out);
    } while (stream_.avail_out == 0 || (last && status != Z_STREAM_END));
  }
  std::string take() { return std::move(out_); }

 private:
  z_stream stream_{};
  std::string out_;
};

}  // namespace

std::string gzip(std::string_view data) {
  Deflater deflater;
  deflater.add(data, true);
  return deflater.take();
}

std::string gzip_zeros(std::size_t size) {
  const std::string block(1 << 20, '\0');
  Deflater deflater;
  for (std::size_t done = 0; done < size; done += block.size()) {
    deflater.add(std::string_view(block).substr(0, std::min(block.size(), size - done)), false);
  }
  deflater.add({}, true);
  return deflater.take();
}

}  // namespace vigil::test
