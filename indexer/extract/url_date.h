#pragma once
// Publication dates in URL paths, the last resort for pages without date metadata.

#include <optional>
#include <string_view>

#include "article/article.h"

namespace vigil::extract {

// The date in a URL's path: "/2021/06/03/", "/2021-06-03", "/20210603/" (day precision) or
// "/2021/06/" (month precision); years 1990-2099 only, and impossible dates are refused. Digits
// in the host, query or fragment are ignored; nullopt when there is no such date.
std::optional<PartialDate> date_from_url(std::string_view url);

}  // namespace vigil::extract
