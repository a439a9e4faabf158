#include "extract/links.h"

#include <optional>
#include <unordered_set>

#include "crawl/url_resolve.h"

namespace vigil::extract {

std::vector<std::string> resolve_links(std::string_view page_url, std::string_view base_href,
                                       const std::vector<std::string_view>& hrefs) {
  std::string base(page_url);
  if (!base_href.empty()) {
    if (std::optional<std::string> resolved = crawl::resolve_url(page_url, base_href)) {
      base = std::move(*resolved);
    }
  }
  std::vector<std::string> links;
  std::unordered_set<std::string> seen;
  for (const std::string_view href : hrefs) {
    std::optional<std::string> url = crawl::resolve_url(base, href);
    if (url && seen.insert(*url).second) links.push_back(std::move(*url));
  }
  return links;
}

}  // namespace vigil::extract
