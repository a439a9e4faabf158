#pragma once
// Internationalised host names in their ASCII form, for URL normalisation.

#include <optional>
#include <string>
#include <string_view>

namespace vigil::crawl {

// `host` with ASCII letters lower-cased and every dot-separated label holding non-ASCII
// characters replaced by "xn--" and its Punycode (RFC 3492): "Bücher.example" ->
// "xn--bcher-kva.example". nullopt when `host` is not valid UTF-8. Limitation: no UTS 46 mapping
// (Unicode case folding, NFC, ideographic full stops), so "BÜCHER" and "bücher" differ; hrefs in
// practice use the lower-case form. Pure; thread-safe.
std::optional<std::string> host_to_ascii(std::string_view host);

}  // namespace vigil::crawl
