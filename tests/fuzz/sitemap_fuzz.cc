// Sitemaps (crawl/sitemap.h), XML, text or gzip. Checks the entry cap and that every entry is a
// normalised http(s) URL.

#include <cstddef>
#include <cstdint>
#include <string>

#include "check.h"
#include "crawl/sitemap.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)vigil::crawl::looks_like_sitemap(bytes);
  const auto sitemap = vigil::crawl::parse_sitemap(bytes, "https://example.org/sitemap.xml");
  if (!sitemap) return 0;
  VIGIL_FUZZ_CHECK(sitemap.value().entries.size() <= vigil::crawl::kMaxSitemapEntries);
  for (const vigil::crawl::SitemapEntry& entry : sitemap.value().entries) {
    VIGIL_FUZZ_CHECK(entry.url.starts_with("http://") || entry.url.starts_with("https://"));
  }
  return 0;
}
