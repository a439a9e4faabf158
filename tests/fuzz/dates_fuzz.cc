// Time expressions (entities/dates.h) and ISO dates (article/article.h): the publication date
// from the input's first line (parse_iso_date), the text after it. Checks that mentions lie
// within the text, in order, without overlaps, and that each one's text is what it spans.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "article/article.h"
#include "check.h"
#include "entities/dates.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  vigil::fuzz::Input input(data, size);
  const std::optional<vigil::PartialDate> published = vigil::parse_iso_date(input.line(64));
  const std::string_view text = input.rest();
  const std::vector<vigil::entities::DateMention> mentions =
      vigil::entities::find_time_expressions(text, published);
  std::size_t after = 0;
  for (const vigil::entities::DateMention& mention : mentions) {
    VIGIL_FUZZ_CHECK(mention.start >= after);
    VIGIL_FUZZ_CHECK(mention.start < mention.end);
    VIGIL_FUZZ_CHECK(mention.end <= text.size());
    VIGIL_FUZZ_CHECK(mention.text == text.substr(mention.start, mention.end - mention.start));
    after = mention.end;
  }
  (void)vigil::entities::find_dates(text, published);
  return 0;
}
