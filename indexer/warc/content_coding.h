#pragma once
// Undoing the HTTP codings of archived payloads (internal to vigil_warc, used by
// parse_http_response). Archives store what the server sent: wget and Heritrix keep chunked
// framing and gzip or brotli bodies as they came. Every function bounds its output. Errors carry
// no context; callers add it. Thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

#include "vigil/result.h"

namespace vigil::warc {

// True when `data` starts like chunked framing: a hex chunk size ending its line.
bool looks_chunked(std::string_view data);

// The payload of a chunked body (RFC 9112 7.1): chunk extensions and trailers dropped. Data
// ending inside a chunk (a truncated capture) gives what arrived. Fails with "bad_chunked" for a
// malformed size line and "too_large" over `max_bytes`.
Result<std::string> dechunk(std::string_view data, std::size_t max_bytes);

// `data` with one content coding undone: "gzip" or "x-gzip" (a body that does not start with
// the gzip magic bytes is taken as already decoded; one cut short gives what decodes), "deflate"
// (zlib-wrapped, or raw as some servers send), "br", "identity". Fails with
// "unsupported_encoding" (another coding, named), "bad_encoding" (data that does not decode) and
// "too_large" (over `max_bytes`).
Result<std::string> decode_content(std::string_view coding, std::string_view data,
                                   std::size_t max_bytes);

}  // namespace vigil::warc
