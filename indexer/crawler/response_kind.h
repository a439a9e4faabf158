#pragma once
// What a response's headers say about its page, for the crawler: whether an X-Robots-Tag forbids
// indexing it for us, and whether it is HTML.

#include <string>
#include <string_view>

namespace vigil::crawler {

// Whether an X-Robots-Tag header forbids indexing for us: "noindex" or "none", either general
// or addressed to our product token ("vigilbot: noindex"), not to another crawler.
bool header_noindex(const std::string& header, const std::string& token);

// Whether a response is HTML: by its Content-Type (text/html, application/xhtml+xml), or, without
// one, by the start of its body.
bool is_html_type(const std::string& content_type, const std::string& body);

// Whether a header value contains `token` (lower case), ignoring ASCII case.
bool contains_token(const std::string& header, std::string_view token);

}  // namespace vigil::crawler
