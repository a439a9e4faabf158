// Links as pages write them (crawl/url_resolve.h): the base URL from the input's first line, the
// reference after it. Checks that a resolved URL is http(s), within kMaxUrlBytes, normalised
// (normalize_url gives it back unchanged) and splits.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "check.h"
#include "crawl/url_resolve.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vigil::fuzz::Input input(data, size);
  const std::string_view base = input.line(1024);
  const std::optional<std::string> url = vigil::crawl::resolve_url(base, input.rest());
  if (!url) return 0;
  VIGIL_FUZZ_CHECK(url->starts_with("http://") || url->starts_with("https://"));
  VIGIL_FUZZ_CHECK(url->size() <= vigil::crawl::kMaxUrlBytes);
  VIGIL_FUZZ_CHECK(vigil::crawl::normalize_url(*url) == url);
  VIGIL_FUZZ_CHECK(vigil::crawl::split_url(*url).has_value());
  (void)vigil::crawl::strip_tracking_parameters(*url);
  return 0;
}
