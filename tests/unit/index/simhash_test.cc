#include "index/simhash.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "stories_for_test.h"

namespace vigil::index {
namespace {

using test_stories::kCourtStory;
using test_stories::kDroughtStory;

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) {
    ADD_FAILURE() << "'" << from << "' not in the text";
    return text;
  }
  return text.replace(at, from.size(), to);
}

int distance(const std::string& a, const std::string& b) {
  const auto fa = simhash(a);
  const auto fb = simhash(b);
  if (!fa || !fb) {
    ADD_FAILURE() << "no fingerprint";
    return 64;
  }
  return hamming_distance(*fa, *fb);
}

// The same text written differently: the same words, so the same fingerprint.
struct Spelling {
  const char* what;
  std::string text;
};

class SimhashOfTheSameWords : public testing::TestWithParam<Spelling> {};

TEST_P(SimhashOfTheSameWords, IsEqual) {
  EXPECT_EQ(distance(kCourtStory, GetParam().text), 0) << GetParam().what;
  EXPECT_EQ(resemblance(shingles(kCourtStory), shingles(GetParam().text)), 1.0);
}

INSTANTIATE_TEST_SUITE_P(
    Table, SimhashOfTheSameWords,
    testing::Values(Spelling{"identical", kCourtStory},
                    Spelling{"case, spacing and line breaks",
                             replaced(replaced(kCourtStory, "The regional court on Tuesday",
                                               "THE REGIONAL\nCOURT on  Tuesday"),
                                      "said. The judges", "said.\n\nThe judges")},
                    Spelling{"other punctuation: dashes, curly quotes, no-break spaces",
                             replaced(replaced(kCourtStory, "forty-eight", "forty\u2013eight"),
                                      "the law and", "the\u00a0law\u2019 and")}));

// Small edits: a copy either way, by the fingerprint alone (within kNearDuplicateBits) or by the
// fingerprint and the shingles (within kCandidateBits, resembling at kCopyResemblance or more).
class SimhashOfAnEditedCopy : public testing::TestWithParam<Spelling> {};

TEST_P(SimhashOfAnEditedCopy, IsACopy) {
  EXPECT_LE(distance(kCourtStory, GetParam().text), kCandidateBits) << GetParam().what;
  EXPECT_GE(resemblance(shingles(kCourtStory), shingles(GetParam().text)), kCopyResemblance)
      << GetParam().what;
}

INSTANTIATE_TEST_SUITE_P(
    Table, SimhashOfAnEditedCopy,
    testing::Values(
        Spelling{"one word changed in the middle", replaced(kCourtStory, "sang and", "wept and")},
        Spelling{"one word changed at the start",
                 replaced(kCourtStory, "The regional", "A regional")},
        Spelling{"a number corrected",
                 replaced(kCourtStory, "fourteen journalists", "fifteen journalists")},
        Spelling{"a dateline added", std::string("NAIROBI, May 4 - ") + kCourtStory},
        Spelling{"three edits",
                 "NAIROBI, May 4 - " + replaced(replaced(kCourtStory, "sang and", "wept and"),
                                                "Tuesday", "Monday")}));

TEST(Simhash, MostOneWordEditsStayWithinTheThreshold) {
  // Every word of each story replaced in turn: the fingerprint moves at most kCandidateBits, and
  // for about four edits in five at most kNearDuplicateBits (measured: 82% and 88%).
  for (const std::string story : {kCourtStory, kDroughtStory}) {
    std::vector<std::string> words;
    std::istringstream in(story);
    for (std::string word; in >> word;) words.push_back(word);
    std::size_t within = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
      std::string edited;
      for (std::size_t j = 0; j < words.size(); ++j) {
        if (j != 0) edited += ' ';
        edited += j == i ? std::string("xyzzy") : words[j];
      }
      const int d = distance(story, edited);
      EXPECT_LE(d, kCandidateBits) << "word " << i;
      within += d <= kNearDuplicateBits ? 1 : 0;
    }
    EXPECT_GE(within * 4, words.size() * 3) << within << " of " << words.size();
  }
}

TEST(Simhash, DifferentStoriesAreFarApart) {
  // Unrelated texts differ in about half of the 64 bits, and share no shingles.
  EXPECT_GT(distance(kCourtStory, kDroughtStory), 2 * kCandidateBits);
  EXPECT_LT(resemblance(shingles(kCourtStory), shingles(kDroughtStory)), 0.01);
  // Half of one story and half of another: not a copy of either.
  const std::string story(kCourtStory);
  const std::string other(kDroughtStory);
  const std::string half = story.substr(0, story.size() / 2) + other.substr(other.size() / 2);
  EXPECT_GT(distance(kCourtStory, half), kNearDuplicateBits);
  EXPECT_GT(distance(kDroughtStory, half), kNearDuplicateBits);
  EXPECT_LT(resemblance(shingles(kCourtStory), shingles(half)), 0.5);
}

TEST(Simhash, ShortTextsHaveNoFingerprint) {
  const struct {
    const char* text;
    bool fingerprinted;
  } kCases[] = {
      {"", false},
      {"Qtly div 20 cts vs 20 cts previously Pay April 15 Record March 23", false},
      // 24 words, then 25.
      {"one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
       "fifteen sixteen seventeen eighteen nineteen twenty a b c d",
       false},
      {"one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
       "fifteen sixteen seventeen eighteen nineteen twenty a b c d e",
       true},
      {"\u2014 \u2014 \u2014 \u2014 \u2014 \u2014 \u2014 \u2014 \u2014 \u2014 \u2014 \u2014 "
       "\u2014 \u2014 \u2014 \u2014 \u2014 \u2014 \u2014 \u2014 \u2014 \u2014 \u2014 \u2014 \u2014",
       false},  // dashes are not words
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(simhash(c.text).has_value(), c.fingerprinted) << c.text;
  }
  EXPECT_TRUE(simhash(kCourtStory).has_value());
}

TEST(Simhash, BandsCutTheFingerprintInFour) {
  EXPECT_EQ(
      simhash_bands("XSIM", 0x0123456789abcdefULL),
      (std::array<std::string, kSimhashBands>{"XSIM0cdef", "XSIM189ab", "XSIM24567", "XSIM30123"}));
  // Three differing bits leave a band in common (pigeonhole), wherever they are.
  const std::uint64_t base = 0xfedcba9876543210ULL;
  for (const std::uint64_t flips : {0x0000000000000007ULL, 0x8000800080000000ULL,
                                    0x0001000100010000ULL, 0x8000000000000001ULL}) {
    const auto a = simhash_bands("X", base);
    const auto b = simhash_bands("X", base ^ flips);
    int shared = 0;
    for (std::size_t i = 0; i < a.size(); ++i) shared += a[i] == b[i] ? 1 : 0;
    EXPECT_GE(shared, 1) << std::hex << flips;
  }
}

TEST(Simhash, ResemblanceIsSharedOverAllShingles) {
  EXPECT_EQ(resemblance({1, 2, 3}, {1, 2, 3}), 1.0);
  EXPECT_EQ(resemblance({1, 2, 3}, {2, 3, 4}), 0.5);
  EXPECT_EQ(resemblance({1, 2}, {3, 4}), 0.0);
  EXPECT_EQ(resemblance({}, {}), 0.0);                              // nothing to go by
  EXPECT_EQ(shingles("a b c a b c"), shingles("b c a b c a b c"));  // a set: no repeats
  EXPECT_EQ(shingles("a b").size(), 0u);
  EXPECT_EQ(shingles("a b c d").size(), 2u);
}

TEST(Simhash, HammingDistanceCountsDifferingBits) {
  EXPECT_EQ(hamming_distance(0, 0), 0);
  EXPECT_EQ(hamming_distance(0, ~std::uint64_t{0}), 64);
  EXPECT_EQ(hamming_distance(0x10, 0x13), 2);
}

TEST(Simhash, ParsesOnlyTheStoredForm) {
  EXPECT_EQ(parse_fingerprint("0123456789abcdef"), 0x0123456789abcdefULL);
  EXPECT_EQ(parse_fingerprint("ffffffffffffffff"), ~std::uint64_t{0});
  for (const char* bad : {"", "0123456789abcde", "0123456789abcdef0", "0123456789ABCDEF",
                          "0123456789abcdeg", "-123456789abcdef"}) {
    EXPECT_FALSE(parse_fingerprint(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace vigil::index
