#pragma once
// The page's own static files, built into the binary (searcher/cgi/assets/) and served by the CGI
// (?asset=NAME), because the Content-Security-Policy allows only same-origin styles and scripts
// and a CGI cannot count on a static directory beside it.

#include <string>
#include <string_view>

namespace vigil::cgi {

struct Asset {
  std::string_view name;          // "style.css", "search.js"
  std::string_view content_type;  // "text/css; charset=utf-8"
  std::string_view body;
};

// The built-in asset called `name`, or nullptr.
const Asset* find_asset(std::string_view name);

// A token that changes whenever a built-in asset does (a hash of them all), for their URLs.
const std::string& assets_version();

}  // namespace vigil::cgi
