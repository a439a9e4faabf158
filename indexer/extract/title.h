#pragma once
// Page titles carry the site's name ("Headline - BBC News", "Wikipedia | Headline"); the article's
// title is what remains. Only a segment that is the site's name is removed: a title such as
// "Syria - the forgotten war" has no site name in it and is left whole.

#include <string>
#include <string_view>

namespace vigil::extract {

// `title` without a leading or trailing segment (after " | ", " - ", " – ", " — ", " · ",
// " :: ", " » ") that names the site: equal to `site_name` (case-insensitive), the start of it
// ("Aktuálně.cz" of "Aktuálně.cz - Víte, co se právě děje"), or the host's main label
// ("Wikipedia" for en.wikipedia.org). Either may be empty.
std::string strip_site_name(std::string_view title, std::string_view site_name,
                            std::string_view host);

// The host's main label: "bbc" for news.bbc.co.uk, "wikipedia" for en.wikipedia.org.
std::string main_host_label(std::string_view host);

}  // namespace vigil::extract
