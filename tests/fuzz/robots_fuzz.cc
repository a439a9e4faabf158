// robots.txt (crawl/robots.h): parsed for the crawler's product token, then asked about a path
// taken from the input's first line (the pattern matcher runs on hostile rules and paths).

#include <cstddef>
#include <cstdint>
#include <string>

#include "crawl/robots.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vigil::fuzz::Input input(data, size);
  std::string path = "/";
  path += input.line(512);
  const vigil::crawl::RobotsRules rules = vigil::crawl::parse_robots(input.rest(), "vigilbot");
  (void)rules.allowed(path);
  (void)rules.allowed("/");
  return 0;
}
