#pragma once
// Near-duplicate fingerprints: a 64-bit simhash (Charikar 2002) of a text's 3-word shingles, so
// that copies of one story (the same text, or the same text with a few words changed) get
// fingerprints a few bits apart, while unrelated texts differ in about half of their 64 bits.
// Pure functions; thread-safe.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::index {

// Texts with fewer words get no fingerprint, so they are never taken for copies. Short items are
// mostly templates (dividend notices, price reports) whose identical wording reports different
// companies or markets (in Reuters-21578: the same 14-word dividend notice for Quaker Oats and
// Unibancorp, one hog-price line for Joliet and St Joseph).
inline constexpr std::size_t kSimhashMinWords = 25;

// Fingerprints at most this many bits apart are copies of one story. Measured on the shared news
// corpus (Reuters-21578, BBC, TempEval-3): every pair within 3 bits is one story (their 3-word
// shingles resemble at 0.80 and more); from 4 bits on, different reports of one template appear
// (two days' tapioca prices at 4 bits, two quarterly results of one company at 5).
inline constexpr int kNearDuplicateBits = 3;

// Fingerprints are noisy: one word changed in a 200-word text moves 4 bits or more about one time
// in five. So texts further apart, up to kCandidateBits, are copies when their shingles resemble
// at kCopyResemblance or more (in the corpus, every such pair published within 2 days is one
// story; 0.8 would let in two days' tapioca price reports).
inline constexpr int kCandidateBits = 12;
inline constexpr double kCopyResemblance = 0.9;

// A fingerprint is indexed as kSimhashBands band terms of 16 bits each: two fingerprints at most
// kNearDuplicateBits apart differ in at most 3 bands, so they share at least one band term.
inline constexpr int kSimhashBands = 4;

// The simhash of `text`'s words (maximal runs of ASCII letters and digits and of other non-ASCII
// characters than spaces and General Punctuation; ASCII letters lower-cased): each run of 3
// consecutive words is hashed to 64 bits, and bit i of the result is set when more shingles have
// bit i set than clear. std::nullopt when `text` has fewer than kSimhashMinWords words.
std::optional<std::uint64_t> simhash(std::string_view text);

// The hashes of `text`'s 3-word shingles (words as simhash() reads them), sorted, without repeats.
std::vector<std::uint64_t> shingles(std::string_view text);

// The resemblance (Jaccard index) of two shingle sets from shingles(): shared shingles over all
// shingles; 0 when both are empty.
double resemblance(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

// The number of bits in which `a` and `b` differ.
int hamming_distance(std::uint64_t a, std::uint64_t b);

// The band terms of `fingerprint`: prefix, band number (0-3), then the band's 16 bits as 4
// lower-case hex digits ("XSIM0" "9f3a").
std::array<std::string, kSimhashBands> simhash_bands(std::string_view prefix,
                                                     std::uint64_t fingerprint);

// A fingerprint from its stored form, hex64() (16 lower-case hex digits); std::nullopt for
// anything else (an empty value: a text too short for a fingerprint).
std::optional<std::uint64_t> parse_fingerprint(std::string_view text);

}  // namespace vigil::index
