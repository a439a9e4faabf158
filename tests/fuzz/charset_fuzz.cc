// Charset detection and conversion (extract/html_charset.h): the HTTP charset from the input's
// first line, the page bytes after it.

#include <cstddef>
#include <cstdint>
#include <string>

#include "extract/html_charset.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vigil::fuzz::Input input(data, size);
  const std::string content_type(input.line());
  const std::string http_charset = vigil::extract::content_type_charset(content_type);
  (void)vigil::extract::declared_charset(input.rest());
  vigil::extract::Decoded decoded;
  vigil::extract::decode(input.rest(), decoded, http_charset);
  return 0;
}
