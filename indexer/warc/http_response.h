#pragma once
// HTTP responses as archived in WARC response records: the status, the headers and the payload
// with its transfer and content codings undone.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vigil/result.h"

namespace vigil::warc {

struct HttpResponse {
  long status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // in order; values trimmed
  // The value of the first field named `name` (ASCII case-insensitive); "" when absent.
  std::string header(std::string_view name) const;
  std::string body;  // decoded (see parse_http_response)
};

// Parses a response record's block: a status line "HTTP/1.1 200 OK" (any HTTP/x[.y]; the reason
// may be missing), header lines (CRLF or LF ends, folded lines joined), an empty line, the
// payload. The payload is decoded: chunked Transfer-Encoding removed (unless the body does not
// start like chunked framing: some tools store it dechunked under the original header), then
// each Content-Encoding (gzip, x-gzip, deflate, br, identity; in reverse order of listing)
// undone. A head without its empty line at the end of the block has an empty body.
// Errors (no context; callers add it): "bad_http" (no status line, a header line without ':'),
// "bad_chunked", "bad_encoding", "unsupported_encoding" (see content_coding.h), "too_large"
// (the decoded payload over `max_body_bytes`, checked while decoding, so a compression bomb
// costs at most that much memory). Thread-safe.
Result<HttpResponse> parse_http_response(std::string_view block, std::size_t max_body_bytes);

// The status and headers alone (body left empty), without decoding the payload: to decide
// whether a response is worth decoding. Fails with "bad_http" as parse_http_response does.
Result<HttpResponse> parse_http_head(std::string_view block);

}  // namespace vigil::warc
