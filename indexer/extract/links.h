#pragma once
// A page's links for the crawler (Article::links). Internal to the extract module.

#include <string>
#include <string_view>
#include <vector>

namespace vigil::extract {

// `hrefs` as absolute, normalised http(s) URLs, in order, without duplicates; other schemes and
// unusable references dropped. Relative links resolve against `base_href` (<base href>, itself
// resolved against `page_url`; empty when the page has none), else against `page_url`.
std::vector<std::string> resolve_links(std::string_view page_url, std::string_view base_href,
                                       const std::vector<std::string_view>& hrefs);

}  // namespace vigil::extract
