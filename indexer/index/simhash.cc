#include "index/simhash.h"

#include <algorithm>
#include <bit>
#include <charconv>

#include "vigil/text.h"

namespace vigil::index {
namespace {

// MurmurHash3's 64-bit finaliser: every input bit affects every output bit, which the simhash
// needs (each of its 64 bits votes on one bit of the shingle hashes).
std::uint64_t mix(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

// Bytes that end a word at text[i], and how many: ASCII other than letters and digits, U+00A0 and
// U+2000-U+207F (spaces, dashes, quotation marks, the ellipsis), which copies often spell
// differently.
std::size_t separator_length(std::string_view text, std::size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x80) {
    const bool alnum = (byte >= '0' && byte <= '9') || (byte >= 'a' && byte <= 'z') ||
                       (byte >= 'A' && byte <= 'Z');
    return alnum ? 0 : 1;
  }
  const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
  if (byte == 0xC2 && next == 0xA0) return 2;
  if (byte == 0xE2 && (next == 0x80 || next == 0x81)) {
    return std::min<std::size_t>(3, text.size() - i);
  }
  return 0;
}

// Calls on_shingle(hash) for each run of 3 consecutive words of `text`; returns the word count.
template <typename OnShingle>
std::size_t for_each_shingle(std::string_view text, OnShingle on_shingle) {
  std::uint64_t words[3] = {};  // hashes of the last three words, oldest first
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (const std::size_t skip = separator_length(text, i); skip != 0) {
      i += skip;
      continue;
    }
    std::uint64_t word = kFnvOffset;
    while (i < text.size() && separator_length(text, i) == 0) {
      word ^= static_cast<unsigned char>(ascii_lower(text[i++]));
      word *= kFnvPrime;
    }
    words[0] = words[1];
    words[1] = words[2];
    words[2] = word;
    if (++count >= 3) on_shingle(mix(mix(mix(words[0]) ^ words[1]) ^ words[2]));
  }
  return count;
}

}  // namespace

std::optional<std::uint64_t> simhash(std::string_view text) {
  int votes[64] = {};
  const std::size_t words = for_each_shingle(text, [&](std::uint64_t shingle) {
    for (int bit = 0; bit < 64; ++bit) votes[bit] += ((shingle >> bit) & 1) != 0 ? 1 : -1;
  });
  if (words < kSimhashMinWords) return std::nullopt;
  std::uint64_t fingerprint = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (votes[bit] > 0) fingerprint |= std::uint64_t{1} << bit;
  }
  return fingerprint;
}

std::vector<std::uint64_t> shingles(std::string_view text) {
  std::vector<std::uint64_t> out;
  for_each_shingle(text, [&](std::uint64_t shingle) { out.push_back(shingle); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double resemblance(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  std::size_t common = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j) {
      ++i;
    } else if (*j < *i) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  const std::size_t either = a.size() + b.size() - common;
  return either == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(either);
}

int hamming_distance(std::uint64_t a, std::uint64_t b) { return std::popcount(a ^ b); }

std::array<std::string, kSimhashBands> simhash_bands(std::string_view prefix,
                                                     std::uint64_t fingerprint) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::array<std::string, kSimhashBands> terms;
  for (int band = 0; band < kSimhashBands; ++band) {
    std::string& term = terms[static_cast<std::size_t>(band)];
    term.assign(prefix);
    term += static_cast<char>('0' + band);
    const auto bits = static_cast<unsigned>((fingerprint >> (16 * band)) & 0xffff);
    for (int shift = 12; shift >= 0; shift -= 4) term += kHex[(bits >> shift) & 0xf];
  }
  return terms;
}

std::optional<std::uint64_t> parse_fingerprint(std::string_view text) {
  if (text.size() != 16) return std::nullopt;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  }
  std::uint64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value, 16);
  return value;
}

}  // namespace vigil::index
