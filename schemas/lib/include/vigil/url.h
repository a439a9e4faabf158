#pragma once
// URL pieces both binaries must normalise the same way (site: filters meet the indexed host terms).

#include <string>
#include <string_view>

namespace vigil {

// A host as indexed for site: lower-cased, without a port, a trailing dot or a leading "www.".
// Accepts a bare host ("WWW.Example.org") or a URL ("https://www.example.org/a"), for the query
// side.
std::string normalize_host(std::string_view host_or_url);

// The normalised host of an http(s) URL; empty for other schemes or when there is none.
std::string url_host(std::string_view url);

}  // namespace vigil
