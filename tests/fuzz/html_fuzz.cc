// HTML extraction (extract/html_reader.h): the page as the crawler reads it, with the
// Content-Type header taken from the input's first line. Checks that every text field of the
// Article is valid UTF-8 and that every link is an absolute http(s) URL.

#include <cstddef>
#include <cstdint>
#include <string>

#include "check.h"
#include "extract/html_reader.h"
#include "fuzz_input.h"
#include "vigil/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vigil::fuzz::Input input(data, size);
  const std::string content_type(input.line());
  const vigil::extract::HtmlInput page{input.rest(), "https://example.org/news/a.html", "fuzz",
                                       content_type};
  const vigil::Result<vigil::extract::PageReading> read = vigil::extract::read_page(page);
  if (!read) return 0;
  const vigil::Article& article = read.value().article;
  for (const std::string* text :
       {&article.key, &article.url, &article.title, &article.language, &article.source,
        &article.section, &article.description, &article.main_text}) {
    VIGIL_FUZZ_CHECK(vigil::is_valid_utf8(*text));
  }
  for (const std::string& author : article.authors) VIGIL_FUZZ_CHECK(vigil::is_valid_utf8(author));
  for (const std::string& link : article.links) {
    VIGIL_FUZZ_CHECK(link.starts_with("http://") || link.starts_with("https://"));
  }
  return 0;
}
