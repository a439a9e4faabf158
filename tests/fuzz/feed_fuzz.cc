// RSS and Atom feeds (crawl/feed.h). Checks the item cap and that every item is an http(s) URL.

#include <cstddef>
#include <cstdint>
#include <string>

#include "check.h"
#include "crawl/feed.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)vigil::crawl::looks_like_feed(bytes);
  const auto feed = vigil::crawl::parse_feed(bytes, "https://example.org/feed.xml");
  if (!feed) return 0;
  VIGIL_FUZZ_CHECK(feed.value().items.size() <= vigil::crawl::kMaxFeedItems);
  for (const vigil::crawl::FeedItem& item : feed.value().items) {
    VIGIL_FUZZ_CHECK(item.url.starts_with("http://") || item.url.starts_with("https://"));
  }
  return 0;
}
