// A CGI request's parameters (cgi/params.h): the QUERY_STRING decoded, read as a request and
// turned into a search, as the CGI does before it opens the index. Checks that decoded names and
// values are valid UTF-8 without control characters other than tab.

#include <cstddef>
#include <cstdint>
#include <string>

#include "cgi/params.h"
#include "check.h"
#include "vigil/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view query_string(reinterpret_cast<const char*>(data), size);
  const auto pairs = vigil::cgi::parse_query_string(query_string);
  if (!pairs) return 0;
  for (const auto& [name, value] : pairs.value()) {
    for (const std::string* text : {&name, &value}) {
      VIGIL_FUZZ_CHECK(vigil::is_valid_utf8(*text));
      for (const char c : *text) {
        const auto byte = static_cast<unsigned char>(c);
        VIGIL_FUZZ_CHECK(byte == '\t' || (byte >= 0x20 && byte != 0x7F));
      }
    }
  }
  (void)vigil::cgi::requested_format(pairs.value());
  const auto request = vigil::cgi::read_request(pairs.value());
  if (!request) return 0;
  (void)vigil::cgi::to_search_request(request.value().state, 10, 100);
  return 0;
}
