// JSON Lines import (extract/jsonl_reader.h), plain or gzip. Checks that every Article's text is
// valid UTF-8 and that the counts add up.

#include <cstddef>
#include <cstdint>

#include "check.h"
#include "extract/jsonl_reader.h"
#include "memory_file.h"
#include "vigil/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const vigil::fuzz::MemoryFile file(data, size);
  std::size_t articles = 0;
  std::size_t errors = 0;
  vigil::extract::JsonlOptions options;
  options.max_line_bytes = std::size_t{1} << 20;
  const auto stats = vigil::extract::read_jsonl(
      file.path(),
      [&](vigil::Result<vigil::Article>&& article) {
        if (!article) {
          ++errors;
          return true;
        }
        ++articles;
        VIGIL_FUZZ_CHECK(vigil::is_valid_utf8(article.value().title));
        VIGIL_FUZZ_CHECK(vigil::is_valid_utf8(article.value().main_text));
        VIGIL_FUZZ_CHECK(vigil::is_valid_utf8(article.value().key));
        return true;
      },
      options);
  if (stats) {
    VIGIL_FUZZ_CHECK(stats.value().records == articles);
    VIGIL_FUZZ_CHECK(stats.value().skipped == errors);
    VIGIL_FUZZ_CHECK(stats.value().records + stats.value().skipped <= stats.value().lines);
  }
  return 0;
}
