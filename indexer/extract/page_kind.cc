#include "extract/page_kind.h"

#include <array>
#include <string>

#include "extract/dom.h"
#include "vigil/text.h"

namespace vigil::extract {
namespace {

constexpr std::array<std::string_view, 14> kErrorTitles = {"page not found",
                                                           "not found",
                                                           "404 error",
                                                           "error 404",
                                                           "page does not exist",
                                                           "no longer exists",
                                                           "no longer available",
                                                           "page unavailable",
                                                           "access denied",
                                                           "403 forbidden",
                                                           "internal server error",
                                                           "service unavailable",
                                                           "410 gone",
                                                           "file not found"};
constexpr std::size_t kMaxErrorTitleWords = 10;

}  // namespace

std::size_t count_words(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = is_space(c);
    words += static_cast<std::size_t>(!space && !in_word);
    in_word = !space;
  }
  return words;
}

bool error_title(std::string_view title) {
  if (title.empty() || count_words(title) > kMaxErrorTitleWords) return false;
  const std::string lower = ascii_lower(title);
  for (const std::string_view phrase : kErrorTitles) {
    if (lower.find(phrase) != std::string::npos) return true;
  }
  return false;
}

}  // namespace vigil::extract
