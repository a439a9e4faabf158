// WARC files (warc/reader.h), plain or gzip, and the pages their records hold
// (warc/warc_article.h: the HTTP response, its content codings, the HTML). Reads until the end,
// as an import does after errors; a reader that made no progress would loop, so the number of
// next() calls is bounded by the input size.

#include <cstddef>
#include <cstdint>
#include <string>

#include "check.h"
#include "memory_file.h"
#include "warc/reader.h"
#include "warc/warc_article.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const vigil::fuzz::MemoryFile file(data, size);
  vigil::warc::Reader reader(file.path(), std::uint64_t{4} << 20);
  std::size_t calls = 0;
  while (true) {
    ++calls;
    VIGIL_FUZZ_CHECK(calls <= size + 2);
    const auto next = reader.next();
    if (!next) continue;
    if (!next.value()) break;
    const vigil::warc::Record& record = *next.value();
    (void)vigil::warc::archived_page_head(record);
    (void)vigil::warc::warc_article(record, "fuzz@0", std::size_t{4} << 20);
  }
  return 0;
}
