#include "warc/content_coding.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <memory>

#include "crawl/gunzip.h"

namespace vigil::warc {
namespace {

constexpr std::size_t kOutChunk = std::size_t{64} * 1024;

Error too_large(std::size_t max_bytes) {
  return Error{"too_large", "payload decodes to more than " + std::to_string(max_bytes) + " bytes",
               ""};
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A chunk-size line's value (hex digits before any extension); false when it has none.
bool chunk_size(std::string_view line, std::uint64_t& size) {
  size = 0;
  std::size_t digits = 0;
  for (const char c : line) {
    const int value = std::isxdigit(static_cast<unsigned char>(c)) == 0 ? -1
                      : c <= '9'                                        ? c - '0'
                                                                        : (c | 0x20) - 'a' + 10;
    if (value < 0) break;
    if (size > (std::numeric_limits<std::uint64_t>::max() >> 4)) return false;
    size = size * 16 + static_cast<std::uint64_t>(value);
    ++digits;
  }
  const std::string_view rest = line.substr(digits);
  return digits > 0 && (rest.empty() || rest.front() == ';' || rest.front() == ' ' ||
                        rest.front() == '\t' || rest.front() == '\r');
}

// zlib (window_bits 15) or raw deflate (-15) into at most max_bytes.
Result<std::string> inflate_bounded(std::string_view data, int window_bits, std::size_t max_bytes) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) return Error{"bad_encoding", "zlib failed", ""};
  const std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&z, inflateEnd);
  std::string out;
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    const std::size_t slice = std::min<std::size_t>(data.size(), std::numeric_limits<uInt>::max());
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(slice);
    const std::size_t old = out.size();
    out.resize(old + kOutChunk);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + old);
    z.avail_out = static_cast<uInt>(kOutChunk);
    status = inflate(&z, Z_NO_FLUSH);
    data.remove_prefix(slice - z.avail_in);
    out.resize(old + kOutChunk - z.avail_out);
    if (out.size() > max_bytes) return too_large(max_bytes);
    if (status == Z_NEED_DICT || status == Z_DATA_ERROR || status == Z_MEM_ERROR) {
      return Error{"bad_encoding", "deflate data does not decode", ""};
    }
    if (status == Z_BUF_ERROR || (data.empty() && out.size() == old)) break;  // cut short
  }
  return out;
}

Result<std::string> unbrotli(std::string_view data, std::size_t max_bytes) {
  const std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState*)> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), BrotliDecoderDestroyInstance);
  if (!state) return Error{"bad_encoding", "brotli decoder failed", ""};
  std::string out;
  std::size_t available_in = data.size();
  const auto* next_in = reinterpret_cast<const std::uint8_t*>(data.data());
  for (;;) {
    const std::size_t old = out.size();
    out.resize(old + kOutChunk);
    std::size_t available_out = kOutChunk;
    auto* next_out = reinterpret_cast<std::uint8_t*>(out.data() + old);
    const BrotliDecoderResult result = BrotliDecoderDecompressStream(
        state.get(), &available_in, &next_in, &available_out, &next_out, nullptr);
    out.resize(old + kOutChunk - available_out);
    if (out.size() > max_bytes) return too_large(max_bytes);
    if (result == BROTLI_DECODER_RESULT_SUCCESS) return out;
    if (result == BROTLI_DECODER_RESULT_ERROR) {
      return Error{"bad_encoding", "brotli data does not decode", ""};
    }
    if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) return out;  // cut short
  }
}

}  // namespace

bool looks_chunked(std::string_view data) {
  const std::size_t end = data.find('\n');
  std::uint64_t size = 0;
  return end != std::string_view::npos && end <= 80 && chunk_size(data.substr(0, end), size);
}

Result<std::string> dechunk(std::string_view data, std::size_t max_bytes) {
  std::string out;
  while (!data.empty()) {
    const std::size_t end = data.find('\n');
    if (end == std::string_view::npos) break;  // cut short in a size line
    std::uint64_t size = 0;
    if (!chunk_size(data.substr(0, end), size)) {
      return Error{"bad_chunked", "malformed chunk size line in chunked body", ""};
    }
    data.remove_prefix(end + 1);
    if (size == 0) break;  // the last chunk; trailers follow
    const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(size, data.size()));
    if (out.size() + take > max_bytes) return too_large(max_bytes);
    out.append(data.substr(0, take));
    data.remove_prefix(take);
    if (data.starts_with("\r\n")) {
      data.remove_prefix(2);
    } else if (data.starts_with("\n")) {
      data.remove_prefix(1);
    }
  }
  return out;
}

Result<std::string> decode_content(std::string_view coding, std::string_view data,
                                   std::size_t max_bytes) {
  const std::string name = lower(coding);
  if (name == "identity" || name.empty()) {
    if (data.size() > max_bytes) return too_large(max_bytes);
    return std::string(data);
  }
  if (name == "gzip" || name == "x-gzip") {
    if (!crawl::is_gzip(data)) return decode_content("identity", data, max_bytes);
    Result<std::string> out = crawl::gunzip(data, max_bytes);
    if (out) return out;
    if (out.error().code == "too_large") return too_large(max_bytes);
    if (out.error().code == "truncated_gzip") return crawl::gunzip_prefix(data, max_bytes);
    return Error{"bad_encoding", "gzip data does not decode", ""};
  }
  if (name == "deflate") {
    Result<std::string> out = inflate_bounded(data, 15, max_bytes);
    if (!out && out.error().code == "bad_encoding") out = inflate_bounded(data, -15, max_bytes);
    return out;
  }
  if (name == "br") return unbrotli(data, max_bytes);
  return Error{"unsupported_encoding", "unsupported Content-Encoding '" + name + "'", ""};
}

}  // namespace vigil::warc
