#include "crawl/gunzip.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "gzip_for_test.h"

namespace vigil::crawl {
namespace {

TEST(Gunzip, RoundTrips) {
  const std::string text = "<urlset>\n" + std::string(100000, 'x') + "\n</urlset>\n";
  const Result<std::string> out = gunzip(test::gzip(text), 1 << 20);
  ASSERT_TRUE(out.ok()) << out.error().describe();
  EXPECT_EQ(out.value(), text);
}

TEST(Gunzip, JoinsConcatenatedMembersAndIgnoresTrailingPadding) {
  const std::string data = test::gzip("first ") + test::gzip("second") + std::string(8, '\0');
  const Result<std::string> out = gunzip(data, 1000);
  ASSERT_TRUE(out.ok()) << out.error().describe();
  EXPECT_EQ(out.value(), "first second");
}

TEST(Gunzip, EmptyMember) {
  const Result<std::string> out = gunzip(test::gzip(""), 10);
  ASSERT_TRUE(out.ok()) << out.error().describe();
  EXPECT_EQ(out.value(), "");
}

TEST(Gunzip, ExactlyAtTheLimitIsAccepted) {
  const Result<std::string> out = gunzip(test::gzip("12345"), 5);
  ASSERT_TRUE(out.ok()) << out.error().describe();
  EXPECT_EQ(out.value(), "12345");
  const Result<std::string> over = gunzip(test::gzip("123456"), 5);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().code, "too_large");
}

TEST(Gunzip, BombStopsAtTheCapQuickly) {
  const std::string bomb = test::gzip_zeros(std::size_t{200} << 20);  // 200 MiB of zeros
  ASSERT_LT(bomb.size(), 300'000u);
  const auto start = std::chrono::steady_clock::now();
  const Result<std::string> out = gunzip(bomb, std::size_t{1} << 20);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, "too_large");
  EXPECT_NE(out.error().message.find("1048576"), std::string::npos) << out.error().message;
  EXPECT_LT(elapsed, std::chrono::seconds(2));
}

TEST(Gunzip, TruncatedStream) {
  const std::string data = test::gzip(std::string(5000, 'a') + std::string(5000, 'b'));
  for (const std::size_t keep :
       {std::size_t{2}, std::size_t{10}, data.size() / 2, data.size() - 1}) {
    const Result<std::string> out = gunzip(data.substr(0, keep), 1 << 20);
    ASSERT_FALSE(out.ok()) << keep;
    EXPECT_EQ(out.error().code, "truncated_gzip") << keep;
  }
}

TEST(Gunzip, CorruptStream) {
  std::string data = test::gzip("some text that is long enough to matter, some text, some text");
  data[data.size() - 6] ^= 0x55;  // the CRC-32 in the trailer
  const Result<std::string> crc = gunzip(data, 1 << 20);
  ASSERT_FALSE(crc.ok());
  EXPECT_EQ(crc.error().code, "corrupt_gzip");

  const Result<std::string> header = gunzip(std::string("\x1f\x8b\x05\x00garbage", 11), 1 << 20);
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.error().code, "corrupt_gzip");
}

TEST(Gunzip, Sniffing) {
  EXPECT_TRUE(is_gzip(test::gzip("x")));
  EXPECT_FALSE(is_gzip("<?xml"));
  EXPECT_FALSE(is_gzip("\x1f"));
  EXPECT_FALSE(is_gzip(""));
}

TEST(Gunzip, PrefixIsBestEffort) {
  const std::string data = test::gzip(std::string(100000, 'z'));
  EXPECT_EQ(gunzip_prefix(data, 10), std::string(10, 'z'));
  EXPECT_EQ(gunzip_prefix(data.substr(0, data.size() / 2), 1 << 20).substr(0, 3), "zzz");
  EXPECT_EQ(gunzip_prefix("not gzip", 10), "");
}

TEST(MaybeGunzip, PassesPlainBytesThroughAndLimitsThem) {
  std::string storage;
  const Result<std::string_view> plain = maybe_gunzip("plain", 5, storage);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain.value(), "plain");
  EXPECT_TRUE(storage.empty());
  const Result<std::string_view> long_plain = maybe_gunzip("plain!", 5, storage);
  ASSERT_FALSE(long_plain.ok());
  EXPECT_EQ(long_plain.error().code, "too_large");
  const Result<std::string_view> packed = maybe_gunzip(test::gzip("packed"), 100, storage);
  ASSERT_TRUE(packed.ok());
  EXPECT_EQ(packed.value(), "packed");
  EXPECT_EQ(storage, "packed");
}

}  // namespace
}  // namespace vigil::crawl
