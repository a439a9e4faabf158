#pragma once
// JSON string escaping, shared by vigil-search's JSON output and vigil-index's extract command.

#include <string>
#include <string_view>

namespace vigil {

// The body of a JSON string (without the quotes): " and \ escaped, control characters below U+0020
// as \n \t \r \b \f or \u00XX, and U+2028/U+2029 as \u2028/\u2029 so that the result is also a
// valid JavaScript string literal. Other UTF-8 is kept as is; ill-formed UTF-8 becomes U+FFFD.
// Note that "</script>" is not escaped: HTML that embeds the JSON in a <script> element must
// still guard against it.
std::string json_escape(std::string_view text);

// json_escape(text) in double quotes.
std::string json_quote(std::string_view text);

}  // namespace vigil
