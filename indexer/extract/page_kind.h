#pragma once
// Signs that a page is an error page rather than an article (used by read_page). Internal to the
// extract module.

#include <cstddef>
#include <string_view>

namespace vigil::extract {

// Error pages are short: a page with more words than this is not one, whatever its title says.
inline constexpr std::size_t kMaxErrorPageWords = 200;

// Words (runs of non-space characters) in `text`.
std::size_t count_words(std::string_view text);

// Whether `title` reads as an error page's ("404 Not Found", "Page not found | Site", "Access
// denied"): one of the error phrases, ignoring ASCII case, in a title of at most 10 words.
bool error_title(std::string_view title);

}  // namespace vigil::extract
