#pragma once
// How the writer lays out one WARC/1.1 record (internal to vigil_warc; tests use it too).

#include <cstddef>
#include <string>
#include <string_view>

namespace vigil::warc {

// The named fields of a record header, written in this order when non-empty; Content-Length and
// WARC-Block-Digest are computed by format_record.
struct RecordHeader {
  std::string type;            // WARC-Type
  std::string id;              // WARC-Record-ID, "<urn:uuid:...>"
  std::string date;            // WARC-Date
  std::string target_uri;      // WARC-Target-URI (already made safe by uri_value)
  std::string ip_address;      // WARC-IP-Address
  std::string warcinfo_id;     // WARC-Warcinfo-ID
  std::string concurrent_to;   // WARC-Concurrent-To
  std::string filename;        // WARC-Filename (warcinfo records)
  std::string content_type;    // Content-Type
  std::string payload_digest;  // WARC-Payload-Digest
};

// "WARC/1.1" CRLF, the fields, Content-Length of head + body, the block digest, CRLF, the block
// (head then body), CRLF CRLF.
std::string format_record(const RecordHeader& header, std::string_view head, std::string_view body);

// `text` fit for a field value: control characters (CR, LF, NUL, ...) become spaces.
std::string field_value(std::string_view text);

// A URI fit for WARC-Target-URI: bytes that cannot appear in a URI unescaped and would break the
// header (controls, space, DEL) percent-encoded; everything else as given.
std::string uri_value(std::string_view uri);

// `head` ending with an empty line: kept as is when it does, else given the missing line ends.
std::string with_blank_line(std::string_view head);

// The response head to store with a body of `body_size` bytes, as Capture documents:
// Transfer-Encoding (always), Content-Encoding (when `decoded`) and then Content-Length are
// renamed X-Archive-Orig-<name> and a Content-Length of the stored body is added. A head without
// Transfer-Encoding, or without a Content-Encoding other than identity when `decoded`, is kept
// byte for byte (with_blank_line). Rewritten heads have CRLF line ends.
std::string stored_response_head(std::string_view head, std::size_t body_size, bool decoded);

}  // namespace vigil::warc
